import type { EntityManager } from 'typeorm';
import type {
  ContractDraft,
  ContractReview,
  ReviewerRole,
  ReviewerStatus,
  ReviewStatus,
} from '../../domain/review/contract-review.js';
import type { ContractReviewRepository } from '../../domain/review/contract-review.ports.js';
import { FormError } from '../../domain/shared/errors.js';
import { ContractReviewEntity, type ContractReviewRow } from '../entities/review.entities.js';
import { fromJson, isDuplicateKey, toJson } from '../json.js';

const num = (v: string | number | null): number | null => (v === null || v === undefined ? null : Number(v));

export class TypeOrmContractReviewRepository implements ContractReviewRepository {
  constructor(private readonly em: EntityManager) {}

  private get repo() {
    return this.em.getRepository(ContractReviewEntity);
  }

  async findByNo(contractNo: string): Promise<ContractReview | undefined> {
    const row = await this.repo.findOneBy({ contract_no: contractNo });
    return row ? toReview(row) : undefined;
  }

  async get(id: number): Promise<ContractReview | undefined> {
    const row = await this.repo.findOneBy({ id });
    return row ? toReview(row) : undefined;
  }

  async create(d: ContractDraft, now: Date): Promise<ContractReview> {
    try {
      const res = await this.repo.insert({
        ...draftColumns(d),
        status: 'in_review',
        round: 1,
        legal_status: 'pending',
        finance_status: 'pending',
        legal_comment: null,
        finance_comment: null,
        submitted_at: now,
        decided_at: null,
      });
      return toReview((await this.repo.findOneBy({ id: Number(res.identifiers[0]?.id) }))!);
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
      throw new FormError(
        { contract_no: { key: 'review.err.in_review', params: { value: d.contractNo } } },
        { ...d.form.raw },
      );
    }
  }

  async resubmit(id: number, d: ContractDraft, now: Date): Promise<boolean> {
    const res = await this.repo
      .createQueryBuilder()
      .update()
      .set({
        ...draftColumns(d),
        status: 'in_review',
        round: () => 'round + 1',
        legal_status: 'pending',
        finance_status: 'pending',
        legal_comment: null,
        finance_comment: null,
        submitted_at: now,
        decided_at: null,
      })
      .where('id = :id AND status = :s', { id, s: 'returned' })
      .execute();
    return res.affected === 1;
  }

  async decide(
    id: number,
    round: number,
    role: ReviewerRole,
    status: Exclude<ReviewerStatus, 'pending'>,
    comment: string | null,
    _now: Date,
  ): Promise<boolean> {
    const set =
      role === 'legal'
        ? { legal_status: status, legal_comment: comment }
        : { finance_status: status, finance_comment: comment };
    const res = await this.repo
      .createQueryBuilder()
      .update()
      .set(set)
      .where(`id = :id AND round = :round AND status = :s AND ${role}_status = :p`, {
        id,
        round,
        s: 'in_review',
        p: 'pending',
      })
      .execute();
    return res.affected === 1;
  }

  async markSigned(id: number, round: number, now: Date): Promise<boolean> {
    const res = await this.repo
      .createQueryBuilder()
      .update()
      .set({ status: 'signed', decided_at: now })
      .where('id = :id AND round = :round AND status = :s AND legal_status = :ok AND finance_status = :ok', {
        id,
        round,
        s: 'in_review',
        ok: 'approved',
      })
      .execute();
    return res.affected === 1;
  }

  async markReturned(id: number, round: number, now: Date): Promise<boolean> {
    const res = await this.repo
      .createQueryBuilder()
      .update()
      .set({ status: 'returned', decided_at: now })
      .where('id = :id AND round = :round AND status = :s', { id, round, s: 'in_review' })
      .execute();
    return res.affected === 1;
  }

  async listInReview(f: { agentOpenId?: string; limit: number }): Promise<ContractReview[]> {
    const qb = this.repo.createQueryBuilder('r').where('r.status = :s', { s: 'in_review' });
    if (f.agentOpenId) qb.andWhere('r.agent_open_id = :a', { a: f.agentOpenId });
    return (await qb.orderBy('r.submitted_at', 'ASC').addOrderBy('r.id', 'ASC').take(f.limit).getMany()).map(toReview);
  }
}

function draftColumns(d: ContractDraft) {
  return {
    contract_no: d.contractNo,
    client_id: d.clientId,
    agent_open_id: d.agentOpenId,
    signed_date: d.signedDate,
    unit: d.unit,
    area: d.area,
    monthly_rent: d.monthlyRent,
    collection_id: d.collectionId,
    entered_by: d.enteredBy,
    form_payload: toJson(d.form),
  };
}

function toReview(r: ContractReviewRow): ContractReview {
  return {
    id: r.id,
    contractNo: r.contract_no,
    clientId: r.client_id,
    agentOpenId: r.agent_open_id,
    signedDate: r.signed_date,
    unit: r.unit,
    area: num(r.area),
    monthlyRent: num(r.monthly_rent),
    collectionId: r.collection_id,
    enteredBy: r.entered_by,
    form: fromJson<ContractDraft['form']>(r.form_payload) ?? {
      raw: {},
      missing: [],
      filedAt: new Date(0).toISOString(),
    },
    status: r.status as ReviewStatus,
    round: Number(r.round),
    legal: { status: r.legal_status as ReviewerStatus, comment: r.legal_comment },
    finance: { status: r.finance_status as ReviewerStatus, comment: r.finance_comment },
    submittedAt: new Date(r.submitted_at),
    decidedAt: r.decided_at ? new Date(r.decided_at) : null,
  };
}

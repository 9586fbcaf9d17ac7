import type { EntityManager } from 'typeorm';
import type { Approval, FinalStatus, NewApproval } from '../../domain/approvals/approval.js';
import type { ApprovalRepository } from '../../domain/approvals/approval.ports.js';
import { isRole, type Role } from '../../domain/members/roles.js';
import { ApprovalEntity, type ApprovalRow } from '../entities/approvals.entities.js';
import { fromJson, toJson } from '../json.js';

export class TypeOrmApprovalRepository implements ApprovalRepository {
  constructor(private readonly em: EntityManager) {}

  private get repo() {
    return this.em.getRepository(ApprovalEntity);
  }

  async create(a: NewApproval & { notified: string[] }, now: Date): Promise<Approval> {
    const res = await this.repo.insert({
      kind: a.kind,
      subject_id: a.subjectId,
      requester_open_id: a.requester,
      approver_role: a.approverRole,
      summary: a.summary,
      payload_json: toJson(a.payload ?? null),
      status: 'pending',
      decided_by: null,
      decided_at: null,
      comment: null,
      notified_json: toJson(a.notified),
      resent_at: null,
      resent_to_json: null,
      escalated_at: null,
      escalated_to_json: null,
      created_at: now,
    });
    return (await this.get(Number(res.identifiers[0]?.id)))!;
  }

  async get(id: number): Promise<Approval | undefined> {
    const row = await this.repo.findOneBy({ id });
    return row ? toApproval(row) : undefined;
  }

  async decideOnce(id: number, status: FinalStatus, by: string, comment: string | null, at: Date): Promise<boolean> {
    const res = await this.repo
      .createQueryBuilder()
      .update()
      .set({ status, decided_by: by, decided_at: at, comment })
      .where('id = :id AND status = :pending', { id, pending: 'pending' })
      .execute();
    return res.affected === 1;
  }

  async listPending(f: {
    approverRoles?: Role[];
    requester?: string;
    kind?: string;
    createdBefore?: Date;
    notResent?: boolean;
    resentBefore?: Date;
    limit?: number;
  }): Promise<Approval[]> {
    const qb = this.repo.createQueryBuilder('a').where('a.status = :pending', { pending: 'pending' });
    if (f.approverRoles)
      qb.andWhere('a.approver_role IN (:...roles)', { roles: f.approverRoles.length ? f.approverRoles : ['-'] });
    if (f.requester) qb.andWhere('a.requester_open_id = :req', { req: f.requester });
    if (f.kind) qb.andWhere('a.kind = :kind', { kind: f.kind });
    if (f.createdBefore) qb.andWhere('a.created_at < :before', { before: f.createdBefore });
    if (f.notResent) qb.andWhere('a.resent_at IS NULL');
    if (f.resentBefore)
      qb.andWhere('a.resent_at < :resentBefore AND a.escalated_at IS NULL', { resentBefore: f.resentBefore });
    const rows = await qb
      .orderBy(f.resentBefore ? 'a.resent_at' : 'a.created_at', 'ASC')
      .addOrderBy('a.id', 'ASC')
      .take(f.limit ?? 50)
      .getMany();
    return rows.map(toApproval);
  }

  async markResent(id: number, notified: string[], at: Date, resentTo: string[] = notified): Promise<boolean> {
    const res = await this.repo
      .createQueryBuilder()
      .update()
      .set({ resent_at: at, notified_json: toJson(notified), resent_to_json: toJson(resentTo) })
      .where('id = :id AND status = :pending AND resent_at IS NULL', { id, pending: 'pending' })
      .execute();
    return res.affected === 1;
  }

  async markEscalated(id: number, leaders: string[], at: Date): Promise<boolean> {
    const res = await this.repo
      .createQueryBuilder()
      .update()
      .set({ escalated_at: at, escalated_to_json: toJson(leaders) })
      .where('id = :id AND status = :pending AND resent_at IS NOT NULL AND escalated_at IS NULL', {
        id,
        pending: 'pending',
      })
      .execute();
    return res.affected === 1;
  }

  async latestFor(kind: string, subjectId: string): Promise<Approval | undefined> {
    const row = await this.repo.findOne({ where: { kind, subject_id: subjectId }, order: { id: 'DESC' } });
    return row ? toApproval(row) : undefined;
  }
}

function toApproval(r: ApprovalRow): Approval {
  const role = r.approver_role;
  if (!isRole(role)) throw new Error(`approval ${r.id} has an unknown approver role ${role}`);
  return {
    id: r.id,
    kind: r.kind,
    subjectId: r.subject_id,
    requester: r.requester_open_id,
    approverRole: role,
    summary: r.summary,
    payload: fromJson(r.payload_json) ?? null,
    status: r.status as Approval['status'],
    decidedBy: r.decided_by,
    decidedAt: r.decided_at ? new Date(r.decided_at) : null,
    comment: r.comment,
    notified: fromJson<string[]>(r.notified_json) ?? [],
    resentAt: r.resent_at ? new Date(r.resent_at) : null,
    resentTo: fromJson<string[]>(r.resent_to_json) ?? [],
    escalatedAt: r.escalated_at ? new Date(r.escalated_at) : null,
    escalatedTo: fromJson<string[]>(r.escalated_to_json) ?? [],
    createdAt: new Date(r.created_at),
  };
}

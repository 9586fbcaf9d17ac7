import type { EntityManager } from 'typeorm';
import type { FormRecordRepository } from '../../domain/forms/form.ports.js';
import type { ComplianceCount, FormKind, FormRecord, NewFormRecord } from '../../domain/forms/form.js';
import { conflict } from '../../domain/shared/errors.js';
import { FormRecordEntity, type FormRecordRow } from '../entities/forms.entities.js';
import { isDuplicateKey } from '../json.js';

export class TypeOrmFormRecordRepository implements FormRecordRepository {
  constructor(private readonly em: EntityManager) {}

  private get repo() {
    return this.em.getRepository(FormRecordEntity);
  }

  async add(r: NewFormRecord): Promise<FormRecord> {
    try {
      const res = await this.repo.insert({
        kind: r.kind,
        client_id: r.clientId,
        agent_open_id: r.agentOpenId,
        filed_by: r.filedBy,
        filed_at: r.filedAt,
        due_at: r.dueAt,
        late: r.late,
        incomplete: r.incomplete,
        missing_fields: r.missing.length ? r.missing.join(',').slice(0, 191) : null,
        flagged: false,
        flag_reason: null,
        flagged_by: null,
        flagged_at: null,
        ref_id: r.refId,
        dedupe_key: r.dedupeKey,
        payload_json: JSON.stringify(r.payload),
      });
      return (await this.get(Number(res.identifiers[0]?.id)))!;
    } catch (err) {
      if (r.dedupeKey && isDuplicateKey(err)) throw conflict('form.duplicate');
      throw err;
    }
  }

  async get(id: number): Promise<FormRecord | undefined> {
    const row = await this.repo.findOneBy({ id });
    return row ? toRecord(row) : undefined;
  }

  async findByDedupeKey(key: string): Promise<FormRecord | undefined> {
    const row = await this.repo.findOneBy({ dedupe_key: key });
    return row ? toRecord(row) : undefined;
  }

  async flag(id: number, by: string, reason: string, at: Date): Promise<boolean> {
    const res = await this.repo.update(
      { id, flagged: false },
      { flagged: true, flagged_by: by, flag_reason: reason.slice(0, 200), flagged_at: at },
    );
    return res.affected === 1;
  }

  async listForClient(clientId: number, limit: number): Promise<FormRecord[]> {
    const rows = await this.repo.find({
      where: { client_id: clientId },
      order: { filed_at: 'DESC', id: 'DESC' },
      take: limit,
    });
    return rows.map(toRecord);
  }

  async lastContactAt(clientId: number): Promise<Date | undefined> {
    const row = await this.repo
      .createQueryBuilder('f')
      .where('f.client_id = :clientId', { clientId })
      .andWhere('f.kind IN (:...kinds)', { kinds: ['visitor', 'revisit_outcome'] })
      .orderBy('f.filed_at', 'DESC')
      .getOne();
    return row ? new Date(row.filed_at) : undefined;
  }

  async listRecentByAgent(kind: FormKind, agentOpenId: string, since: Date): Promise<FormRecord[]> {
    const rows = await this.repo
      .createQueryBuilder('f')
      .where('f.agent_open_id = :agentOpenId AND f.kind = :kind AND f.filed_at >= :since', { agentOpenId, kind, since })
      .orderBy('f.filed_at', 'ASC')
      .addOrderBy('f.id', 'ASC')
      .getMany();
    return rows.map(toRecord);
  }

  async complianceByAgent(from: Date, to: Date): Promise<ComplianceCount[]> {
    const rows = await this.repo
      .createQueryBuilder('f')
      .select('f.agent_open_id', 'agent')
      .addSelect('COUNT(*)', 'filed')
      .addSelect('SUM(CASE WHEN f.late = :t THEN 1 ELSE 0 END)', 'late')
      .addSelect('SUM(CASE WHEN f.incomplete = :t THEN 1 ELSE 0 END)', 'incomplete')
      .addSelect('SUM(CASE WHEN f.flagged = :t THEN 1 ELSE 0 END)', 'flagged')
      .where('f.filed_at >= :from AND f.filed_at < :to', { from, to, t: true })
      .andWhere('f.agent_open_id IS NOT NULL')
      .groupBy('f.agent_open_id')
      .orderBy('f.agent_open_id', 'ASC')
      .getRawMany<{
        agent: string;
        filed: string | number;
        late: string | number;
        incomplete: string | number;
        flagged: string | number;
      }>();
    return rows.map((r) => ({
      agentOpenId: r.agent,
      filed: Number(r.filed),
      late: Number(r.late),
      incomplete: Number(r.incomplete),
      flagged: Number(r.flagged),
    }));
  }
}

function toRecord(r: FormRecordRow): FormRecord {
  return {
    id: r.id,
    kind: r.kind as FormKind,
    clientId: r.client_id,
    agentOpenId: r.agent_open_id,
    filedBy: r.filed_by,
    filedAt: new Date(r.filed_at),
    dueAt: r.due_at ? new Date(r.due_at) : null,
    late: Boolean(r.late),
    incomplete: Boolean(r.incomplete),
    missing: r.missing_fields ? r.missing_fields.split(',') : [],
    flagged: Boolean(r.flagged),
    flagReason: r.flag_reason,
    flaggedBy: r.flagged_by,
    flaggedAt: r.flagged_at ? new Date(r.flagged_at) : null,
    refId: r.ref_id,
    dedupeKey: r.dedupe_key,
    payload: r.payload_json ? (JSON.parse(r.payload_json) as Record<string, unknown>) : {},
  };
}

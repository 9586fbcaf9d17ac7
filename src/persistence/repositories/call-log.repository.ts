import { In, type EntityManager } from 'typeorm';
import type { CallLog, CallOutcome, NewCallLog } from '../../domain/calls/call.js';
import type { CallLogRepository } from '../../domain/calls/call.ports.js';
import type { Grade } from '../../domain/clients/client.js';
import { CallLogEntity, type CallLogRow } from '../entities/calls.entities.js';

/** DATETIME(3) comes back as a Date on MySQL and as a UTC text on SQLite. */
export function dbDate(v: unknown): Date {
  if (v instanceof Date) return v;
  const s = String(v);
  return new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(s) ? s : `${s.replace(' ', 'T')}Z`);
}

/** Long id lists are read in slices (placeholders per statement stay far under both databases' limits). */
export const ID_CHUNK = 500;

export class TypeOrmCallLogRepository implements CallLogRepository {
  constructor(private readonly em: EntityManager) {}

  private get repo() {
    return this.em.getRepository(CallLogEntity);
  }

  async add(c: NewCallLog): Promise<CallLog> {
    const res = await this.repo.insert({
      agent_open_id: c.agentOpenId,
      client_id: c.clientId,
      call_date: c.callDate,
      called_at: c.calledAt,
      outcome: c.outcome,
      grade: c.grade,
      note: c.note,
    });
    return { ...c, id: Number(res.identifiers[0]?.id) };
  }

  async countForAgentOn(agentOpenId: string, date: string): Promise<number> {
    return this.repo.countBy({ agent_open_id: agentOpenId, call_date: date });
  }

  async countByAgent(from: string, to: string): Promise<Map<string, number>> {
    const rows = await this.repo
      .createQueryBuilder('c')
      .select('c.agent_open_id', 'agent')
      .addSelect('COUNT(*)', 'n')
      .where('c.call_date >= :from AND c.call_date <= :to', { from, to })
      .groupBy('c.agent_open_id')
      .getRawMany<{ agent: string; n: number | string }>();
    return new Map(rows.map((r) => [r.agent, Number(r.n)]));
  }

  async lastCallAt(clientIds: number[]): Promise<Map<number, Date>> {
    const out = new Map<number, Date>();
    for (let i = 0; i < clientIds.length; i += ID_CHUNK) {
      const rows = await this.repo
        .createQueryBuilder('c')
        .select('c.client_id', 'id')
        .addSelect('MAX(c.called_at)', 'at')
        .where({ client_id: In(clientIds.slice(i, i + ID_CHUNK)) })
        .groupBy('c.client_id')
        .getRawMany<{ id: number | string; at: unknown }>();
      for (const r of rows) out.set(Number(r.id), dbDate(r.at));
    }
    return out;
  }

  async listForClient(clientId: number, limit: number): Promise<CallLog[]> {
    const rows = await this.repo.find({
      where: { client_id: clientId },
      order: { called_at: 'DESC', id: 'DESC' },
      take: limit,
    });
    return rows.map(toCall);
  }
}

function toCall(r: CallLogRow): CallLog {
  return {
    id: Number(r.id),
    agentOpenId: r.agent_open_id,
    clientId: Number(r.client_id),
    callDate: r.call_date,
    calledAt: dbDate(r.called_at),
    outcome: r.outcome as CallOutcome,
    grade: (r.grade as Grade | null) ?? null,
    note: r.note,
  };
}

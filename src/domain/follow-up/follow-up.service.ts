import { GRADES, type Client, type Grade } from '../clients/client.js';
import type { Tx } from '../shared/tx.js';
import { localDate } from '../shared/zoned-time.js';
import type { FollowUpItem } from './follow-up.js';
import { followUpDue, gradeRank, type Cadence } from './follow-up.rules.js';

export interface FollowUpSettings {
  timezone: string;
  cadence: Cadence;
}

/** 我的客户 by grade: per grade how many, how many to follow up, and the first few. */
export interface GradeGroup {
  grade: Grade | null;
  total: number;
  due: number;
  items: Client[];
}

/**
 * R-DAY-4 (客户 abcd 分类管理): which clients are past their grade's follow-up cadence with nothing
 * planned, for the agent's 09:00 list and the manager's evening plan; and 我的客户 grouped by grade.
 */
export class FollowUpService {
  constructor(private readonly deps: { settings: FollowUpSettings }) {}

  get cadence(): Cadence {
    return this.deps.settings.cadence;
  }

  /** Per agent (one, or every active agent), the clients due for a follow-up on `date`, A first, longest silence first. */
  async dueFor(
    tx: Tx,
    date: string,
    agentOpenId?: string,
  ): Promise<Array<{ agentOpenId: string; items: FollowUpItem[] }>> {
    const agents = agentOpenId
      ? [agentOpenId]
      : (await tx.members.list({ role: 'agent', activeOnly: true })).map((m) => m.openId);
    const out: Array<{ agentOpenId: string; items: FollowUpItem[] }> = [];
    for (const agent of agents) {
      const items = await this.dueForAgent(tx, agent, date);
      if (items.length) out.push({ agentOpenId: agent, items });
    }
    return out;
  }

  private async dueForAgent(tx: Tx, agent: string, date: string): Promise<FollowUpItem[]> {
    const candidates = (await tx.followUps.candidates(agent)).filter((c) => c.grade !== null);
    if (candidates.length === 0) return [];
    const ids = candidates.map((c) => c.id);
    const [last, planned] = [await tx.followUps.lastContactAt(ids), await tx.followUps.withPlannedRevisit(ids)];
    const tz = this.deps.settings.timezone;
    const items: FollowUpItem[] = [];
    for (const c of candidates) {
      const lastContactDate = localDate(last.get(c.id) ?? c.createdAt, tz);
      const r = followUpDue({ grade: c.grade, lastContactDate, revisitPlanned: planned.has(c.id) }, date, this.cadence);
      if (!r.due) continue;
      items.push({
        clientId: c.id,
        clientName: c.shopName ? `${c.name}（${c.shopName}）` : c.name,
        grade: c.grade!,
        lastContactDate,
        days: r.days,
        dueDate: r.dueDate!,
      });
    }
    return items.sort((a, b) => gradeRank(a.grade) - gradeRank(b.grade) || b.days - a.days || a.clientId - b.clientId);
  }

  /** 我的客户 grouped by grade: counts per grade, how many are due today, and the first `perGroup` of each. */
  async gradeGroups(
    tx: Tx,
    owner: string,
    today: string,
    perGroup: number,
  ): Promise<{ groups: GradeGroup[]; total: number }> {
    const due = new Map<Grade, number>();
    for (const i of (await this.dueFor(tx, today, owner))[0]?.items ?? [])
      due.set(i.grade, (due.get(i.grade) ?? 0) + 1);
    const all = await tx.clients.listByOwner({ ownerOpenId: owner, offset: 0, limit: 1 });
    const groups: GradeGroup[] = [];
    let graded = 0;
    for (const grade of GRADES) {
      const page = await tx.clients.listByOwner({ ownerOpenId: owner, grade, offset: 0, limit: perGroup });
      graded += page.total;
      groups.push({
        grade,
        total: page.total,
        due: due.get(grade) ?? 0,
        items: page.items,
      });
    }
    groups.push({ grade: null, total: all.total - graded, due: 0, items: [] });
    return { groups, total: all.total };
  }
}

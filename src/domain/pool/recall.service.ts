import { hasRole, type Member } from '../members/roles.js';
import type { Clock } from '../shared/clock.js';
import { forbidden, notFound } from '../shared/errors.js';
import type { Tx } from '../shared/tx.js';
import type { IsoDate } from '../shared/zoned-time.js';
import {
  dueWithin,
  isDue,
  needsWarning,
  recallLine,
  type RecallCandidate,
  type RecallLine,
  type RecallSettings,
} from './recall.rules.js';

/**
 * R-POOL-1 recall (公海回收), off by default. The scan reads each agent's open clients through the
 * owner index and their latest contact through the per-client indexes of the contact tables (batched
 * ids), so it never scans a whole table. Every recall moves the client to the pool and is written to
 * the audit log as `client.recalled` (the client's ownership history shows it, R-AUD-2).
 */
export class RecallService {
  constructor(private readonly deps: { clock: Clock; timezone: string; settings: RecallSettings }) {}

  get settings(): RecallSettings {
    return this.deps.settings;
  }

  /** Days ahead anyone looks: the manager's week, and the agent's warning. */
  private get horizon(): number {
    return Math.max(7, this.deps.settings.warnDaysBefore + 1);
  }

  /**
   * Every agent's open clients due back in the pool within the horizon (a week), with their recall
   * dates. A client registered too recently to be due even without any contact needs no lookup.
   */
  async scan(tx: Tx, today: IsoDate): Promise<RecallLine[]> {
    const { settings, timezone } = this.deps;
    const agents = (await tx.members.list({ role: 'agent' })).map((m) => m.openId);
    const cands: RecallCandidate[] = [];
    for (const agent of agents)
      for (const c of await tx.followUps.candidates(agent)) {
        if (!c.grade) continue;
        const candidate = {
          clientId: c.id,
          name: c.name,
          grade: c.grade,
          ownerOpenId: c.ownerOpenId,
          lastContactAt: c.createdAt,
        };
        if (recallLine(candidate, settings, today, timezone, false).daysLeft < this.horizon) cands.push(candidate);
      }
    // One pass over all ids (batched inside), not one per agent: fewer round trips.
    const ids = cands.map((c) => c.clientId);
    const last = ids.length ? await tx.followUps.lastContactAt(ids) : new Map<number, Date>();
    const locked = ids.length ? await tx.recallLocks.lockedAmong(ids) : new Set<number>();
    const out: RecallLine[] = [];
    for (const c of cands) {
      const at = last.get(c.clientId);
      const line = recallLine(
        at && at > c.lastContactAt ? { ...c, lastContactAt: at } : c,
        settings,
        today,
        timezone,
        locked.has(c.clientId),
      );
      if (line.daysLeft < this.horizon) out.push(line);
    }
    return out.sort((a, b) => a.daysLeft - b.daysLeft || a.clientId - b.clientId);
  }

  /** The daily run: recalls what is due, returns what was recalled and whom to warn (per agent). */
  async run(tx: Tx, today: IsoDate): Promise<{ recalled: RecallLine[]; warn: RecallLine[] }> {
    if (!this.deps.settings.enabled) return { recalled: [], warn: [] };
    const lines = await this.scan(tx, today);
    const now = this.deps.clock.now();
    const recalled: RecallLine[] = [];
    for (const l of lines.filter(isDue)) {
      // The owner is read again: a hand-out or a ruling since the scan wins.
      const [c] = await tx.clients.getMany([l.clientId]);
      if (c?.owner.kind !== 'agent' || c.owner.openId !== l.ownerOpenId) continue;
      if (c.state !== 'intent' && c.state !== 'following') continue;
      await tx.clients.setOwner(c.id, { kind: 'pool' }, now);
      await tx.audit.append(
        {
          actor: null,
          action: 'client.recalled',
          subjectType: 'client',
          subjectId: String(c.id),
          before: c.owner,
          after: { kind: 'pool' },
          rule: 'R-POOL-1',
        },
        now,
      );
      recalled.push(l);
    }
    return { recalled, warn: lines.filter((l) => needsWarning(l, this.deps.settings)) };
  }

  /** The manager's view: clients due back in the pool within the next `days` days (locked ones shown as such). */
  async preview(tx: Tx, actor: Member, today: IsoDate, days = 7): Promise<RecallLine[]> {
    if (!hasRole(actor, 'manager')) throw forbidden('recall.forbidden');
    return (await this.scan(tx, today)).filter((l) => dueWithin(l, days));
  }

  /** 锁定 / 解锁 (manager): a locked client is never recalled. Audited. Returns whether anything changed. */
  async setLock(tx: Tx, actor: Member, clientId: number, locked: boolean): Promise<boolean> {
    if (!hasRole(actor, 'manager')) throw forbidden('recall.forbidden');
    const [c] = await tx.clients.getMany([clientId]);
    if (!c) throw notFound('recall.no_client');
    const now = this.deps.clock.now();
    const changed = locked
      ? await tx.recallLocks.lock(clientId, actor.openId, now)
      : await tx.recallLocks.unlock(clientId);
    if (changed)
      await tx.audit.append(
        {
          actor: actor.openId,
          action: locked ? 'client.recall_locked' : 'client.recall_unlocked',
          subjectType: 'client',
          subjectId: String(clientId),
          after: { locked },
          rule: 'R-POOL-1',
        },
        now,
      );
    return changed;
  }

  async isLocked(tx: Tx, clientId: number): Promise<boolean> {
    return (await tx.recallLocks.lockedAmong([clientId])).has(clientId);
  }
}

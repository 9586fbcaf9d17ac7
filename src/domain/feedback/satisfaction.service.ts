import { hasRole, type Member } from '../members/roles.js';
import type { Clock } from '../shared/clock.js';
import { FormError, forbidden, notFound } from '../shared/errors.js';
import type { Tx } from '../shared/tx.js';
import { type IsoDate, localDate } from '../shared/zoned-time.js';
import type { SatisfactionAverage, SatisfactionCards, SatisfactionView } from './satisfaction.js';

const MAX_NOTE = 1000;

/** `2027-Q1` for a local date. */
export function quarterOf(date: IsoDate): string {
  return `${date.slice(0, 4)}-Q${Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1}`;
}

/** The first day of a quarter key. */
export function quarterStart(key: string): IsoDate {
  const q = Number(key.slice(6));
  return `${key.slice(0, 4)}-${String((q - 1) * 3 + 1).padStart(2, '0')}-01`;
}

/**
 * R-FB-2 satisfaction. A tenant's agent is asked after the opening (开业 recorded) and then every
 * quarter; each occasion is one row (unique client + period), so a job that runs twice, or on two
 * instances, asks once. The answers' averages per agent go into the monthly report.
 */
export class SatisfactionService {
  constructor(private readonly deps: { clock: Clock; timezone: string; cards: SatisfactionCards }) {}

  /** Tenants opened up to `asOf` and never asked since their opening: their agents get the survey. */
  async promptAfterOpening(tx: Tx, asOf: IsoDate): Promise<number> {
    const opened = await tx.satisfaction.openedTenants(asOf);
    const asked = new Set(
      (await tx.satisfaction.periodsOf(opened.map((o) => o.clientId))).map((p) => `${p.clientId}|${p.period}`),
    );
    let n = 0;
    for (const o of opened) {
      const period = `open:${o.contractNo}`.slice(0, 32);
      if (asked.has(`${o.clientId}|${period}`)) continue;
      if (await this.ask(tx, o.clientId, o.agentOpenId, period)) n++;
    }
    return n;
  }

  /** The quarter's survey for every tenant that opened before the quarter began. */
  async promptQuarter(tx: Tx, quarter: string): Promise<number> {
    const start = quarterStart(quarter);
    const opened = (await tx.satisfaction.openedTenants(start)).filter((o) => o.openedDate < start);
    const asked = new Set(
      (await tx.satisfaction.periodsOf(opened.map((o) => o.clientId)))
        .filter((p) => p.period === quarter)
        .map((p) => p.clientId),
    );
    let n = 0;
    const seen = new Set<number>();
    for (const o of opened) {
      if (asked.has(o.clientId) || seen.has(o.clientId)) continue;
      seen.add(o.clientId);
      if (await this.ask(tx, o.clientId, o.agentOpenId, quarter)) n++;
    }
    return n;
  }

  async record(
    tx: Tx,
    actor: Member,
    id: number,
    formValue: Record<string, unknown> | undefined,
  ): Promise<SatisfactionView> {
    const s = await tx.satisfaction.get(id);
    if (!s) throw notFound('satisfaction.not_found', { id });
    if (s.agentOpenId !== actor.openId && !hasRole(actor, 'manager')) throw forbidden('satisfaction.not_owner');
    const rawScore = typeof formValue?.sat_score === 'string' ? formValue.sat_score : '';
    const note = typeof formValue?.sat_note === 'string' ? formValue.sat_note.trim() : '';
    const raw = { sat_score: rawScore, sat_note: note };
    const score = Number(rawScore);
    if (!/^[1-5]$/.test(rawScore)) throw new FormError({ sat_score: { key: 'satisfaction.err.score' } }, raw);
    if (note.length > MAX_NOTE)
      throw new FormError({ sat_note: { key: 'form.err.too_long', params: { max: MAX_NOTE } } }, raw);
    const now = this.deps.clock.now();
    const today = localDate(now, this.deps.timezone);
    if (!(await tx.satisfaction.record(id, score, note || null, actor.openId, today)))
      throw forbidden('satisfaction.already_recorded');
    await tx.audit.append(
      {
        actor: actor.openId,
        action: 'satisfaction.recorded',
        subjectType: 'client',
        subjectId: String(s.clientId),
        after: { surveyId: id, period: s.period, score },
        rule: 'R-FB-2',
      },
      now,
    );
    return this.viewOf(tx, { ...s, score, note: note || null, recordedBy: actor.openId, recordedDate: today });
  }

  async view(tx: Tx, id: number): Promise<SatisfactionView> {
    const s = await tx.satisfaction.get(id);
    if (!s) throw notFound('satisfaction.not_found', { id });
    return this.viewOf(tx, s);
  }

  async averages(tx: Tx, from: IsoDate, to: IsoDate): Promise<SatisfactionAverage[]> {
    return tx.satisfaction.averages(from, to);
  }

  private async ask(tx: Tx, clientId: number, agentOpenId: string | null, period: string): Promise<boolean> {
    const client = await tx.clients.get(clientId);
    // The survey follows the client's current agent (hand-overs move the tenant relationship too).
    const agent = client?.owner.kind === 'agent' ? client.owner.openId : agentOpenId;
    const s = await tx.satisfaction.create({ clientId, agentOpenId: agent, period }, this.deps.clock.now());
    if (!s) return false;
    if (agent)
      await tx.outbox.send({
        to: { openId: agent },
        card: this.deps.cards.prompt(await this.viewOf(tx, s)),
        cardKey: `satisfaction:${s.id}`,
        dedupeKey: `satisfaction:${s.id}:ask`,
      });
    return true;
  }

  private async viewOf(tx: Tx, s: SatisfactionView['survey']): Promise<SatisfactionView> {
    return {
      survey: s,
      clientName: (await tx.clients.get(s.clientId))?.name ?? String(s.clientId),
      recordedByName: s.recordedBy ? ((await tx.members.get(s.recordedBy))?.name ?? s.recordedBy) : null,
    };
  }
}

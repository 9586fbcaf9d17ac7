import { GRADES, type Client, type Grade } from '../clients/client.js';
import type { ClientService } from '../clients/client.service.js';
import { advance, canLose } from '../clients/pipeline.rules.js';
import { hasRole, type Member } from '../members/roles.js';
import type { Clock } from '../shared/clock.js';
import { conflict, forbidden, notFound } from '../shared/errors.js';
import type { Tx } from '../shared/tx.js';
import { localDate } from '../shared/zoned-time.js';
import { compliance, isOverdue, revisitOutcomeDue } from './form-deadline.rules.js';
import { defineForm, f, parseForm } from './form-schema.js';
import type { FormSettings } from './form-settings.js';
import type { FormRecord, Revisit } from './form.js';

export const revisitDoneSpec = defineForm({
  shape: { note: f.text(200), grade: f.choice(GRADES) },
  essential: [],
  required: [],
});
export const revisitRescheduleSpec = (today: string) =>
  defineForm({
    shape: {
      date: f.date({ today, preferFuture: true, min: { date: today, key: 'form.err.date_past' } }),
      note: f.text(200),
    },
    essential: ['date'],
    required: [],
  });
export const revisitLostSpec = defineForm({ shape: { reason: f.text(200) }, essential: ['reason'], required: [] });

export interface RevisitItem {
  revisit: Revisit;
  clientName: string;
  regNo: string | null;
  overdue: boolean;
}

export interface AgentRevisits {
  agentOpenId: string;
  due: RevisitItem[];
  overdue: RevisitItem[];
}

export type RevisitResult = { revisit: Revisit; client: Client; form: FormRecord; next?: Revisit };

/**
 * R-REV-2: a revisit is done, rescheduled to a new fixed date, or closed as lost. Usable from any
 * card (the reminder included): each action re-checks that the revisit is still open, so a stale
 * card is refused instead of acting twice.
 */
export class RevisitOutcomeService {
  constructor(private readonly deps: { clock: Clock; settings: FormSettings; clients: ClientService }) {}

  async done(tx: Tx, actor: Member, revisitId: number, formValue?: Record<string, unknown>): Promise<RevisitResult> {
    const { values, raw } = parseForm(revisitDoneSpec, formValue);
    const revisit = await this.open(tx, actor, revisitId);
    const now = this.deps.clock.now();
    await this.resolve(tx, revisit, 'done', values.note ?? null, actor, now);
    const before = (await tx.clients.get(revisit.clientId))!;
    const client = await tx.clients.update(
      revisit.clientId,
      { state: advance(before.state, 'following'), ...(values.grade ? { grade: values.grade as Grade } : {}) },
      now,
    );
    const form = await this.record(tx, revisit, actor, now, { ...raw, outcome: 'done' });
    return { revisit: (await tx.revisits.get(revisitId))!, client, form };
  }

  async reschedule(
    tx: Tx,
    actor: Member,
    revisitId: number,
    formValue: Record<string, unknown> | undefined,
  ): Promise<RevisitResult> {
    const now = this.deps.clock.now();
    const { values, raw } = parseForm(revisitRescheduleSpec(this.today(now)), formValue);
    const revisit = await this.open(tx, actor, revisitId);
    await this.resolve(tx, revisit, 'rescheduled', values.note ?? null, actor, now);
    const next = await tx.revisits.create(
      {
        clientId: revisit.clientId,
        agentOpenId: revisit.agentOpenId,
        dueDate: values.date!,
        purpose: revisit.purpose,
        rescheduledFromId: revisit.id,
      },
      now,
    );
    const form = await this.record(tx, revisit, actor, now, { ...raw, outcome: 'rescheduled', nextRevisitId: next.id });
    return {
      revisit: (await tx.revisits.get(revisitId))!,
      client: (await tx.clients.get(revisit.clientId))!,
      form,
      next,
    };
  }

  /** Lost: the client leaves the pipeline (流失) with the reason; its other open revisits close too. */
  async lost(
    tx: Tx,
    actor: Member,
    revisitId: number,
    formValue: Record<string, unknown> | undefined,
  ): Promise<RevisitResult> {
    const { values, raw } = parseForm(revisitLostSpec, formValue);
    const revisit = await this.open(tx, actor, revisitId);
    const now = this.deps.clock.now();
    await this.resolve(tx, revisit, 'lost', values.reason!, actor, now);
    const before = (await tx.clients.get(revisit.clientId))!;
    let client = before;
    if (canLose(before.state)) {
      client = await tx.clients.update(before.id, { state: 'lost', lostReason: values.reason! }, now);
      await tx.revisits.closeOpenForClient(before.id, 'lost', actor.openId, now);
      await tx.audit.append(
        {
          actor: actor.openId,
          action: 'client.lost',
          subjectType: 'client',
          subjectId: String(before.id),
          before: { state: before.state },
          after: { state: 'lost', reason: values.reason },
          rule: 'R-REV-2',
        },
        now,
      );
    }
    const form = await this.record(tx, revisit, actor, now, { ...raw, outcome: 'lost' });
    return { revisit: (await tx.revisits.get(revisitId))!, client, form };
  }

  async get(tx: Tx, actor: Member, revisitId: number): Promise<{ revisit: Revisit; client: Client }> {
    const revisit = await this.open(tx, actor, revisitId);
    return { revisit, client: (await tx.clients.get(revisit.clientId))! };
  }

  /**
   * For the reminder job and the next-day plan (R-REM-1, R-PLAN-1): per agent, open revisits due
   * on `date` and those overdue (due before it, still unresolved).
   */
  async dueList(tx: Tx, date: string, agentOpenId?: string): Promise<AgentRevisits[]> {
    const open = await tx.revisits.listOpenDueBy(date, agentOpenId);
    const clients = new Map(
      (await tx.clients.getMany([...new Set(open.map((r) => r.clientId))])).map((c) => [c.id, c]),
    );
    const byAgent = new Map<string, AgentRevisits>();
    for (const r of open) {
      const entry = byAgent.get(r.agentOpenId) ?? { agentOpenId: r.agentOpenId, due: [], overdue: [] };
      const c = clients.get(r.clientId);
      const item = {
        revisit: r,
        clientName: c?.name ?? `#${r.clientId}`,
        regNo: c?.regNo ?? null,
        overdue: isOverdue(r.dueDate, date),
      };
      (item.overdue ? entry.overdue : entry.due).push(item);
      byAgent.set(r.agentOpenId, entry);
    }
    return [...byAgent.values()];
  }

  private today(now: Date): string {
    return localDate(now, this.deps.settings.timezone);
  }

  /** The revisit's own agent (or a manager), and only while it is still open. */
  private async open(tx: Tx, actor: Member, revisitId: number): Promise<Revisit> {
    const revisit = await tx.revisits.get(revisitId);
    if (!revisit) throw notFound('revisit.not_found', { id: revisitId });
    if (revisit.agentOpenId !== actor.openId && !hasRole(actor, 'manager')) throw forbidden('revisit.not_yours');
    if (revisit.status !== 'planned') throw conflict('revisit.already_resolved', { status: revisit.status });
    return revisit;
  }

  private async resolve(
    tx: Tx,
    revisit: Revisit,
    status: 'done' | 'rescheduled' | 'lost',
    note: string | null,
    actor: Member,
    now: Date,
  ): Promise<void> {
    // Conditional update: two clicks on two copies of the reminder resolve it once.
    if (!(await tx.revisits.resolve(revisit.id, status, note, actor.openId, now)))
      throw conflict('revisit.already_resolved', { status: 'resolved' });
  }

  private record(
    tx: Tx,
    revisit: Revisit,
    actor: Member,
    now: Date,
    payload: Record<string, unknown>,
  ): Promise<FormRecord> {
    const dueAt = revisitOutcomeDue(revisit.dueDate, this.deps.settings);
    return tx.formRecords.add({
      kind: 'revisit_outcome',
      clientId: revisit.clientId,
      agentOpenId: revisit.agentOpenId,
      filedBy: actor.openId,
      filedAt: now,
      dueAt,
      ...compliance(now, dueAt, []),
      missing: [],
      refId: revisit.id,
      dedupeKey: null,
      payload,
    });
  }
}

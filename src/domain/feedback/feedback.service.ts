import { CalendarService } from '../calendar/calendar.service.js';
import type { CalendarDays } from '../calendar/working-calendar.js';
import { hasRole, type Member } from '../members/roles.js';
import type { Clock } from '../shared/clock.js';
import { FormError, forbidden, notFound } from '../shared/errors.js';
import type { Tx } from '../shared/tx.js';
import type { IsoDate } from '../shared/zoned-time.js';
import {
  FEEDBACK_KINDS,
  type Feedback,
  type FeedbackCards,
  type FeedbackKind,
  type FeedbackView,
  type OpenFeedback,
} from './feedback.js';
import type { MessageKey } from '../../i18n/index.js';

export interface FeedbackSettings {
  timezone: string;
  calendar: CalendarDays;
  /** Working days the owner has to close an item (R-FB-1; settings.json feedback.dueWorkingDays). */
  dueWorkingDays: number;
}

const MAX_TEXT = 1000;

/**
 * R-FB-1 tenant feedback. Anyone in the department logs it (a quick form from the client card or
 * `反馈 <客户>`); it goes to the client's agent — a pool client's to a manager — with a due date a
 * set number of working days ahead; it stays on the manager's evening plan while open (overdue once
 * its date passed) and is closed with what was done.
 */
export class FeedbackService {
  private readonly calendar: CalendarService;

  constructor(private readonly deps: { clock: Clock; settings: FeedbackSettings; cards: FeedbackCards }) {
    this.calendar = new CalendarService({ clock: deps.clock, settings: deps.settings });
  }

  async log(
    tx: Tx,
    actor: Member,
    clientId: number,
    formValue: Record<string, unknown> | undefined,
  ): Promise<FeedbackView> {
    const raw = {
      fb_kind: typeof formValue?.fb_kind === 'string' ? formValue.fb_kind : '',
      fb_content: typeof formValue?.fb_content === 'string' ? formValue.fb_content.trim() : '',
    };
    const errors: Record<string, { key: MessageKey; params?: Record<string, string | number> }> = {};
    if (!(FEEDBACK_KINDS as readonly string[]).includes(raw.fb_kind)) errors.fb_kind = { key: 'feedback.err.kind' };
    if (!raw.fb_content) errors.fb_content = { key: 'feedback.err.content' };
    else if (raw.fb_content.length > MAX_TEXT)
      errors.fb_content = { key: 'form.err.too_long', params: { max: MAX_TEXT } };
    if (Object.keys(errors).length) throw new FormError(errors, raw);
    const client = await tx.clients.get(clientId);
    if (!client) throw notFound('client.not_found', { id: clientId });
    const owner =
      client.owner.kind === 'agent'
        ? client.owner.openId
        : ((await tx.members.list({ role: 'manager', activeOnly: true }))[0]?.openId ?? null);
    const now = this.deps.clock.now();
    const feedback = await tx.feedback.add({
      clientId,
      kind: raw.fb_kind as FeedbackKind,
      content: raw.fb_content,
      ownerOpenId: owner,
      loggedBy: actor.openId,
      loggedAt: now,
      dueDate: await this.dueDate(tx),
    });
    await tx.audit.append(
      {
        actor: actor.openId,
        action: 'feedback.logged',
        subjectType: 'client',
        subjectId: String(clientId),
        after: { feedbackId: feedback.id, kind: feedback.kind, owner, dueDate: feedback.dueDate },
        rule: 'R-FB-1',
      },
      now,
    );
    const view = await this.viewOf(tx, feedback);
    if (owner)
      await tx.outbox.send({
        to: { openId: owner },
        card: this.deps.cards.assigned(view),
        cardKey: `feedback:${feedback.id}:owner`,
        dedupeKey: `feedback:${feedback.id}:assigned`,
      });
    return view;
  }

  /** The owner (or a manager) closes it with what was done; the owner's card shows the outcome. */
  async close(tx: Tx, actor: Member, id: number, resolution: unknown): Promise<FeedbackView> {
    const f = await tx.feedback.get(id);
    if (!f) throw notFound('feedback.not_found', { id });
    if (f.ownerOpenId !== actor.openId && !hasRole(actor, 'manager')) throw forbidden('feedback.not_owner');
    const text = typeof resolution === 'string' ? resolution.trim() : '';
    if (!text) throw new FormError({ fb_resolution: { key: 'feedback.err.resolution' } }, { fb_resolution: '' });
    if (text.length > MAX_TEXT)
      throw new FormError(
        { fb_resolution: { key: 'form.err.too_long', params: { max: MAX_TEXT } } },
        { fb_resolution: text },
      );
    const now = this.deps.clock.now();
    if (!(await tx.feedback.close(id, actor.openId, text, now))) throw forbidden('feedback.already_closed');
    const closed: Feedback = { ...f, status: 'closed', resolution: text, closedBy: actor.openId, closedAt: now };
    await tx.audit.append(
      {
        actor: actor.openId,
        action: 'feedback.closed',
        subjectType: 'client',
        subjectId: String(f.clientId),
        before: { status: 'open' },
        after: { feedbackId: id, status: 'closed', resolution: text },
        rule: 'R-FB-1',
      },
      now,
    );
    const view = await this.viewOf(tx, closed);
    if (f.ownerOpenId) await tx.outbox.patchCard(`feedback:${id}:owner`, this.deps.cards.assigned(view));
    if (f.loggedBy !== actor.openId)
      await tx.outbox.send({
        to: { openId: f.loggedBy },
        card: this.deps.cards.closed(view),
        dedupeKey: `feedback:${id}:closed`,
      });
    return view;
  }

  async view(tx: Tx, id: number): Promise<FeedbackView> {
    const f = await tx.feedback.get(id);
    if (!f) throw notFound('feedback.not_found', { id });
    return this.viewOf(tx, f);
  }

  /** Open items grouped by owner, for the manager's plan: overdue when their due date is before `day`. */
  async openByOwner(
    tx: Tx,
    day: IsoDate,
    limit = 500,
  ): Promise<Map<string, Array<OpenFeedback & { overdue: boolean }>>> {
    const by = new Map<string, Array<OpenFeedback & { overdue: boolean }>>();
    for (const f of await tx.feedback.listOpen({ limit })) {
      if (!f.ownerOpenId) continue;
      by.set(f.ownerOpenId, [...(by.get(f.ownerOpenId) ?? []), { ...f, overdue: f.dueDate < day }]);
    }
    return by;
  }

  private async dueDate(tx: Tx): Promise<IsoDate> {
    const cal = await this.calendar.load(tx);
    let d = this.calendar.today();
    for (let i = 0; i < this.deps.settings.dueWorkingDays; i++) d = cal.nextWorkingDay(d);
    return d;
  }

  private async viewOf(tx: Tx, f: Feedback): Promise<FeedbackView> {
    const name = async (id: string | null) => (id ? ((await tx.members.get(id))?.name ?? id) : null);
    return {
      feedback: f,
      clientName: (await tx.clients.get(f.clientId))?.name ?? String(f.clientId),
      ownerName: await name(f.ownerOpenId),
      loggedByName: (await name(f.loggedBy)) ?? f.loggedBy,
      closedByName: await name(f.closedBy),
    };
  }
}

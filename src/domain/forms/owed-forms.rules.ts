import { localDate } from '../shared/zoned-time.js';
import type { WorkingCalendar } from '../calendar/working-calendar.js';
import { logDeadline } from '../field-visits/field-visit.rules.js';
import {
  revisitOutcomeDue,
  signingPlanDue,
  visitorRegistrationDue,
  type DeadlineSettings,
} from './form-deadline.rules.js';
import type { OwedFormFacts, ReceivedWalkIn, VisitorFiling } from './owed-forms.ports.js';

/**
 * R-FORM-3: which forms each agent owes, derived from the events every time (never stored), and which
 * submissions count as filed. Pure: the facts come from OwedFormSource.
 */
export const OWED_KINDS = ['visitor', 'visit_log', 'signing_plan', 'collection', 'revisit_outcome'] as const;
export type OwedKind = (typeof OWED_KINDS)[number];

export interface OwedForm {
  kind: OwedKind;
  agentOpenId: string;
  clientId: number | null;
  /** What a reminder names: the client, or a field visit's clients and places. */
  subject: string | null;
  /** The walk-in, plan, signing plan, revisit (`w:12`, `p:3`, …) or contract it is owed for. */
  sourceKey: string;
  /** The local date of that event. */
  eventDate: string;
  dueAt: Date;
  /** When the form was filed (late or not); null while it is still owed. */
  filedAt: Date | null;
}

export interface OwedFormSettings extends DeadlineSettings {
  /** The visit log's latest deadline on the next working day (R-FV-2). */
  visitLogNextDayBy: string;
}

/** A second identical visitor form from the same agent this soon after the first is the same tap twice. */
export const DOUBLE_TAP_WINDOW_MS = 5 * 60_000;

function canonical(values: Record<string, unknown>): string {
  const keys = Object.keys(values)
    .filter((k) => values[k] !== undefined && values[k] !== null && values[k] !== '')
    .sort();
  return JSON.stringify(keys.map((k) => [k, values[k]]));
}

/** R-FORM-3: `next` repeats `prev` — same person, same walk-in (or none), the same values, moments later. */
export function isDoubleTap(
  prev: Pick<VisitorFiling, 'agentOpenId' | 'walkInId' | 'values' | 'filedAt'>,
  next: Pick<VisitorFiling, 'agentOpenId' | 'walkInId' | 'values' | 'filedAt'>,
): boolean {
  const gap = next.filedAt.getTime() - prev.filedAt.getTime();
  return (
    prev.agentOpenId === next.agentOpenId &&
    prev.walkInId === next.walkInId &&
    gap >= 0 &&
    gap <= DOUBLE_TAP_WINDOW_MS &&
    canonical(prev.values) === canonical(next.values)
  );
}

const byTime = <T extends { filedAt: Date; id: number }>(a: T, b: T) =>
  a.filedAt.getTime() - b.filedAt.getTime() || a.id - b.id;

/**
 * R-FORM-3: the visitor forms that count as filed — never a refused 撞单 (the client was someone
 * else's, nothing was registered) nor a double tap of a form already counted.
 */
export function countableVisitorFilings(filings: readonly VisitorFiling[]): VisitorFiling[] {
  const kept: VisitorFiling[] = [];
  for (const f of [...filings].sort(byTime)) {
    if (f.outcome === 'duplicate') continue;
    if (kept.some((k) => isDoubleTap(k, f))) continue;
    kept.push(f);
  }
  return kept;
}

/** Registrations (登记): the counted forms that issued a registration number. */
export function isRegistration(f: VisitorFiling): boolean {
  return f.outcome === 'created';
}

/**
 * Which visitor form discharged each received walk-in: the form opened from the walk-in's own button
 * (even a 撞单 — the visitor turned out to be someone else's client, so nothing more is owed);
 * otherwise the agent's next form for the walk-in's client; for a walk-in the desk knew nothing about,
 * the agent's next form not tied to another walk-in or client already matched.
 */
export function matchVisitorForms(
  walkIns: readonly ReceivedWalkIn[],
  filings: readonly VisitorFiling[],
): Map<number, Date> {
  const sorted = countableOrDuplicate(filings);
  const used = new Set<number>();
  const done = new Map<number, Date>();
  const ids = new Set(walkIns.map((w) => w.walkInId));
  for (const f of sorted) {
    if (f.walkInId === null || !ids.has(f.walkInId) || done.has(f.walkInId)) continue;
    done.set(f.walkInId, f.filedAt);
    used.add(f.id);
  }
  const open = [...walkIns]
    .filter((w) => !done.has(w.walkInId))
    .sort((a, b) => a.acceptedAt.getTime() - b.acceptedAt.getTime() || a.walkInId - b.walkInId);
  const take = (w: ReceivedWalkIn, fits: (f: VisitorFiling) => boolean) => {
    const f = sorted.find(
      (x) =>
        !used.has(x.id) &&
        x.walkInId === null &&
        x.outcome !== 'duplicate' &&
        x.agentOpenId === w.agentOpenId &&
        x.filedAt.getTime() >= w.acceptedAt.getTime() &&
        fits(x),
    );
    if (!f) return;
    used.add(f.id);
    done.set(w.walkInId, f.filedAt);
  };
  for (const w of open) if (w.clientId !== null) take(w, (f) => f.clientId === w.clientId);
  const knownClients = new Set(walkIns.map((w) => w.clientId).filter((c): c is number => c !== null));
  for (const w of open)
    if (w.clientId === null && !done.has(w.walkInId))
      take(w, (f) => f.clientId === null || !knownClients.has(f.clientId));
  return done;
}

/** Refused 撞单 forms still discharge their own walk-in (see matchVisitorForms); double taps never matter. */
function countableOrDuplicate(filings: readonly VisitorFiling[]): VisitorFiling[] {
  const counted = new Set(countableVisitorFilings(filings).map((f) => f.id));
  return [...filings].filter((f) => counted.has(f.id) || f.outcome === 'duplicate').sort(byTime);
}

/** R-FORM-3: every form owed by the facts, with its deadline and when (if ever) it was filed. */
export function deriveOwedForms(facts: OwedFormFacts, s: OwedFormSettings, cal: WorkingCalendar): OwedForm[] {
  const out: OwedForm[] = [];
  const visitorDone = matchVisitorForms(facts.walkIns, facts.visitorFilings);
  for (const w of facts.walkIns) {
    out.push({
      kind: 'visitor',
      agentOpenId: w.agentOpenId,
      clientId: w.clientId,
      subject: w.clientName,
      sourceKey: `w:${w.walkInId}`,
      eventDate: w.day,
      dueAt: visitorRegistrationDue(w.acceptedAt, s),
      filedAt: visitorDone.get(w.walkInId) ?? null,
    });
  }
  for (const v of facts.visits) {
    out.push({
      kind: 'visit_log',
      agentOpenId: v.agentOpenId,
      clientId: null,
      subject: v.subjects.join('、') || null,
      sourceKey: `p:${v.planId}`,
      eventDate: v.visitDate,
      dueAt: logDeadline(v.visitDate, cal, s.visitLogNextDayBy, s.timezone),
      filedAt: v.logFiledAt,
    });
  }
  for (const d of facts.deposits) {
    out.push({
      kind: 'signing_plan',
      agentOpenId: d.agentOpenId,
      clientId: d.clientId,
      subject: d.clientName,
      sourceKey: `s:${d.signingPlanId}`,
      eventDate: d.paidDate,
      dueAt: signingPlanDue(d.paidDate, s),
      filedAt: d.planFiledAt,
    });
  }
  for (const c of facts.contracts) {
    out.push({
      kind: 'collection',
      agentOpenId: c.agentOpenId,
      clientId: c.clientId,
      subject: c.clientName ? `${c.clientName} ${c.contractNo}` : c.contractNo,
      sourceKey: `c:${c.contractNo}`,
      eventDate: c.signedDate,
      dueAt: c.enteredAt,
      filedAt: c.collectedAt,
    });
  }
  for (const r of facts.revisits) {
    out.push({
      kind: 'revisit_outcome',
      agentOpenId: r.agentOpenId,
      clientId: r.clientId,
      subject: r.clientName,
      sourceKey: `r:${r.revisitId}`,
      eventDate: r.dueDate,
      dueAt: revisitOutcomeDue(r.dueDate, s),
      filedAt: r.resolvedAt,
    });
  }
  return out;
}

/** Owed and not filed as of `asOf`, its deadline passed: counts as not done (缺交, R-FORM-1 / R-FORM-3). */
export function isMissing(o: OwedForm, asOf: Date): boolean {
  return o.dueAt.getTime() < asOf.getTime() && (o.filedAt === null || o.filedAt.getTime() > asOf.getTime());
}

/**
 * Per agent, owed forms whose deadline fell in [fromAt, toAt) and before `asOf`, still unfiled at
 * `asOf`. Each missing form counts once, in the period of its deadline; once filed it counts as late
 * in the period it was filed instead.
 */
export function missingByAgent(
  owed: readonly OwedForm[],
  w: { fromAt: Date; toAt: Date; asOf: Date },
): Map<string, number> {
  const out = new Map<string, number>();
  for (const o of missingIn(owed, w)) out.set(o.agentOpenId, (out.get(o.agentOpenId) ?? 0) + 1);
  return out;
}

/** The owed forms whose deadline fell in [fromAt, toAt) and that were still unfiled at `asOf`. */
export function missingIn(owed: readonly OwedForm[], w: { fromAt: Date; toAt: Date; asOf: Date }): OwedForm[] {
  return owed.filter((o) => {
    const due = o.dueAt.getTime();
    return due >= w.fromAt.getTime() && due < w.toAt.getTime() && isMissing(o, w.asOf);
  });
}

export interface DueReminder extends OwedForm {
  /** Its deadline already passed today: still to be filed (it will count as late). */
  overdue: boolean;
}

/**
 * R-REM-2: per agent, the forms still owed whose deadline is on `date`: the ones ahead of `now` to file
 * before their deadline, and today's already passed marked overdue. Filed forms are never named.
 */
export function remindersDue(
  owed: readonly OwedForm[],
  q: { date: string; now: Date; timezone: string },
): Map<string, DueReminder[]> {
  const out = new Map<string, DueReminder[]>();
  for (const o of [...owed].sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime())) {
    if (o.filedAt !== null || localDate(o.dueAt, q.timezone) !== q.date) continue;
    out.set(o.agentOpenId, [
      ...(out.get(o.agentOpenId) ?? []),
      { ...o, overdue: o.dueAt.getTime() <= q.now.getTime() },
    ]);
  }
  return out;
}

import { addDays, atLocalTime, localDate, startOfLocalDay, type IsoDate } from '../../domain/shared/zoned-time.js';
import type { Revisit } from '../../domain/forms/form.js';
import type { VisitorFiling } from '../../domain/forms/owed-forms.ports.js';
import {
  countableVisitorFilings,
  deriveOwedForms,
  remindersDue,
  type OwedFormSettings,
  type OwedKind,
} from '../../domain/forms/owed-forms.rules.js';
import type { Tx } from '../../domain/shared/tx.js';
import type { FieldVisitPlan } from '../../domain/field-visits/field-visit.js';
import { t } from '../../i18n/index.js';
import type {
  AgentItems,
  FormDeadlineSource,
  NextDayPlanSource,
  PlanItem,
  ReconciliationSource,
  RevisitReminderSource,
} from '../ports.js';

/**
 * The job ports implemented over the forms' repositories (revisits, signing plans, contracts) and
 * the reception's walk-ins. Reads only, inside the job's transaction.
 */
async function clientNames(tx: Tx, ids: number[]): Promise<Map<number, string>> {
  const unique = [...new Set(ids)];
  const clients = unique.length ? await tx.clients.getMany(unique) : [];
  return new Map(clients.map((c) => [c.id, c.shopName ? `${c.name}（${c.shopName}）` : c.name]));
}

function group(items: Array<{ agent: string; item: PlanItem }>): AgentItems[] {
  const by = new Map<string, PlanItem[]>();
  for (const { agent, item } of items) by.set(agent, [...(by.get(agent) ?? []), item]);
  return [...by.entries()].map(([agentOpenId, list]) => ({
    agentOpenId,
    items: list.sort((a, b) => Number(!!b.overdue) - Number(!!a.overdue) || a.date.localeCompare(b.date)),
  }));
}

function revisitItem(r: Revisit, names: Map<number, string>, overdue: boolean): PlanItem {
  return {
    kind: 'revisit',
    revisitId: r.id,
    clientName: names.get(r.clientId) ?? `#${r.clientId}`,
    date: r.dueDate,
    ...(r.purpose ? { note: r.purpose } : {}),
    overdue,
  };
}

function fieldVisitItem(p: FieldVisitPlan, names: Map<number, string>): PlanItem {
  const where = [...p.clientIds.map((id) => names.get(id) ?? `#${id}`), ...p.places].join('、');
  return {
    kind: 'field_visit',
    clientName: where || '—',
    date: p.visitDate as IsoDate,
    ...(p.purpose ? { note: p.purpose } : {}),
  };
}

/** R-REM-1: open revisits due today, and every earlier one still open (overdue, R-REV-2). */
export const revisitReminderSource: RevisitReminderSource = {
  async dueFor(tx, date) {
    const open = await tx.revisits.listOpenDueBy(date);
    const names = await clientNames(
      tx,
      open.map((r) => r.clientId),
    );
    return group(open.map((r) => ({ agent: r.agentOpenId, item: revisitItem(r, names, r.dueDate < date) })));
  },
};

/** Enough for any department; the card pages what it shows. */
const MAX_UNLOGGED_VISITS = 500;

/**
 * R-PLAN-1: for `day`, due revisits and signings, approved field visits, plus everything still open
 * from today or earlier — including approved visits of earlier days whose 走访日志 is still missing
 * (its deadline, 10:00 of the next working day at the latest, has passed by the evening plan).
 */
export const nextDayPlanSource: NextDayPlanSource = {
  async planFor(tx, { day, today }) {
    const revisits = await tx.revisits.listOpenDueBy(day);
    const signings = await tx.contracts.listSigningsDue(day);
    const visits = await tx.fieldVisits.listApprovedOn(day);
    const unlogged = await tx.fieldVisits.listAllAwaitingLog(addDays(today, -1), MAX_UNLOGGED_VISITS);
    const names = await clientNames(tx, [
      ...revisits.map((r) => r.clientId),
      ...signings.map((s) => s.clientId),
      ...[...visits, ...unlogged].flatMap((v) => v.clientIds),
    ]);
    return group([
      ...revisits.map((r) => ({ agent: r.agentOpenId, item: revisitItem(r, names, r.dueDate <= today) })),
      ...signings.map((s) => ({
        agent: s.agentOpenId,
        item: {
          kind: 'signing' as const,
          clientName: names.get(s.clientId) ?? `#${s.clientId}`,
          date: s.signingDate,
          ...(s.unit ? { note: s.unit } : {}),
        },
      })),
      ...visits.map((v) => ({ agent: v.agentOpenId, item: fieldVisitItem(v, names) })),
      ...unlogged.map((v) => ({
        agent: v.agentOpenId,
        item: { ...fieldVisitItem(v, names), kind: 'visit_log' as const, overdue: true },
      })),
    ]);
  },
};

/** R-CON-3: the day's signed contracts without a collection form, and collections without a signed contract. */
export const reconciliationSource: ReconciliationSource = {
  async mismatches(tx, date) {
    const signed = await tx.contracts.signedOn(date);
    const collected = await tx.contracts.collectionsOn(date);
    const collectedNos = new Set(
      (await tx.contracts.collectionsByNumbers(signed.map((s) => s.contractNo))).map((c) => c.contractNo),
    );
    const signedNos = new Set(
      (await tx.contracts.signedByNumbers(collected.map((c) => c.contractNo))).map((s) => s.contractNo),
    );
    const names = await clientNames(tx, [...signed.map((s) => s.clientId), ...collected.map((c) => c.clientId)]);
    // Only both reviewers' approval puts a contract on the signed table, so one still in review is no difference.
    const reviewOf = new Map<string, 'in_review' | 'returned'>();
    for (const c of collected) {
      if (signedNos.has(c.contractNo)) continue;
      const review = await tx.contractReviews.findByNo(c.contractNo);
      if (review && review.status !== 'signed') reviewOf.set(c.contractNo, review.status);
    }
    const ref = (c: (typeof collected)[number]) => ({
      contractNo: c.contractNo,
      clientName: names.get(c.clientId) ?? `#${c.clientId}`,
      agentOpenId: c.agentOpenId,
      date: c.collectedDate,
    });
    return {
      signedWithoutCollection: signed
        .filter((s) => !collectedNos.has(s.contractNo))
        .map((s) => ({
          contractNo: s.contractNo,
          clientName: names.get(s.clientId) ?? `#${s.clientId}`,
          agentOpenId: s.agentOpenId,
          date: s.signedDate,
        })),
      collectedWithoutSigned: collected
        .filter((c) => !signedNos.has(c.contractNo) && !reviewOf.has(c.contractNo))
        .map(ref),
      underReview: collected.flatMap((c) => {
        const status = reviewOf.get(c.contractNo);
        return status ? [{ ...ref(c), status }] : [];
      }),
    };
  },
};

/** Reminders name the owed form; revisit outcomes have their own morning list with buttons (R-REM-1). */
const REMINDED_KINDS: ReadonlySet<OwedKind> = new Set<OwedKind>(['visitor', 'visit_log', 'signing_plan', 'collection']);

/** The longest gap between an event and its form's deadline (a visit before a long holiday: its log is due after it). */
const LOOKBACK_DAYS = 14;

/**
 * R-REM-2: the owed forms (R-FORM-3) due on `date` and not filed — the visitor registration of a walk-in
 * the agent received, the visit log of an earlier day's approved visit (due 10:00), the signing plan of
 * the day's deposit, the collection form of a contract signed that day — plus the revisit plan for a
 * client registered today with no revisit planned yet (due at the end of the working day). Forms
 * already filed are never named.
 */
export function formDeadlineSource(s: OwedFormSettings): FormDeadlineSource {
  return {
    async unfiledDue(tx, { date, now, calendar }) {
      const since = addDays(date, -LOOKBACK_DAYS);
      const facts = await tx.reports.owedFormFacts({
        from: since,
        to: date,
        fromAt: startOfLocalDay(since, s.timezone),
      });
      const due = remindersDue(
        deriveOwedForms(facts, s, calendar).filter((o) => REMINDED_KINDS.has(o.kind)),
        { date, now, timezone: s.timezone },
      );
      const by = new Map<string, Array<{ label: string; clientName?: string; dueAt: Date; overdue?: boolean }>>();
      const push = (agent: string, f: { label: string; clientName?: string; dueAt: Date; overdue?: boolean }) =>
        by.set(agent, [...(by.get(agent) ?? []), f]);
      for (const [agent, forms] of due) {
        for (const f of forms)
          push(agent, {
            label: t(`deadline.form.${f.kind}`),
            ...(f.subject ? { clientName: f.subject } : {}),
            dueAt: f.dueAt,
            ...(f.overdue ? { overdue: true } : {}),
          });
      }
      for (const p of await revisitPlansDue(tx, facts.visitorFilings, date, s)) {
        if (p.dueAt.getTime() > now.getTime())
          push(p.agent, { label: t('deadline.form.revisit_plan'), clientName: p.clientName, dueAt: p.dueAt });
      }
      return [...by.entries()].map(([agentOpenId, forms]) => ({
        agentOpenId,
        forms: forms.sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime()),
      }));
    },
  };
}

/** Clients registered today (a counted visitor form) still open and with no revisit planned: the plan is due at the end of the working day. */
async function revisitPlansDue(
  tx: Tx,
  filings: VisitorFiling[],
  date: IsoDate,
  s: OwedFormSettings,
): Promise<Array<{ agent: string; clientName: string; dueAt: Date }>> {
  const today = countableVisitorFilings(filings).filter(
    (f) => f.agentOpenId && f.clientId !== null && localDate(f.filedAt, s.timezone) === date,
  );
  const seen = new Set<string>();
  const out: Array<{ agent: string; clientName: string; dueAt: Date }> = [];
  const clients = new Map(
    (await tx.clients.getMany([...new Set(today.map((f) => f.clientId!))])).map((c) => [c.id, c]),
  );
  for (const f of today) {
    const client = clients.get(f.clientId!);
    const key = `${f.agentOpenId}:${f.clientId}`;
    if (!client || seen.has(key) || client.owner.kind !== 'agent' || client.owner.openId !== f.agentOpenId) continue;
    seen.add(key);
    if (client.state === 'signed' || client.state === 'lost' || client.state === 'deposit') continue;
    if ((await tx.revisits.listOpenForClient(client.id)).length > 0) continue;
    out.push({ agent: f.agentOpenId!, clientName: client.name, dueAt: atLocalTime(date, s.endOfWorkDay, s.timezone) });
  }
  return out;
}

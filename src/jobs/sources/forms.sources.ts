import { addDays, atLocalTime, type IsoDate } from '../../domain/calendar/working-calendar.js';
import { visitorRegistrationDue, type DeadlineSettings } from '../../domain/forms/form-deadline.rules.js';
import type { Revisit } from '../../domain/forms/form.ports.js';
import type { Tx } from '../../domain/shared/tx.js';
import type { FieldVisitPlan } from '../../domain/visits/visit.js';
import { t } from '../../i18n/index.js';
import type { AgentItems, FormDeadlineSource, NextDayPlanSource, PlanItem, ReconciliationSource, RevisitReminderSource } from '../ports.js';

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
  return [...by.entries()].map(([agentOpenId, list]) => ({ agentOpenId, items: list.sort((a, b) => Number(!!b.overdue) - Number(!!a.overdue) || a.date.localeCompare(b.date)) }));
}

function revisitItem(r: Revisit, names: Map<number, string>, overdue: boolean): PlanItem {
  return { kind: 'revisit', revisitId: r.id, clientName: names.get(r.clientId) ?? `#${r.clientId}`, date: r.dueDate, ...(r.purpose ? { note: r.purpose } : {}), overdue };
}

function fieldVisitItem(p: FieldVisitPlan, names: Map<number, string>): PlanItem {
  const where = [...p.clientIds.map((id) => names.get(id) ?? `#${id}`), ...p.places].join('、');
  return { kind: 'field_visit', clientName: where || '—', date: p.visitDate as IsoDate, ...(p.purpose ? { note: p.purpose } : {}) };
}

/** R-REM-1: open revisits due today, and every earlier one still open (overdue, R-REV-2). */
export const revisitReminderSource: RevisitReminderSource = {
  async dueFor(tx, date) {
    const open = await tx.revisits.listOpenDueBy(date);
    const names = await clientNames(tx, open.map((r) => r.clientId));
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
    const names = await clientNames(tx, [...revisits.map((r) => r.clientId), ...signings.map((s) => s.clientId), ...[...visits, ...unlogged].flatMap((v) => v.clientIds)]);
    return group([
      ...revisits.map((r) => ({ agent: r.agentOpenId, item: revisitItem(r, names, r.dueDate <= today) })),
      ...signings.map((s) => ({ agent: s.agentOpenId, item: { kind: 'signing' as const, clientName: names.get(s.clientId) ?? `#${s.clientId}`, date: s.signingDate, ...(s.unit ? { note: s.unit } : {}) } })),
      ...visits.map((v) => ({ agent: v.agentOpenId, item: fieldVisitItem(v, names) })),
      ...unlogged.map((v) => ({ agent: v.agentOpenId, item: { ...fieldVisitItem(v, names), kind: 'visit_log' as const, overdue: true } })),
    ]);
  },
};

/** R-CON-3: the day's signed contracts without a collection form, and collections without a signed contract. */
export const reconciliationSource: ReconciliationSource = {
  async mismatches(tx, date) {
    const signed = await tx.contracts.signedOn(date);
    const collected = await tx.contracts.collectionsOn(date);
    const collectedNos = new Set((await tx.contracts.collectionsByNumbers(signed.map((s) => s.contractNo))).map((c) => c.contractNo));
    const signedNos = new Set((await tx.contracts.signedByNumbers(collected.map((c) => c.contractNo))).map((s) => s.contractNo));
    const names = await clientNames(tx, [...signed.map((s) => s.clientId), ...collected.map((c) => c.clientId)]);
    return {
      signedWithoutCollection: signed.filter((s) => !collectedNos.has(s.contractNo)).map((s) => ({ contractNo: s.contractNo, clientName: names.get(s.clientId) ?? `#${s.clientId}`, agentOpenId: s.agentOpenId, date: s.signedDate })),
      collectedWithoutSigned: collected.filter((c) => !signedNos.has(c.contractNo)).map((c) => ({ contractNo: c.contractNo, clientName: names.get(c.clientId) ?? `#${c.clientId}`, agentOpenId: c.agentOpenId, date: c.collectedDate })),
    };
  },
};

/**
 * R-REM-2: forms due today that are still missing — the visitor registration of a walk-in accepted
 * today (due 2 h after acceptance, at the latest end of day), and the revisit plan for a client
 * registered today with no open revisit (due at the end of the working day). Only deadlines still ahead.
 */
export function formDeadlineSource(s: DeadlineSettings): FormDeadlineSource {
  return {
    async unfiledDue(tx, { date, now }) {
      const due: Array<{ agent: string; label: string; clientName?: string; dueAt: Date }> = [];
      for (const w of await tx.walkIns.listByDay(date, 500)) {
        if (!w.owner) continue;
        if (w.status === 'accepted' && w.clientId === null) {
          due.push({ agent: w.owner, label: t('deadline.form.visitor'), ...(w.name ? { clientName: w.name } : {}), dueAt: visitorRegistrationDue(w.decidedAt ?? w.arrivedAt, s) });
        } else if (w.clientId !== null && (await tx.revisits.listOpenForClient(w.clientId)).length === 0) {
          const client = (await tx.clients.getMany([w.clientId]))[0];
          if (client && (client.state === 'signed' || client.state === 'lost')) continue;
          due.push({ agent: w.owner, label: t('deadline.form.revisit_plan'), ...(client ? { clientName: client.name } : {}), dueAt: atLocalTime(date as IsoDate, s.endOfWorkDay, s.timezone) });
        }
      }
      const by = new Map<string, Array<{ label: string; clientName?: string; dueAt: Date }>>();
      for (const d of due.filter((x) => x.dueAt.getTime() > now.getTime())) {
        const { agent, ...form } = d;
        by.set(agent, [...(by.get(agent) ?? []), form]);
      }
      return [...by.entries()].map(([agentOpenId, forms]) => ({ agentOpenId, forms }));
    },
  };
}

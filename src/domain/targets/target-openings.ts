import { hasRole, type Member } from '../members/roles.js';
import type { Clock } from '../shared/clock.js';
import { conflict, forbidden, invalidInput, notFound } from '../shared/errors.js';
import type { Tx } from '../shared/tx.js';
import { isValidIsoDate } from '../shared/zoned-time.js';
import { agentMonthCommission, type CommissionScheme } from './commission.rules.js';
import type { Fen } from './money.js';
import { monthPeriod } from './period.js';
import { targetsFor } from './performance.js';

/**
 * 开业 <合同号> [日期]: the front desk or a manager records that a signed contract's tenant opened,
 * which makes the opening part of its commission due (R-TGT-4). Once per contract; not before
 * the signing date, not in the future.
 */
export async function recordOpening(
  tx: Tx,
  deps: { clock: Clock; schemes: CommissionScheme[] },
  q: { actor: Member; contractNoText: string; dateText: string | undefined; today: string },
): Promise<{ contractNo: string; openedDate: string; agentOpenId: string | null; atOpeningFen: Fen }> {
  const { actor, contractNoText, dateText, today } = q;
  if (!hasRole(actor, 'front_desk', 'manager')) throw forbidden('error.forbidden_role', { roles: '前台、招商部经理' });
  const contractNo = contractNoText.replace(/\s+/g, '').toUpperCase();
  if (!contractNo) throw invalidInput('target.opening.usage');
  const signed = await tx.contracts.findSigned(contractNo);
  if (!signed) throw notFound('target.opening.no_contract', { no: contractNo });
  const d = (dateText ?? '').trim();
  const openedDate =
    d === '' || d === '今天' ? today : /^\d{4}-\d{2}-\d{2}$/.test(d) && isValidIsoDate(d) ? d : undefined;
  if (!openedDate) throw invalidInput('target.opening.bad_date', { value: d.slice(0, 20) });
  if (openedDate > today) throw invalidInput('target.opening.future');
  if (openedDate < signed.signedDate) throw invalidInput('target.opening.before_signing', { date: signed.signedDate });
  const now = deps.clock.now();
  if (!(await tx.openings.record({ contractNo, openedDate, recordedBy: actor.openId }, now)))
    throw conflict('target.opening.duplicate', { no: contractNo });
  await tx.audit.append(
    {
      actor: actor.openId,
      action: 'contract.opened',
      subjectType: 'contract',
      subjectId: contractNo,
      after: { openedDate },
      rule: 'R-TGT-4',
    },
    now,
  );
  // The opening part under the agent's month completion as it stands (final once the month is over).
  const month = monthPeriod(signed.signedDate.slice(0, 7));
  const list = signed.agentOpenId
    ? (await tx.contractLedger.signedBetween(month.from, month.to)).filter((c) => c.agentOpenId === signed.agentOpenId)
    : [];
  const r = agentMonthCommission(
    deps.schemes,
    list.map((c) => ({ signedDate: c.signedDate, firstMonthRentFen: c.monthlyRentFen ?? 0 })),
    (await targetsFor(tx, month)).perAgent.get(signed.agentOpenId ?? '') ?? null,
  );
  const i = list.findIndex((c) => c.contractNo === contractNo);
  return {
    contractNo,
    openedDate,
    agentOpenId: signed.agentOpenId,
    atOpeningFen: i >= 0 ? r.perContract[i]!.atOpeningFen : 0,
  };
}

import type { Approval } from '../approvals/approval.js';
import type { ApprovalService } from '../approvals/approval.service.js';
import { hasRole, type Member } from '../members/roles.js';
import type { Clock } from '../shared/clock.js';
import { conflict, FormError, forbidden } from '../shared/errors.js';
import type { Tx } from '../shared/tx.js';
import { parsePeriod } from './period.js';
import { memberNames } from './performance.js';
import { checkProposal, type ProposalInput } from './split.rules.js';
import type { Target } from './target.js';
import type { MessageKey } from '../../i18n/index.js';

/** R-TGT-1/2: targets are proposed by a manager and approved by a leader (approval kind `target`). */

export const TARGET_APPROVAL = 'target';

/**
 * A manager proposes a target for a month or a quarter with its split across agents; a leader is
 * asked to approve. Bad input comes back per field and nothing is saved.
 */
export async function proposeTarget(
  tx: Tx,
  deps: {
    clock: Clock;
    approvals: ApprovalService;
    approvalSummary(target: Target, names: Map<string, string>): string;
  },
  q: { actor: Member; periodText: string | undefined; input: ProposalInput; today: string },
): Promise<{ target: Target; approval: Approval }> {
  const { actor, periodText, input, today } = q;
  if (!hasRole(actor, 'manager')) throw forbidden('error.forbidden_role', { roles: '招商部经理' });
  const values: Record<string, unknown> = {
    period: periodText ?? '',
    contracts: input.contracts ?? '',
    area: input.area ?? '',
    rent: input.rent ?? '',
  };
  for (const [id, v] of Object.entries(input.split)) values[`split_${id}`] = v ?? '';
  const fields: Record<string, { key: MessageKey; params?: Record<string, string | number> }> = {};
  const period = parsePeriod(periodText ?? '', today);
  if (!period) fields.period = { key: 'target.err.period', params: { value: (periodText ?? '').slice(0, 20) } };
  else if (period.to < today) fields.period = { key: 'target.err.period_past' };
  const agents = new Set((await tx.members.list({ role: 'agent', activeOnly: true })).map((m) => m.openId));
  for (const id of Object.keys(input.split))
    if (!agents.has(id) && (input.split[id] ?? '').trim() !== '')
      fields[`split_${id}`] = { key: 'target.err.not_agent' };
  const checked = checkProposal(input);
  if (!checked.ok) Object.assign(fields, checked.issues);
  if (Object.keys(fields).length || !checked.ok || !period) throw new FormError(fields, values);

  if (await tx.targets.pendingFor(period.key)) throw conflict('target.err.pending_exists');
  const now = deps.clock.now();
  const target = await tx.targets.create(
    {
      periodKey: period.key,
      periodKind: period.kind,
      contracts: checked.proposal.contracts,
      areaCenti: checked.proposal.areaCenti,
      rentFen: checked.proposal.rentFen,
      proposedBy: actor.openId,
      split: checked.proposal.split,
    },
    now,
  );
  await tx.audit.append(
    {
      actor: actor.openId,
      action: 'target.proposed',
      subjectType: 'target',
      subjectId: String(target.id),
      after: { period: target.periodKey, contracts: target.contracts, split: target.split },
      rule: 'R-TGT-1',
    },
    now,
  );
  const names = await memberNames(
    tx,
    target.split.map((s) => s.agentOpenId),
  );
  const approval = await deps.approvals.request(tx, {
    kind: TARGET_APPROVAL,
    subjectId: String(target.id),
    requester: actor.openId,
    approverRole: 'leader',
    summary: deps.approvalSummary(target, names),
    payload: { period: target.periodKey, contracts: target.contracts },
  });
  await tx.targets.setApproval(target.id, approval.id);
  return { target: { ...target, approvalId: approval.id }, approval };
}

/** The approval's outcome, in the deciding transaction: approved targets replace the one in force. */
export async function onTargetDecided(tx: Tx, clock: Clock, a: Approval): Promise<void> {
  const id = Number(a.subjectId);
  const status = a.status === 'approved' ? 'approved' : a.status === 'rejected' ? 'rejected' : 'withdrawn';
  const changed = await tx.targets.decide(id, status, a.decidedBy ?? a.requester, a.decidedAt ?? clock.now());
  if (!changed) return;
  if (status === 'approved') {
    const t = await tx.targets.get(id);
    if (t) await tx.targets.supersede(t.periodKey, t.id);
  }
}

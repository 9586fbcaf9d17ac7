import type { ApprovalCardRenderer, ApprovalView, EscalationInfo } from '../../domain/approvals/approval.js';
import type { CardJson } from '../../domain/shared/outbox.js';
import { t, dynamicKey } from '../../i18n/index.js';
import { escapeMd, tmd } from './safe-text.js';
import { button, buttonRow, card, form, input, md, submitButton, type El, type Template } from './card-kit.js';
import { formatTime } from './time-format.js';
import { reviewApprovalDetail } from './review-cards.js';

/**
 * Kind-specific lines drawn from the approval's payload; kinds without one show the summary.
 * Other features add their kind here (one entry each).
 */
const tierName = (x: unknown) => (typeof x === 'string' ? t(dynamicKey(`tier.label.${x}`)) : t('tier.label.none'));
const DETAILS: Record<string, (p: Record<string, unknown>) => string> = {
  tier: (p) =>
    tmd('approval.detail.tier', {
      client: String(p.clientName ?? ''),
      tier: tierName(p.tier),
      suggested: tierName(p.suggested),
      previous: tierName(p.previous),
    }),
  handover: (p) =>
    tmd('approval.detail.handover', {
      client: String(p.clientName ?? ''),
      to: String(p.toName ?? ''),
      reason: String(p.reason ?? '—'),
    }),
  contract_review: reviewApprovalDetail,
};

const TEMPLATE: Record<string, Template> = { pending: 'orange', approved: 'green', rejected: 'red', withdrawn: 'grey' };

function kindName(view: ApprovalView): string {
  const kind = t(dynamicKey(`approval.kind.${view.approval.kind}`));
  return kind.startsWith('approval.kind.') ? view.approval.kind : kind;
}

function title(view: ApprovalView): string {
  return t('approval.card_title', { kind: kindName(view), status: t(`approval.status.${view.approval.status}`) });
}

/** `2 个工作小时 5 分钟`. */
function workingAge(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h === 0) return t('approval.age.minutes', { m });
  return m === 0 ? t('approval.age.hours', { h }) : t('approval.age.hours_minutes', { h, m });
}

/** Who asked, what, and (once decided) by whom, when and with what comment. */
export function approvalBody(view: ApprovalView, tz: string): El[] {
  const a = view.approval;
  const detail = DETAILS[a.kind];
  const text =
    detail && a.payload && typeof a.payload === 'object'
      ? detail(a.payload as Record<string, unknown>)
      : escapeMd(a.summary);
  const out: El[] = [
    md(tmd('approval.line.requester', { name: view.requesterName, at: formatTime(a.createdAt, tz) })),
    md(text),
  ];
  if (a.status !== 'pending') {
    out.push(
      md(
        tmd(`approval.outcome.${a.status}`, {
          by: view.deciderName ?? '—',
          at: a.decidedAt ? formatTime(a.decidedAt, tz) : '—',
        }),
      ),
    );
    if (a.comment) out.push(md(tmd('approval.line.comment', { comment: a.comment })));
  }
  return out;
}

/** 批准 / 驳回 with a comment box; `from` tells the handler which card to redraw. */
export function decideForm(id: number, from: 'card' | 'list'): El {
  return form(`approval_${id}`, [
    input('comment', { placeholder: t('approval.comment_placeholder'), maxLength: 500 }),
    buttonRow([
      submitButton(
        t('approval.approve'),
        `approve_${id}`,
        { a: 'approval.decide', id, d: 'approved', from },
        'primary',
      ),
      submitButton(t('approval.reject'), `reject_${id}`, { a: 'approval.decide', id, d: 'rejected', from }, 'danger'),
    ]),
  ]);
}

export function approvalCards(tz: string): ApprovalCardRenderer {
  return {
    approverCard(view): CardJson {
      const elements = approvalBody(view, tz);
      if (view.approval.status === 'pending' && view.approval.resentAt)
        elements.push(md(tmd('approval.resent_line', { at: formatTime(view.approval.createdAt, tz) })));
      if (view.approval.status === 'pending') elements.push(decideForm(view.approval.id, 'card'));
      return card({
        title: title(view),
        template: TEMPLATE[view.approval.status] ?? 'blue',
        elements,
        summary: title(view),
      });
    },
    requesterCard(view): CardJson {
      const a = view.approval;
      const elements = approvalBody(view, tz);
      if (a.status === 'pending') {
        elements.push(md(t('approval.waiting', { role: t(`role.${a.approverRole}`) })));
        elements.push(
          buttonRow([
            button(t('approval.withdraw'), { a: 'approval.withdraw', id: a.id }, 'default', {
              confirm: { title: t('approval.withdraw'), text: t('approval.withdraw_confirm') },
            }),
          ]),
        );
      }
      return card({ title: title(view), template: TEMPLATE[a.status] ?? 'blue', elements, summary: title(view) });
    },
    /** A new message to the applicant: the outcome first, in the title a phone shows in its notification. */
    decisionNotice(view): CardJson {
      const a = view.approval;
      const heading = t(`approval.notice_title.${a.status}`, { kind: kindName(view) });
      const elements = [...approvalBody(view, tz), md(t('approval.notice_hint'))];
      return card({ title: heading, template: TEMPLATE[a.status] ?? 'blue', elements, summary: heading });
    },
    /** The leaders' card (R-FV-4); no buttons: they remind, the deciders decide. Patched with the outcome. */
    escalationCard(view, info: EscalationInfo): CardJson {
      const a = view.approval;
      if (a.status !== 'pending') {
        const elements = [...approvalBody(view, tz), md(t('approval.escalation.decided'))];
        return card({ title: title(view), template: TEMPLATE[a.status] ?? 'blue', elements, summary: title(view) });
      }
      const heading = t('approval.escalation.title', { kind: kindName(view) });
      const elements: El[] = [
        md(
          tmd('approval.escalation.body', {
            kind: kindName(view),
            age: workingAge(info.waitedWorkingMinutes),
            requester: view.requesterName,
            at: formatTime(a.createdAt, tz),
            deciders: info.deciderNames.length ? info.deciderNames.join('、') : t('approval.escalation.nobody'),
          }),
        ),
        ...approvalBody(view, tz).slice(1),
        md(t('approval.escalation.hint')),
      ];
      return card({ title: heading, template: 'red', elements, summary: heading });
    },
  };
}

/** `待审批`: the pending approvals the reader may decide, each with its own form. */
export function pendingListCard(views: ApprovalView[], tz: string): CardJson {
  const elements: El[] = [md(t('approval.pending_header', { count: views.length }))];
  if (views.length === 0) elements.push(md(t('approval.pending_none')));
  for (const v of views.slice(0, 10)) {
    elements.push(
      md(`**${t(dynamicKey(`approval.kind.${v.approval.kind}`))} #${v.approval.id}**`),
      ...approvalBody(v, tz),
      decideForm(v.approval.id, 'list'),
    );
  }
  if (views.length > 10) elements.push(md(t('approval.pending_more', { count: views.length - 10 })));
  return card({ title: t('approval.pending_title'), template: 'orange', elements });
}

import { formatYuan } from '../../domain/forms/form-values.js';
import type { ContractReview, ReviewCards, ReviewView } from '../../domain/review/contract-review.js';
import type { CardJson } from '../../domain/shared/outbox.js';
import { t } from '../../i18n/index.js';
import { button, buttonRow, card, md, type El } from './card-kit.js';
import { tmd } from './safe-text.js';

/** The contract's terms as every review card shows them (R-CON-4). */
export function termsLines(r: {
  contractNo: string;
  clientName: string;
  agentName: string | null;
  signedDate: string;
  unit: string | null;
  area: number | null;
  monthlyRent: number | null;
}): string {
  return tmd('review.terms', {
    no: r.contractNo,
    client: r.clientName,
    agent: r.agentName ?? t('client.owner_pool'),
    date: r.signedDate,
    unit: r.unit ?? '—',
    area: r.area === null ? '—' : String(r.area),
    rent: r.monthlyRent === null ? '—' : formatYuan(r.monthlyRent),
  });
}

/** What the front desk sees right after entering a contract that now waits for legal and finance. */
export function reviewSubmittedCard(review: ContractReview, clientName: string, withoutCollection: boolean): CardJson {
  const elements: El[] = [
    md(tmd('review.submitted', { no: review.contractNo, round: review.round })),
    md(termsLines({ ...review, clientName, agentName: null })),
  ];
  if (withoutCollection) elements.push(md(t('signed.no_collection')));
  return card({ title: t('review.submitted_title'), template: 'orange', elements });
}

export const reviewCards: ReviewCards = {
  returned(view: ReviewView, forFrontDesk: boolean): CardJson {
    const r = view.review;
    const elements: El[] = [
      md(tmd('review.returned_body', { no: r.contractNo, client: view.clientName, round: r.round })),
      md(termsLines({ ...r, clientName: view.clientName, agentName: view.agentName })),
    ];
    for (const x of view.returnedBy)
      elements.push(
        md(
          tmd('review.returned_line', {
            role: t(`role.${x.role}`),
            name: x.name ?? '—',
            comment: x.comment ?? t('review.no_comment'),
          }),
        ),
      );
    elements.push(md(t(forFrontDesk ? 'review.resubmit_hint' : 'review.agent_hint')));
    if (forFrontDesk)
      elements.push(buttonRow([button(t('review.resubmit'), { a: 'review.resubmit', id: r.id }, 'primary')]));
    return card({ title: t('review.returned_title'), template: 'red', elements });
  },
  signed(view: ReviewView): CardJson {
    const r = view.review;
    return card({
      title: t('review.signed_title'),
      template: 'green',
      elements: [
        md(tmd('review.signed_body', { no: r.contractNo, client: view.clientName })),
        md(termsLines({ ...r, clientName: view.clientName, agentName: view.agentName })),
      ],
    });
  },
};

/** The approval card's detail line for a review request (payload written by ContractReviewService.start). */
export function reviewApprovalDetail(p: Record<string, unknown>): string {
  const n = (v: unknown) => (typeof v === 'number' ? v : typeof v === 'string' && v !== '' ? Number(v) : null);
  return termsLines({
    contractNo: String(p.contractNo ?? ''),
    clientName: String(p.clientName ?? ''),
    agentName: typeof p.agentName === 'string' ? p.agentName : null,
    signedDate: String(p.signedDate ?? ''),
    unit: typeof p.unit === 'string' ? p.unit : null,
    area: n(p.area),
    monthlyRent: n(p.monthlyRent),
  });
}

import type { FeedbackCards, FeedbackView } from '../../domain/feedback/feedback.js';
import type { CardJson } from '../../domain/shared/outbox.js';
import { t } from '../../i18n/index.js';
import { card, md, type El } from './card-kit.js';
import { formBlock, type FieldDef, type FormState } from './form-kit.js';
import { tmd } from './safe-text.js';
import { formatTime } from './time-format.js';

const MAX_TEXT = 1000;

export const feedbackFields: FieldDef[] = [
  {
    name: 'fb_kind',
    kind: 'select',
    essential: true,
    options: [
      { value: 'complaint', text: t('feedback.kind.complaint') },
      { value: 'suggestion', text: t('feedback.kind.suggestion') },
    ],
  },
  { name: 'fb_content', kind: 'multiline', essential: true, maxLength: MAX_TEXT },
];
const resolutionFields: FieldDef[] = [
  { name: 'fb_resolution', kind: 'multiline', essential: true, maxLength: MAX_TEXT },
];

/** R-FB-1 quick form: what the tenant said, for one client. */
export function feedbackFormCard(client: { id: number; name: string }, state: FormState = {}): CardJson {
  return card({
    title: t('feedback.form_title'),
    template: 'wathet',
    elements: [
      md(tmd('feedback.form_intro', { client: client.name })),
      ...formBlock('feedback_form', feedbackFields, state, { a: 'feedback.submit', clientId: client.id }),
    ],
  });
}

function body(v: FeedbackView, tz: string): El[] {
  const f = v.feedback;
  return [
    md(
      tmd('feedback.body', {
        kind: t(`feedback.kind.${f.kind}`),
        client: v.clientName,
        by: v.loggedByName,
        at: formatTime(f.loggedAt, tz),
        due: f.dueDate,
        owner: v.ownerName ?? '—',
      }),
    ),
    md(tmd('feedback.content', { content: f.content })),
  ];
}

/** The owner's card: open → the close form; closed → what was done (patched in place). */
export function feedbackCards(tz: string): FeedbackCards & {
  logged(v: FeedbackView): CardJson;
  ownerCard(v: FeedbackView, state?: FormState): CardJson;
} {
  const ownerCard = (v: FeedbackView, state: FormState = {}): CardJson => {
    const f = v.feedback;
    if (f.status === 'closed')
      return card({
        title: t('feedback.closed_title'),
        template: 'green',
        elements: [
          ...body(v, tz),
          md(
            tmd('feedback.resolution', {
              by: v.closedByName ?? '—',
              at: f.closedAt ? formatTime(f.closedAt, tz) : '—',
              resolution: f.resolution ?? '',
            }),
          ),
        ],
      });
    return card({
      title: t('feedback.assigned_title', { kind: t(`feedback.kind.${f.kind}`) }),
      template: 'orange',
      elements: [
        ...body(v, tz),
        md(tmd('feedback.due_hint', { due: f.dueDate })),
        ...formBlock('feedback_close', resolutionFields, state, { a: 'feedback.close', id: f.id }),
      ],
    });
  };
  return {
    assigned: (v) => ownerCard(v),
    ownerCard,
    closed: (v) => ownerCard(v),
    logged: (v) =>
      card({
        title: t('feedback.logged_title'),
        template: 'green',
        elements: [...body(v, tz), md(t('feedback.logged_hint'))],
      }),
  };
}

import type { Material } from '../../domain/materials/material.js';
import { MATERIAL_KINDS } from '../../domain/materials/material.js';
import type { CardJson } from '../../domain/shared/outbox.js';
import { t } from '../../i18n/index.js';
import { escapeMd, linkTarget, markup, tmd } from './safe-text.js';
import {
  button,
  buttonRow,
  card,
  form,
  hr,
  input,
  labelled,
  md,
  selectStatic,
  submitButton,
  type El,
} from './card-kit.js';
import type { FormState } from './field-visit-cards.js';

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/**
 * Materials per page: each costs up to 9 of the card's 200 elements (line, send and approve buttons
 * with their texts and confirm); with the manager's add form a page stays near 120.
 */
export const MATERIALS_PAGE = 10;

/** `资料`: approved material for everyone; managers also see drafts and the add form (R-INFO-1). */
export function materialsCard(
  items: Material[],
  isManager: boolean,
  state: FormState & { notice?: string; page?: number } = {},
): CardJson {
  const elements: El[] = [];
  if (state.notice) elements.push(md(state.notice));
  elements.push(md(items.length ? t('material.header', { count: items.length }) : t('material.none')));
  const pages = Math.max(1, Math.ceil(items.length / MATERIALS_PAGE));
  const page = Math.min(Math.max(1, state.page ?? 1), pages);
  for (const m of items.slice((page - 1) * MATERIALS_PAGE, page * MATERIALS_PAGE)) {
    elements.push(
      md(
        tmd('material.line', {
          id: m.id,
          title: m.title,
          kind: t(`material.kind.${m.kind}`),
          draft: markup(m.status === 'draft' ? t('material.draft_tag') : ''),
        }),
      ),
    );
    const buttons = [button(t('material.send'), { a: 'material.send', id: m.id }, 'primary')];
    if (isManager && m.status === 'draft')
      buttons.push(
        button(t('material.approve'), { a: 'material.approve', id: m.id }, 'default', {
          confirm: { title: t('material.approve'), text: m.title },
        }),
      );
    elements.push(buttonRow(buttons));
  }
  if (pages > 1) {
    const nav: El[] = [];
    if (page > 1) nav.push(button(t('common.prev'), { a: 'material.page', page: page - 1 }));
    nav.push(md(t('common.page', { page, pages })));
    if (page < pages) nav.push(button(t('common.next'), { a: 'material.page', page: page + 1 }));
    elements.push(buttonRow(nav));
  }
  if (isManager) elements.push(hr(), addForm(state));
  return card({ title: t('material.title'), template: 'turquoise', elements });
}

function addForm(state: FormState): El {
  const v = state.values ?? {};
  const e = state.errors ?? {};
  return form('material_form', [
    md(t('material.add_intro')),
    ...labelled(
      t('material.f.title'),
      input('title', { value: str(v.title), maxLength: 100, required: true }),
      e.title,
      true,
    ),
    ...labelled(
      t('material.f.kind'),
      selectStatic(
        'kind',
        MATERIAL_KINDS.map((k) => ({ value: k, text: t(`material.kind.${k}`) })),
        { value: str(v.kind) || 'text' },
      ),
      e.kind,
      true,
    ),
    ...labelled(
      t('material.f.body'),
      input('body', {
        value: str(v.body),
        placeholder: t('material.f.body_ph'),
        maxLength: 1000,
        multiline: true,
        required: true,
      }),
      e.body,
      true,
    ),
    ...labelled(
      t('material.f.status'),
      selectStatic(
        'status',
        [
          { value: 'draft', text: t('material.status.draft') },
          { value: 'approved', text: t('material.status.approved') },
        ],
        { value: str(v.status) || 'draft' },
      ),
    ),
    submitButton(t('material.add'), 'material_add', { a: 'material.add' }),
  ]);
}

/** The material itself, as handed to the agent. */
export function materialCard(m: Material): CardJson {
  // A link or file is a link the manager meant; its address is percent-encoded where markdown would end it.
  const body =
    m.kind === 'text'
      ? escapeMd(m.body)
      : `[${t(m.kind === 'file' ? 'material.open_file' : 'material.open_link')}](${linkTarget(m.body)})`;
  return card({ title: m.title, template: 'turquoise', elements: [md(body)] });
}

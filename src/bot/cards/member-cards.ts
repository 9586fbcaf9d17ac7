import { ROLES, type Member, type Role } from '../../domain/members/roles.js';
import type { CardJson } from '../../domain/shared/outbox.js';
import { t } from '../../i18n/index.js';
import { tmd } from './safe-text.js';
import {
  button,
  buttonRow,
  card,
  form,
  hr,
  input,
  labelled,
  md,
  multiSelectStatic,
  submitButton,
  type El,
} from './card-kit.js';

const PAGE = 15;

export interface MemberFormState {
  values?: { open_id?: string; roles?: string[] };
  errors?: { open_id?: string; roles?: string };
  notice?: string;
}

export function rolesText(roles: Role[]): string {
  return roles.map((r) => t(`role.${r}`)).join('、');
}

/** The admin's member list with a form to add or change a member; long lists are paged. */
export function membersCard(members: Member[], page = 1, state: MemberFormState = {}): CardJson {
  const pages = Math.max(1, Math.ceil(members.length / PAGE));
  const p = Math.min(Math.max(1, page), pages);
  const slice = members.slice((p - 1) * PAGE, p * PAGE);
  const elements: El[] = [];
  if (state.notice) elements.push(md(state.notice));
  elements.push(md(t('admin.list_header', { count: members.length })));
  for (const m of slice) {
    const line = tmd('admin.member_line', {
      name: m.name,
      openId: m.openId,
      roles: rolesText(m.roles),
      inactive: m.active ? '' : t('admin.inactive'),
    });
    elements.push(md(line));
    if (m.active)
      elements.push(
        buttonRow([
          button(t('admin.form.deactivate'), { a: 'admin.member.deactivate', openId: m.openId }, 'danger', {
            confirm: { title: t('admin.form.deactivate'), text: m.name },
          }),
        ]),
      );
  }
  if (pages > 1) {
    const nav: El[] = [];
    if (p > 1) nav.push(button(t('common.prev'), { a: 'admin.members.page', page: p - 1 }));
    nav.push(md(t('common.page', { page: p, pages })));
    if (p < pages) nav.push(button(t('common.next'), { a: 'admin.members.page', page: p + 1 }));
    elements.push(buttonRow(nav));
  }
  elements.push(hr(), md(t('admin.add_hint')));
  elements.push(
    form('member_form', [
      ...labelled(
        t('admin.form.open_id'),
        input('open_id', { placeholder: 'ou_…', value: state.values?.open_id ?? '', maxLength: 100, required: true }),
        state.errors?.open_id,
        true,
      ),
      ...labelled(
        t('admin.form.roles'),
        multiSelectStatic(
          'roles',
          ROLES.map((r) => ({ value: r, text: t(`role.${r}`) })),
          { values: state.values?.roles ?? [], required: true },
        ),
        state.errors?.roles,
        true,
      ),
      submitButton(t('admin.form.submit'), 'member_submit', { a: 'admin.member.save' }),
    ]),
  );
  return card({ title: t('admin.title'), template: 'indigo', elements });
}

export function bindGroupCard(chatId: string, name: string): CardJson {
  return card({
    title: t('group.offer_bind_title'),
    template: 'turquoise',
    elements: [
      md(tmd('group.offer_bind_body', { name })),
      buttonRow([button(t('group.bind_button'), { a: 'group.bind', chatId, name: name.slice(0, 100) }, 'primary')]),
    ],
  });
}

/** `text` is markdown: user text in it went through `tmd` / `escapeMd`. */
export function noticeCard(title: string, text: string, template: 'green' | 'red' | 'blue' = 'green'): CardJson {
  return card({ title, template, elements: [md(text)] });
}

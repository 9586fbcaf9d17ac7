import type { Member } from '../../domain/members/roles.js';
import type { CardJson } from '../../domain/shared/outbox.js';
import { t, dynamicKey } from '../../i18n/index.js';
import { tmd } from './safe-text.js';
import type { MenuEntry } from '../menu.js';
import { button, buttonRow, card, md } from './card-kit.js';

export function menuCard(member: Member, entries: MenuEntry[], notUnderstood?: string): CardJson {
  const roles = member.roles.map((r) => t(`role.${r}`)).join('、');
  const elements = [];
  if (notUnderstood) elements.push(md(tmd('menu.unknown_command', { text: notUnderstood.slice(0, 50) })));
  elements.push(md(tmd('menu.greeting', { name: member.name, roles })));
  if (entries.length === 0) elements.push(md(t('menu.nothing')));
  else
    elements.push(buttonRow(entries.map((e) => button(t(dynamicKey(e.labelKey)), { a: 'menu.run', cmd: e.command }))));
  return card({ title: t('menu.title'), template: 'blue', elements });
}

/** Typed text close to some buttons' labels: those buttons first, the whole menu one tap away. */
export function suggestionCard(typed: string, candidates: MenuEntry[]): CardJson {
  return card({
    title: t('menu.suggest_title'),
    template: 'wathet',
    elements: [
      md(tmd('menu.suggest_body', { text: typed.slice(0, 50) })),
      buttonRow([
        ...candidates.map((e, i) =>
          button(t(dynamicKey(e.labelKey)), { a: 'menu.run', cmd: e.command }, i === 0 ? 'primary' : 'default'),
        ),
        button(t('menu.suggest_all'), { a: 'menu.run', cmd: '帮助' }),
      ]),
    ],
  });
}

export function notMemberCard(openId: string): CardJson {
  return card({ title: t('not_member.title'), template: 'grey', elements: [md(tmd('not_member.body', { openId }))] });
}

import { z } from 'zod';
import { isRole, type Role } from '../../domain/members/roles.js';
import { DomainError, invalidInput } from '../../domain/shared/errors.js';
import { SETTING_DEPARTMENT_CHAT } from '../../domain/shared/settings.js';
import type { Tx } from '../../domain/shared/tx.js';
import { parseRoles } from '../../domain/members/member.service.js';
import { bindGroupCard, membersCard, noticeCard, rolesText, type MemberFormState } from '../cards/member-cards.js';
import { red } from '../cards/form-kit.js';
import { tmd, ttext } from '../cards/safe-text.js';
import type { BotContext } from '../context.js';
import { requireRole } from '../middleware/require-role.js';
import { Router } from '../router.js';
import type { FeatureDeps } from '../services.js';
import type { MemberService } from '../../domain/members/member.service.js';
import type { Declared } from '../actions.js';

/** The button actions this feature handles: cards and `r.action` are typed against them (src/bot/actions.ts). */
export const ACTIONS = ['admin.member.deactivate', 'admin.member.save', 'admin.members.page', 'group.bind'] as const;

/** Admins bind members and roles, and the department group chat. */
export function membersFeature({ services, menu }: FeatureDeps): Router {
  const r = new Router();
  const members = services.members;
  menu.add({ labelKey: 'menu.admin', command: '成员管理', roles: ['admin'], order: 90 });

  r.command(['成员管理', '成员', 'members'], requireRole('admin'), async (ctx) => {
    await ctx.replyCard(await renderMembers(ctx, 1));
  });

  r.action(
    'admin.members.page',
    z.object({ a: z.string(), page: z.number().int().min(1).max(1000) }),
    requireRole('admin'),
    async (ctx) => {
      ctx.updateCard(await renderMembers(ctx, ctx.value.page));
    },
  );

  // 添加成员 @张三 @李四 招商员,前台  — or with open_ids instead of the mentions. Everyone named gets the roles.
  r.command(/^(添加成员|设置角色|set roles)\s*(.*)$/i, requireRole('admin'), async (ctx) => {
    const targets = targetsOf(ctx, ctx.match?.[2] ?? '');
    const roleText = (ctx.match?.[2] ?? '').replace(/ou_[A-Za-z0-9_-]+/g, '').trim();
    const roles = parseRoles(roleText);
    if (targets.length === 1) {
      const { openId, name } = targets[0]!;
      await ctx.transaction(async (tx) => {
        const saved = await members.setRoles(tx, ctx.member!, openId, roles, name);
        await ctx.reply(ttext('admin.saved', { name: saved.name, roles: rolesText(saved.roles) }));
      });
      return;
    }
    await eachTarget(ctx, targets, async (tx, { openId, name }) => {
      const saved = await members.setRoles(tx, ctx.member!, openId, roles, name);
      return ttext('admin.multi.saved', { name: saved.name, roles: rolesText(saved.roles) });
    });
  });

  r.command(/^(停用成员|deactivate)\s*(.*)$/i, requireRole('admin'), async (ctx) => {
    const targets = targetsOf(ctx, ctx.match?.[2] ?? '');
    if (targets.length === 1) {
      await ctx.transaction(async (tx) => {
        const m = await members.deactivate(tx, ctx.member!, targets[0]!.openId);
        await ctx.reply(ttext('admin.deactivated', { name: m.name }));
      });
      return;
    }
    await eachTarget(ctx, targets, async (tx, { openId }) => {
      const m = await members.deactivate(tx, ctx.member!, openId);
      return ttext('admin.multi.deactivated', { name: m.name });
    });
  });

  r.action('admin.member.save', z.object({ a: z.string() }), requireRole('admin'), async (ctx) => {
    const fv = (ctx.update.kind === 'card' && ctx.update.formValue) || {};
    const openId = typeof fv.open_id === 'string' ? fv.open_id.trim() : '';
    const picked = Array.isArray(fv.roles) ? fv.roles.filter((x): x is string => typeof x === 'string') : [];
    const state: MemberFormState = { values: { open_id: openId, roles: picked }, errors: {} };
    if (!/^ou_[A-Za-z0-9_-]{4,}$/.test(openId))
      state.errors!.open_id = ctx.t('admin.bad_open_id', { value: openId || '—' });
    const roles = picked.filter(isRole) as Role[];
    if (roles.length === 0) state.errors!.roles = ctx.t('admin.bad_roles');
    if (state.errors!.open_id || state.errors!.roles) {
      // The form comes back with what was typed still filled in.
      ctx.toast('error', ctx.t('form.has_errors', { count: Object.keys(state.errors!).length }));
      ctx.updateCard(await renderMembers(ctx, 1, state));
      return;
    }
    try {
      const saved = await ctx.transaction((tx) => members.setRoles(tx, ctx.member!, openId, roles));
      ctx.toast('success', ctx.t('admin.saved', { name: saved.name, roles: rolesText(saved.roles) }));
      ctx.updateCard(
        await renderMembers(ctx, 1, {
          notice: tmd('admin.saved', { name: saved.name, roles: rolesText(saved.roles) }),
        }),
      );
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      ctx.toast('error', ctx.t(err.messageKey, err.params));
      ctx.updateCard(await renderMembers(ctx, 1, { ...state, notice: red(ctx.t(err.messageKey, err.params)) }));
    }
  });

  r.action(
    'admin.member.deactivate',
    z.object({ a: z.string(), openId: z.string().regex(/^ou_/) }),
    requireRole('admin'),
    async (ctx) => {
      const m = await ctx.transaction((tx) => members.deactivate(tx, ctx.member!, ctx.value.openId));
      ctx.toast('success', ctx.t('admin.deactivated', { name: m.name }));
      ctx.updateCard(await renderMembers(ctx, 1));
    },
  );

  // When the bot joins a group, whoever added it is offered to make it the department group.
  r.event('im.chat.member.bot.added_v1', async (ctx) => {
    const ev = ctx.update.kind === 'event' ? ctx.update.event : {};
    const chatId = typeof ev.chat_id === 'string' ? ev.chat_id : '';
    const operator = (ev.operator_id as { open_id?: string } | undefined)?.open_id;
    if (!chatId || !operator) return;
    const name = typeof ev.name === 'string' ? ev.name : chatId;
    await ctx.transaction((tx) =>
      tx.outbox.send({
        to: { openId: operator },
        card: bindGroupCard(chatId, name),
        dedupeKey: `bind-offer:${chatId}:${ctx.update.eventId}`.slice(0, 150),
      }),
    );
  });

  r.action(
    'group.bind',
    z.object({ a: z.string(), chatId: z.string().regex(/^oc_/), name: z.string().max(100) }),
    async (ctx) => {
      if (!ctx.member?.roles.includes('admin')) {
        ctx.toast('error', ctx.t('group.only_admin'));
        return;
      }
      await bindChat(ctx, ctx.value.chatId);
      ctx.toast('success', ctx.t('group.bound', { name: ctx.value.name }));
      ctx.updateCard(noticeCard(ctx.t('group.offer_bind_title'), tmd('group.bound', { name: ctx.value.name })));
    },
  );

  r.command(['绑定本群', '绑定部门群'], requireRole('admin'), async (ctx) => {
    if (!ctx.isGroup || !ctx.chatId) throw invalidInput('group.only_in_group');
    await bindChat(ctx, ctx.chatId);
    await ctx.reply(ctx.t('group.bound_chat'));
  });

  return r;
}

async function bindChat(ctx: BotContext, chatId: string): Promise<void> {
  await ctx.transaction(async (tx) => {
    const before = await tx.settings.get<string>(SETTING_DEPARTMENT_CHAT);
    await tx.settings.set(SETTING_DEPARTMENT_CHAT, chatId);
    await tx.audit.append(
      {
        actor: ctx.senderOpenId,
        action: 'department.chat_bound',
        subjectType: 'setting',
        subjectId: SETTING_DEPARTMENT_CHAT,
        before: before ?? null,
        after: chatId,
        rule: 'R-AUD-1',
      },
      ctx.now(),
    );
  });
}

async function renderMembers(ctx: BotContext, page: number, state?: MemberFormState) {
  const list = await ctx.transaction((tx) => tx.members.list());
  return membersCard(list, page, state);
}

type Target = { openId: string; name?: string };

/** The members a text command is about: every @-mention that is not the bot, else the open_ids in the text. */
function targetsOf(ctx: BotContext, rest: string): Target[] {
  const found = new Map<string, Target>();
  const u = ctx.update;
  if (u.kind === 'message') {
    const bot = ctx.deps.botOpenId();
    for (const m of u.mentions)
      if (m.openId && m.openId !== bot && !found.has(m.openId))
        found.set(m.openId, { openId: m.openId, ...(m.name ? { name: m.name } : {}) });
  }
  if (found.size === 0) for (const id of rest.match(/ou_[A-Za-z0-9_-]+/g) ?? []) found.set(id, { openId: id });
  if (found.size === 0) throw invalidInput('admin.no_target');
  return [...found.values()];
}

/**
 * Several people in one command: each is handled in the one transaction, and one reply lists what was
 * done for whom. A refusal for one person (the last admin, an unknown open_id) is named on its line and
 * changes nothing for that person; the others are still done.
 */
async function eachTarget(
  ctx: BotContext,
  targets: Target[],
  act: (tx: Tx, target: Target) => Promise<string>,
): Promise<void> {
  await ctx.transaction(async (tx) => {
    const lines = [ttext('admin.multi.header', { count: targets.length })];
    for (const target of targets) {
      try {
        lines.push(await act(tx, target));
      } catch (err) {
        if (!(err instanceof DomainError)) throw err;
        lines.push(
          ttext('admin.multi.failed', {
            name: target.name || target.openId,
            reason: ctx.t(err.messageKey, err.params),
          }),
        );
      }
    }
    await ctx.reply(lines.join('\n'));
  });
}

/** The services this feature's commands and buttons use (built by its feature module in src/features/). */
declare module '../services.js' {
  interface Services {
    members: MemberService;
  }
}

declare module '../actions.js' {
  interface Actions extends Declared<typeof ACTIONS> {}
}

import type { MemberService } from '../../domain/members/member.service.js';
import { notMemberCard } from '../cards/menu-cards.js';
import type { Middleware } from '../router.js';

/**
 * Drops what the bot should not answer (group messages that do not @ it), then finds the sender's
 * member record. A non-member gets a polite card with their open_id to give an admin.
 */
export function resolveMember(members: MemberService, nameMaxAgeMs: number): Middleware {
  return async (ctx, next) => {
    const u = ctx.update;
    if (u.kind === 'event') return next();
    if (u.kind === 'message') {
      if (!u.senderOpenId) return;
      if (
        u.chatType === 'group' &&
        !mentionsBot(
          u.mentions.map((m) => m.openId),
          ctx.deps.botOpenId(),
        )
      )
        return;
    }
    const openId = ctx.senderOpenId;
    // A read on every event: no transaction. Only a boot admin's first contact writes (in one of its own,
    // not ctx.transaction, which marks the inbox row done: only the feature's own write may do that).
    const found = await ctx.deps.uow.read((tx) => members.find(tx, openId));
    const member = members.isSettled(found, openId)
      ? found
      : await ctx.deps.uow.run((tx) => members.resolve(tx, openId));
    if (!member?.active) {
      const card = notMemberCard(openId);
      if (u.kind === 'card') ctx.updateCard(card);
      else await ctx.replyCard(card);
      return;
    }
    ctx.member = member;
    if (members.needsName(member, nameMaxAgeMs)) await refreshName(ctx, members, openId);
    await next();
  };
}

function mentionsBot(mentioned: string[], botOpenId: string | undefined): boolean {
  if (mentioned.length === 0) return false;
  return botOpenId ? mentioned.includes(botOpenId) : true;
}

/** Best effort: a contact-API failure (scope not granted, rate limit) must not block the user. */
async function refreshName(ctx: Parameters<Middleware>[0], members: MemberService, openId: string): Promise<void> {
  try {
    const name = await ctx.deps.lark.getUserName(openId);
    if (!name) return;
    await ctx.deps.uow.run((tx) => members.saveName(tx, openId, name));
    if (ctx.member) ctx.member = { ...ctx.member, name, nameRefreshedAt: ctx.now() };
  } catch (err) {
    ctx.log.warn({ err: (err as Error).message, openId }, 'could not read the member name from the contact API');
  }
}

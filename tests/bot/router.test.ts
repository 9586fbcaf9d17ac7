import { describe, expect, it } from 'vitest';
import type { ActionName } from '../../src/bot/actions.js';
import { z } from 'zod';
import { compose, Router } from '../../src/bot/router.js';
import { t } from '../../src/i18n/index.js';
import { cardUpdate, fakeContext, textUpdate } from './fake-context.js';

describe('bot router', () => {
  it('lets the first matching listener handle the update, and no other', async () => {
    const seen: string[] = [];
    const r = new Router()
      .command('帮助', () => void seen.push('first'))
      .command(['帮助', 'help'], () => void seen.push('second'));
    await r.handle(fakeContext(textUpdate('帮助')));
    expect(seen).toEqual(['first']);
  });

  it('matches a whole word or the word followed by a space, case-insensitively, and sets ctx.match', async () => {
    const args: string[] = [];
    const r = new Router().command(['help', '查客户'], (ctx) => void args.push(ctx.match?.[1] ?? ''));
    for (const text of ['HELP', '查客户 张三 ', '查客户张三', 'helpme']) await r.handle(fakeContext(textUpdate(text)));
    expect(args).toEqual(['', '张三']);
  });

  it('sets ctx.match from a RegExp trigger', async () => {
    let got: string | undefined;
    await new Router()
      .command(/^添加成员\s*(.*)$/, (ctx) => void (got = ctx.match?.[1]))
      .handle(fakeContext(textUpdate('添加成员 ou_x 招商员')));
    expect(got).toBe('ou_x 招商员');
  });

  it('passes the update on with next(), through nested routers', async () => {
    const seen: string[] = [];
    const inner = new Router().command('帮助', async (_ctx, next) => {
      seen.push('inner');
      await next();
    });
    const r = new Router().use(inner).command('帮助', () => void seen.push('outer'));
    await r.handle(fakeContext(textUpdate('帮助')));
    expect(seen).toEqual(['inner', 'outer']);
  });

  it('throws when a middleware calls next() twice', async () => {
    const twice = compose([
      async (_ctx, next) => {
        await next();
        await next();
      },
    ]);
    await expect(twice(fakeContext(textUpdate('x')), async () => undefined)).rejects.toThrow(
      'next() called more than once',
    );
  });

  it('hands a thrown error to catch(), with the context', async () => {
    const boom = new Error('boom');
    const caught: unknown[] = [];
    const r = new Router()
      .command('x', () => {
        throw boom;
      })
      .catch((err, ctx) => void caught.push(err, ctx.update.kind));
    await r.handle(fakeContext(textUpdate('x')));
    expect(caught).toEqual([boom, 'message']);
  });

  it('rethrows when no catch() is set (the root catches for nested routers)', async () => {
    const r = new Router().command('x', () => {
      throw new Error('boom');
    });
    await expect(r.handle(fakeContext(textUpdate('x')))).rejects.toThrow('boom');
  });

  it('validates a card value with its zod schema before the handler sees it', async () => {
    const values: unknown[] = [];
    const r = new Router().action(
      'rotation.accept',
      z.object({ a: z.literal('rotation.accept'), offerId: z.number().int() }),
      (ctx) => void values.push(ctx.value),
    );
    await r.handle(fakeContext(cardUpdate({ a: 'rotation.accept', offerId: 7 })));
    expect(values).toEqual([{ a: 'rotation.accept', offerId: 7 }]);
  });

  it('answers a forged or stale card value with a toast instead of running the handler', async () => {
    let ran = false;
    const r = new Router().action(
      'rotation.accept',
      z.object({ a: z.string(), offerId: z.number().int() }),
      () => void (ran = true),
    );
    const ctx = fakeContext(cardUpdate({ a: 'rotation.accept', offerId: 'DROP TABLE' }));
    await r.handle(ctx);
    expect(ran).toBe(false);
    expect(ctx.response.toast).toEqual({ type: 'error', content: t('error.stale_button') });
  });

  it('ignores other actions, messages for actions, and card clicks for commands', async () => {
    const seen: string[] = [];
    const r = new Router()
      .action('a.one' as ActionName, z.object({ a: z.string() }), () => void seen.push('action'))
      .command('a.one', () => void seen.push('command'));
    await r.handle(fakeContext(cardUpdate({ a: 'a.two' })));
    await r.handle(fakeContext(cardUpdate('not an object')));
    await r.handle(fakeContext(textUpdate('a.two')));
    expect(seen).toEqual([]);
  });

  it('refuses an action name that is not lower-case dotted at registration', () => {
    // A name outside the list fails tsc; one forced past it still fails at registration.
    expect(() => new Router().action('Rotation Accept' as ActionName, z.object({}), () => undefined)).toThrow(
      /lower-case dotted/,
    );
  });

  it('routes events by type only', async () => {
    const seen: string[] = [];
    const r = new Router().event('im.chat.member.bot.added_v1', () => void seen.push('added'));
    await r.handle(fakeContext({ kind: 'event', eventId: 'e', eventType: 'im.chat.member.bot.deleted_v1', event: {} }));
    await r.handle(fakeContext({ kind: 'event', eventId: 'e', eventType: 'im.chat.member.bot.added_v1', event: {} }));
    expect(seen).toEqual(['added']);
  });
});

import type { z } from 'zod';
import type { ActionName } from './actions.js';
import type { BotContext } from './context.js';

export type Next = () => Promise<void>;
export type Middleware = (ctx: BotContext, next: Next) => Promise<void> | void;
export type ErrorHandler = (err: unknown, ctx: BotContext) => Promise<void> | void;

type Trigger = string | string[] | RegExp;

/**
 * Bolt-style registration (command / action / event) with grammY's semantics: listeners run in
 * order, the first that matches handles the update, `next()` passes it on. One `catch` at the root.
 */
export class Router {
  private readonly stack: Middleware[] = [];
  private errorHandler: ErrorHandler | undefined;

  use(...mws: Array<Middleware | Router>): this {
    for (const mw of mws) this.stack.push(mw instanceof Router ? (ctx, next) => mw.handle(ctx, next) : mw);
    return this;
  }

  /** Text commands. A string matches the whole text or the text followed by a space; a RegExp sets ctx.match. */
  command(trigger: Trigger, ...handlers: Middleware[]): this {
    const test = compileTrigger(trigger);
    return this.use(async (ctx, next) => {
      if (ctx.update.kind === 'event' || !ctx.commandText) return next();
      const m = test(ctx.commandText);
      if (!m) return next();
      ctx.match = m;
      await compose(handlers)(ctx, next);
    });
  }

  /**
   * Card buttons and form submits whose `value.a` is `name`. The value is validated with zod at
   * this boundary: a stale or forged value gets a toast, never a crash.
   */
  action<S extends z.ZodType>(
    name: ActionName,
    schema: S,
    ...handlers: Array<(ctx: BotContext & { value: z.infer<S> }, next: Next) => Promise<void> | void>
  ): this {
    if (!/^[a-z][a-z0-9_.-]*$/.test(name)) throw new Error(`action name "${name}" must be lower-case dotted`);
    return this.use(async (ctx, next) => {
      const u = ctx.update;
      if (u.kind !== 'card' || actionName(u.value) !== name) return next();
      const parsed = schema.safeParse(u.value);
      if (!parsed.success) {
        ctx.log.warn({ action: name, issues: parsed.error.issues.slice(0, 3) }, 'card value failed validation');
        ctx.toast('error', ctx.t('error.stale_button'));
        return;
      }
      (ctx as BotContext & { value: unknown }).value = parsed.data;
      await compose(handlers as Middleware[])(ctx, next);
    });
  }

  event(eventType: string, ...handlers: Middleware[]): this {
    return this.use(async (ctx, next) => {
      if (ctx.update.kind !== 'event' || ctx.update.eventType !== eventType) return next();
      await compose(handlers)(ctx, next);
    });
  }

  catch(handler: ErrorHandler): this {
    this.errorHandler = handler;
    return this;
  }

  async handle(ctx: BotContext, next: Next = async () => undefined): Promise<void> {
    try {
      await compose(this.stack)(ctx, next);
    } catch (err) {
      if (!this.errorHandler) throw err;
      await this.errorHandler(err, ctx);
    }
  }
}

export function actionName(value: unknown): string | undefined {
  return value && typeof value === 'object' && typeof (value as { a?: unknown }).a === 'string'
    ? (value as { a: string }).a
    : undefined;
}

function compileTrigger(trigger: Trigger): (text: string) => RegExpExecArray | undefined {
  if (trigger instanceof RegExp) return (text) => trigger.exec(text) ?? undefined;
  const words = (Array.isArray(trigger) ? trigger : [trigger]).map((w) => w.toLowerCase());
  return (text) => {
    const lower = text.toLowerCase();
    for (const w of words) {
      if (lower === w || lower.startsWith(`${w} `)) {
        const m = [text, text.slice(w.length).trim()] as unknown as RegExpExecArray;
        m.index = 0;
        m.input = text;
        return m;
      }
    }
    return undefined;
  };
}

/** Runs middleware in order; each may call next() at most once. */
export function compose(mws: Middleware[]): Middleware {
  return (ctx, outerNext) => {
    let index = -1;
    const dispatch = async (i: number): Promise<void> => {
      if (i <= index) throw new Error('next() called more than once');
      index = i;
      const mw = mws[i];
      if (!mw) return outerNext();
      await mw(ctx, () => dispatch(i + 1));
    };
    return dispatch(0);
  };
}

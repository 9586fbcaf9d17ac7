import { LEAVE_EVENT_TYPES, LEAVE_REVERT_EVENT } from '../../../domain/day/leave.rules.js';
import type { Middleware } from '../../router.js';
import { Router } from '../../router.js';
import type { FeatureDeps } from '../../services.js';

/**
 * R-DAY-2 Feishu leave: the approval events of Feishu's 审批 app (leave, out-of-office, revoked leave)
 * change who is on duty; see src/domain/day/leave.rules.ts for the events and README for the scopes.
 */
export function leaveFeature({ services }: FeatureDeps): Router {
  const r = new Router();
  const handle: Middleware = async (ctx) => {
    if (ctx.update.kind !== 'event') return;
    const { eventType, event } = ctx.update;
    const outcome = await ctx.transaction((tx) => services.day.leave.handleEvent(tx, eventType, event));
    ctx.log.info({ eventType, outcome }, 'leave approval event');
  };
  for (const type of [...LEAVE_EVENT_TYPES, LEAVE_REVERT_EVENT]) r.event(type, handle);
  return r;
}

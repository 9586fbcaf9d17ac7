import { errorBoundary } from './error-boundary.js';
import { fallback, menuButtonToCommand } from './features/help.js';
import { resolveMember } from './middleware/resolve-member.js';
import { Router } from './router.js';
import type { FeatureDeps } from './services.js';

/**
 * The root router: who is speaking, then each feature's router in turn (first match wins), then the menu for
 * anything not understood. The routers come from the feature list (src/features/index.ts), in its order.
 */
export function buildRouter(deps: FeatureDeps, routers: readonly ((deps: FeatureDeps) => Router)[]): Router {
  const root = new Router();
  root.use(menuButtonToCommand);
  root.use(resolveMember(deps.services.members, deps.config.settings.members.nameRefreshHours * 3_600_000));
  for (const build of routers) root.use(build(deps));
  root.use(fallback(deps.menu));
  root.catch(errorBoundary);
  return root;
}

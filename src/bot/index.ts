import { adminFeature } from './features/admin.js';
import { fallback, helpFeature, menuButtonToCommand } from './features/help.js';
import { errorBoundary } from './error-boundary.js';
import { resolveMember } from './middleware/resolve-member.js';
import { Router } from './router.js';
import type { FeatureDeps } from './services.js';

/**
 * The root router: who is speaking, then each feature in turn (first match wins), then the menu
 * for anything not understood. Adding a feature is one line here.
 */
export function buildRouter(deps: FeatureDeps): Router {
  const root = new Router();
  root.use(menuButtonToCommand);
  root.use(resolveMember(deps.services.members, deps.config.settings.members.nameRefreshHours * 3_600_000));
  root.use(helpFeature(deps));
  root.use(adminFeature(deps));
  root.use(fallback(deps.menu));
  root.catch(errorBoundary);
  return root;
}

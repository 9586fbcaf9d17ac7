import { adminFeature } from './features/admin.js';
import { outboxAdminFeature } from './features/outbox-admin.js';
import { clientsFeature } from './features/clients.js';
import { formsFeature } from './features/forms.js';
import { revisitsFeature } from './features/revisits.js';
import { receptionFeature } from './features/reception.js';
import { approvalsFeature } from './features/approvals.js';
import { fieldVisitsFeature } from './features/field-visits.js';
import { tiersFeature } from './features/tiers.js';
import { materialsFeature } from './features/materials.js';
import { fallback, helpFeature, menuButtonToCommand } from './features/help.js';
import { targetsFeature } from './features/targets.js';
import { unitsFeature } from './features/units.js';
import { reviewFeature } from './features/review.js';
import { feedbackFeature } from './features/feedback.js';
import { errorBoundary } from './error-boundary.js';
import { resolveMember } from './middleware/resolve-member.js';
import { Router } from './router.js';
import type { FeatureDeps } from './services.js';
import { jobsFeature } from './features/jobs.js';
import { rosterFeature } from './features/roster.js';
import { morningFeature } from './features/morning.js';
import { leaveFeature } from './features/leave.js';
import { recallFeature } from './features/pool.js';
import { callsFeature } from './features/calls.js';

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
  root.use(outboxAdminFeature(deps));
  root.use(receptionFeature(deps));
  root.use(approvalsFeature(deps));
  root.use(fieldVisitsFeature(deps));
  root.use(tiersFeature(deps));
  root.use(materialsFeature(deps));
  root.use(jobsFeature(deps));
  root.use(clientsFeature(deps));
  root.use(formsFeature(deps));
  root.use(revisitsFeature(deps));
  root.use(callsFeature(deps));
  root.use(rosterFeature(deps));
  root.use(morningFeature(deps));
  root.use(leaveFeature(deps));
  root.use(recallFeature(deps));
  root.use(targetsFeature(deps));
  root.use(unitsFeature(deps));
  root.use(reviewFeature(deps));
  root.use(feedbackFeature(deps));
  root.use(fallback(deps.menu));
  root.catch(errorBoundary);
  return root;
}

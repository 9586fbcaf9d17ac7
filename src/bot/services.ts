import type { AppConfig } from '../config.js';
import type { Clock } from '../domain/shared/clock.js';
import type { Menu } from './menu.js';

/**
 * The domain services the bot's features call. Each feature declares the services it uses next to its router
 * (`declare module '../services.js' { interface Services { feedback: FeedbackService } }` in
 * `src/bot/features/feedback.ts`); its feature module (`src/features/<name>.feature.ts`) builds them, and
 * `src/features/index.ts` fails to compile when one has no builder.
 */
// biome-ignore lint/suspicious/noEmptyInterface: filled by each feature through declaration merging
export interface Services {}

export interface FeatureDeps {
  services: Services;
  menu: Menu;
  config: AppConfig;
  clock: Clock;
}

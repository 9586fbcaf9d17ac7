import type { AuditRepository } from '../audit/audit.ports.js';
import type { Outbox } from './outbox.ports.js';
import type { SettingRepository } from './settings.ports.js';

/**
 * Everything one user action may touch, bound to one database transaction.
 *
 * Only what every feature shares is listed here. Each feature adds its own repositories next to its port,
 * by augmenting this interface (`declare module '../shared/tx.js' { interface Tx { feedback: FeedbackRepository } }`
 * in `src/domain/feedback/feedback.ports.ts`), and its feature module (`src/features/<name>.feature.ts`) builds them;
 * `src/features/index.ts` fails to compile when a field here has no builder.
 */
export interface Tx {
  audit: AuditRepository;
  settings: SettingRepository;
  outbox: Outbox;
}

export interface UnitOfWork {
  /** Runs `work` in one transaction; retried as a whole on a deadlock. */
  run<T>(work: (tx: Tx) => Promise<T>): Promise<T>;
}

import type { Settings } from '../config.js';
import type { JobPorts } from './ports.js';

/** What the job definitions are built from (in app.ts). */
export interface JobDeps {
  ports: JobPorts;
  settings: Settings;
  /** Deletes processed inbox rows received before `before` (InboxStore.prune). */
  pruneInbox: (before: Date) => Promise<number>;
}

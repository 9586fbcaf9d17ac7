import type { AuditRepository } from '../audit/audit.js';
import type { ClientRepository } from '../clients/client.js';
import type { MemberRepository } from '../members/member.ports.js';
import type { Outbox } from './outbox.js';
import type { SettingRepository } from './settings.ports.js';

/**
 * Everything one user action may touch, bound to one database transaction.
 * Features add their repositories here; the persistence layer builds the implementation.
 */
export interface Tx {
  members: MemberRepository;
  audit: AuditRepository;
  settings: SettingRepository;
  outbox: Outbox;
  clients: ClientRepository;
}

export interface UnitOfWork {
  /** Runs `work` in one transaction; retried as a whole on a deadlock. */
  run<T>(work: (tx: Tx) => Promise<T>): Promise<T>;
}

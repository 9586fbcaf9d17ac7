import type { EntityManager } from 'typeorm';
import type { Tx } from '../domain/shared/tx.js';
import { TypeOrmAuditRepository } from './repositories/audit.repository.js';
import { TypeOrmClientRepository } from './repositories/client.repository.js';
import { TypeOrmMemberRepository } from './repositories/member.repository.js';
import { TypeOrmOutboxWriter } from './repositories/outbox.repository.js';
import { TypeOrmSettingRepository } from './repositories/setting.repository.js';

export interface TxHooks {
  now: () => Date;
  onCommit: (hook: () => void) => void;
  kickOutbox: () => void;
}

/** Binds every repository to one transaction's EntityManager. Features add one line each. */
export function buildTx(em: EntityManager, hooks: TxHooks): Tx {
  return {
    members: new TypeOrmMemberRepository(em, hooks.now),
    audit: new TypeOrmAuditRepository(em),
    settings: new TypeOrmSettingRepository(em, hooks.now),
    outbox: new TypeOrmOutboxWriter(em, hooks.now, hooks.onCommit, hooks.kickOutbox),
    clients: new TypeOrmClientRepository(em),
  };
}

import { formNotices } from '../../../src/bot/cards/form-notices.js';
import { loadConfig } from '../../../src/config.js';
import type { Client } from '../../../src/domain/clients/client.js';
import type { ClientService } from '../../../src/domain/clients/client.service.js';
import { createClientServices, type FormServices } from '../../../src/domain/forms/index.js';
import type { Member, Role } from '../../../src/domain/members/roles.js';
import { ManualClock } from '../../../src/domain/shared/clock.js';
import type { ReceptionHooks } from '../../../src/domain/shared/reception-hooks.js';
import type { Tx } from '../../../src/domain/shared/tx.js';
import { TypeOrmUnitOfWork } from '../../../src/persistence/unit-of-work.js';
import { openTestDb, type TestDb } from '../../helpers/test-db.js';

// Sunday 2026-11-22 10:00 in Asia/Shanghai.
export const MORNING = '2026-11-22T02:00:00.000Z';

export interface FormsFixture {
  t: TestDb;
  clock: ManualClock;
  uow: TypeOrmUnitOfWork;
  clients: ClientService;
  forms: FormServices;
  /** Every visitorRegistered call the rotation would have received. */
  hookCalls: Array<Parameters<ReceptionHooks['visitorRegistered']>[1]>;
  run<T>(work: (tx: Tx) => Promise<T>): Promise<T>;
  addMember(openId: string, name: string, roles: Role[]): Promise<Member>;
  /** Registers a client through the visitor form, as `agent`. */
  register(
    agent: Member,
    values: Record<string, string>,
    origin?: { walkInId?: number; acceptedAt?: Date },
  ): Promise<Client>;
  outbox(): Promise<Array<{ receive_id: string; content: string }>>;
  close(): Promise<void>;
}

export async function openFormsFixture(): Promise<FormsFixture> {
  const t = await openTestDb();
  const clock = new ManualClock(MORNING);
  const uow = new TypeOrmUnitOfWork(t.db, clock);
  const config = loadConfig({});
  const hookCalls: FormsFixture['hookCalls'] = [];
  const hooks: ReceptionHooks = { visitorRegistered: async (_tx, input) => void hookCalls.push(input) };
  const { clients, forms } = createClientServices({
    clock,
    settings: { timezone: 'Asia/Shanghai', ...config.settings.forms },
    notices: formNotices('Asia/Shanghai'),
    hooks,
  });
  const run = <T>(work: (tx: Tx) => Promise<T>) => uow.run(work);
  return {
    t,
    clock,
    uow,
    clients,
    forms,
    hookCalls,
    run,
    async addMember(openId, name, roles) {
      const m: Member = { openId, name, roles, active: true, nameRefreshedAt: clock.now() };
      await run((tx) => tx.members.save(m));
      return m;
    },
    async register(agent, values, origin = {}) {
      const res = await run((tx) =>
        forms.visitor.submit(
          tx,
          agent,
          { contact: '王先生', category: '五金', client_type: 'merchant', source: 'walk_in', grade: 'B', ...values },
          origin,
        ),
      );
      return res.client;
    },
    outbox: () => t.ds.query('SELECT receive_id, content FROM outbox_message ORDER BY id'),
    close: () => t.close(),
  };
}

/** Runs `fn` expecting a FormError; returns field → message key. */
export async function formErrors(fn: () => Promise<unknown>): Promise<Record<string, string>> {
  try {
    await fn();
  } catch (e) {
    const fields = (e as { fields?: Record<string, { key: string }> }).fields;
    if (fields) return Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, v.key]));
    throw e;
  }
  throw new Error('expected a FormError');
}

export async function domainError(fn: () => Promise<unknown>): Promise<string> {
  try {
    await fn();
  } catch (e) {
    const key = (e as { messageKey?: string }).messageKey;
    if (key) return key;
    throw e;
  }
  throw new Error('expected a DomainError');
}

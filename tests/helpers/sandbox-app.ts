import { createApp, type App } from '../../src/app.js';
import { startSandbox, type Sandbox } from '../../src/sandbox/sandbox.js';
import { createLogger } from '../../src/shared/logger.js';
import { settleApp } from './test-app.js';
import { dropMysqlDatabase, freshDatabaseConfig } from './test-db.js';

export interface SandboxApp {
  sandbox: Sandbox;
  app: App;
  /** The service's base URL; the console is at `${url}/sandbox`. */
  url: string;
  /** Waits until inbound events are handled and the outbox is drained. */
  settle(): Promise<void>;
  close(): Promise<void>;
}

/** The service in sandbox mode, as `npm run sandbox` boots it, on a fresh test database and port 0. */
export async function startSandboxApp(env: Record<string, string> = {}): Promise<SandboxApp> {
  const db = freshDatabaseConfig();
  const sandbox = await startSandbox({
    PORT: '0',
    HOST: '127.0.0.1',
    SANDBOX: 'true',
    SANDBOX_DATABASE_URL: db.type === 'sqlite' ? `sqlite:${db.path}` : db.url,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    ...env,
  });
  const app = await createApp(sandbox.config, { log: createLogger(sandbox.config.logLevel), ...sandbox.overrides });
  const url = await app.listen();
  await sandbox.attach(app, url);
  const settle = () => settleApp(app);
  return {
    sandbox,
    app,
    url,
    settle,
    async close() {
      await sandbox.stop(app);
      if (db.type === 'mysql') await dropMysqlDatabase(db.url);
      db.cleanup();
    },
  };
}

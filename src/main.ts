import { createApp } from './app.js';
import { type AppConfig, ConfigError, loadConfig } from './config.js';
import { sandboxDecision, startSandbox, type Sandbox } from './sandbox/sandbox.js';
import { createLogger } from './shared/logger.js';

/** Boot: config → app → listen; SIGTERM/SIGINT → stop accepting, finish in-flight work, close the database, exit 0. */
async function main(): Promise<void> {
  let config: AppConfig;
  // Without Lark credentials the service runs as a sandbox with a browser console.
  const mode = sandboxDecision(process.env);
  let sandbox: Sandbox | undefined;
  try {
    sandbox = mode.wanted ? await startSandbox(process.env) : undefined;
    config = sandbox?.config ?? loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
  const log = createLogger(config.logLevel);
  if (mode.note) log.warn(mode.note);
  if (!config.lark) {
    log.warn(
      { missing: config.missingLark },
      `Feishu/Lark is not configured: /lark/* answers 503. Set ${config.missingLark.join(', ')} (see .env.example) to connect the bot to your app.`,
    );
  }
  const app = await createApp(config, { log, ...sandbox?.overrides });
  const url = await app.listen();
  log.info({ url, database: config.database.type }, `招商助手 listening on ${url}`);
  if (sandbox) {
    await sandbox.attach(app, url);
    log.info(
      `Sandbox: no Feishu app needed. Open ${sandbox.consoleUrl(url)} — to connect a real Feishu app, set LARK_APP_ID, LARK_APP_SECRET, LARK_ENCRYPT_KEY and LARK_VERIFICATION_TOKEN (see .env.example).`,
    );
  }

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    const force = setTimeout(() => {
      log.error('shutdown took longer than 10 s; exiting');
      process.exit(1);
    }, 10_000);
    force.unref();
    await (sandbox ? sandbox.stop(app) : app.stop());
    log.info('stopped');
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

void main().catch((err) => {
  console.error(err);
  process.exit(1);
});

import { mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, parseDatabaseUrl } from '../src/config.js';

const LARK = { LARK_APP_ID: 'cli_a', LARK_APP_SECRET: 's3cret', LARK_ENCRYPT_KEY: 'ek', LARK_VERIFICATION_TOKEN: 'vt' };

function problemsOf(env: Record<string, string | undefined>): string[] {
  try {
    loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  throw new Error('expected a ConfigError');
}

describe('configuration', () => {
  it('has working defaults for everything but the Lark credentials', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      port: 3000,
      host: '0.0.0.0',
      database: { type: 'sqlite', path: './data/zhaoshang.sqlite' },
      larkBaseUrl: 'https://open.feishu.cn',
      timezone: 'Asia/Shanghai',
      admins: [],
      logLevel: 'info',
      jobsEnabled: true,
    });
    expect(c.settings.outbox.maxAttempts).toBeGreaterThan(0);
    expect(Object.isFrozen(c)).toBe(true);
  });

  it('configures the service with lark undefined when Lark credentials are missing, naming them', () => {
    const none = loadConfig({});
    expect(none.lark).toBeUndefined();
    expect(none.missingLark).toEqual(['LARK_APP_ID', 'LARK_APP_SECRET', 'LARK_ENCRYPT_KEY', 'LARK_VERIFICATION_TOKEN']);
    const some = loadConfig({ LARK_APP_ID: 'cli_a', LARK_APP_SECRET: '   ' });
    expect(some.lark).toBeUndefined();
    expect(some.missingLark).toEqual(['LARK_APP_SECRET', 'LARK_ENCRYPT_KEY', 'LARK_VERIFICATION_TOKEN']);
  });

  it('builds the Lark config when all four are set, trimming a trailing slash off LARK_BASE_URL', () => {
    const c = loadConfig({ ...LARK, LARK_BASE_URL: 'https://open.larksuite.com/' });
    expect(c.lark).toEqual({
      mode: 'webhook',
      appId: 'cli_a',
      appSecret: 's3cret',
      encryptKey: 'ek',
      verificationToken: 'vt',
      baseUrl: 'https://open.larksuite.com',
    });
    expect(c.missingLark).toEqual([]);
  });

  it('lists every problem at once, naming each variable', () => {
    const problems = problemsOf({
      PORT: '70000',
      DATABASE_URL: 'postgres://db/x',
      LARK_BASE_URL: 'ftp://open.feishu.cn',
      BOT_ADMINS: 'ou_good, alice',
      BOT_TIMEZONE: 'Mars/Olympus',
      LOG_LEVEL: 'loud',
      JOBS_ENABLED: 'maybe',
    });
    for (const name of [
      'PORT',
      'DATABASE_URL',
      'LARK_BASE_URL',
      'BOT_ADMINS',
      'BOT_TIMEZONE',
      'LOG_LEVEL',
      'JOBS_ENABLED',
    ]) {
      expect(
        problems.some((p) => p.startsWith(name)),
        `${name} in ${problems.join(' | ')}`,
      ).toBe(true);
    }
    expect(problems).toHaveLength(7);
  });

  it.each([
    ['DATABASE_URL', 'postgres://localhost/db'],
    ['DATABASE_URL', './data/file.sqlite'],
    ['LARK_BASE_URL', 'open.feishu.cn'],
    ['LARK_BASE_URL', 'https://open feishu.cn'],
    ['BOT_ADMINS', 'ou_ok,u_123'],
    ['BOT_TIMEZONE', 'Asia/Shangha'],
  ])('refuses %s=%s', (name, value) => {
    const problems = problemsOf({ [name]: value });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(new RegExp(`^${name}`));
  });

  it('accepts the documented forms of DATABASE_URL, BOT_ADMINS and JOBS_ENABLED', () => {
    expect(loadConfig({ DATABASE_URL: 'mariadb://root@127.0.0.1:3306/zs' }).database).toEqual({
      type: 'mysql',
      url: 'mysql://root@127.0.0.1:3306/zs',
    });
    expect(loadConfig({ BOT_ADMINS: ' ou_a , ou_b-2,, ' }).admins).toEqual(['ou_a', 'ou_b-2']);
    expect(loadConfig({ JOBS_ENABLED: '0' }).jobsEnabled).toBe(false);
    expect(loadConfig({ BOT_TIMEZONE: 'UTC' }).timezone).toBe('UTC');
  });

  it('parses sqlite URLs, including an in-memory one', () => {
    expect(parseDatabaseUrl('sqlite:./x.sqlite')).toEqual({ type: 'sqlite', path: './x.sqlite' });
    expect(parseDatabaseUrl('sqlite:///tmp/x.sqlite')).toEqual({ type: 'sqlite', path: '/tmp/x.sqlite' });
    expect(parseDatabaseUrl('sqlite:')).toEqual({ type: 'sqlite', path: ':memory:' });
  });

  it('reports an unreadable settings file together with the environment problems', () => {
    const problems = problemsOf({ SETTINGS_FILE: '/nonexistent/settings.json', BOT_TIMEZONE: 'Nowhere/Land' });
    expect(problems.some((p) => p.startsWith('settings file /nonexistent/settings.json'))).toBe(true);
    expect(problems.some((p) => p.startsWith('BOT_TIMEZONE'))).toBe(true);
  });

  it('validates the settings file and names the bad setting', () => {
    const base = JSON.parse(readFileSync(new URL('../config/settings.json', import.meta.url), 'utf8'));
    base.outbox.globalPerSecond = 5000;
    base.inbox.cardActionBudgetMs = 5000;
    const dir = mkdtempSync(join(tmpdir(), 'zs-settings-'));
    const file = join(dir, 'settings.json');
    writeFileSync(file, JSON.stringify(base));
    const problems = problemsOf({ SETTINGS_FILE: file });
    expect(problems.some((p) => p.startsWith('settings outbox.globalPerSecond'))).toBe(true);
    expect(problems.some((p) => p.startsWith('settings inbox.cardActionBudgetMs'))).toBe(true);
  });

  const withApprovals = (approvals: unknown) => {
    const base = JSON.parse(readFileSync(new URL('../config/settings.json', import.meta.url), 'utf8'));
    base.approvals = approvals;
    const file = join(mkdtempSync(join(tmpdir(), 'zs-settings-')), 'settings.json');
    writeFileSync(file, JSON.stringify(base));
    return file;
  };

  it('R-FV-4: both approval delays are working minutes, 120 by default, with the start of the working day', () => {
    expect(loadConfig({}).settings.approvals).toEqual({
      resendAfterWorkingMinutes: 120,
      escalateAfterWorkingMinutes: 120,
      resendCheckSeconds: 60,
      workdayStart: '08:30',
    });
    const custom = loadConfig({
      SETTINGS_FILE: withApprovals({
        resendAfterWorkingMinutes: 90,
        escalateAfterWorkingMinutes: 60,
        workdayStart: '09:00',
      }),
    });
    expect(custom.settings.approvals).toMatchObject({
      resendAfterWorkingMinutes: 90,
      escalateAfterWorkingMinutes: 60,
      workdayStart: '09:00',
    });
  });

  it('R-FV-4: a settings file with the older resendAfterMinutes still works (read as working minutes)', () => {
    const old = loadConfig({ SETTINGS_FILE: withApprovals({ resendAfterMinutes: 45, resendCheckSeconds: 30 }) });
    expect(old.settings.approvals).toEqual({
      resendAfterWorkingMinutes: 45,
      escalateAfterWorkingMinutes: 120,
      resendCheckSeconds: 30,
      workdayStart: '08:30',
    });
    const problems = problemsOf({
      SETTINGS_FILE: withApprovals({ escalateAfterWorkingMinutes: 1, workdayStart: '8点' }),
    });
    expect(problems.some((p) => p.startsWith('settings approvals.escalateAfterWorkingMinutes'))).toBe(true);
    expect(problems.some((p) => p.startsWith('settings approvals.workdayStart'))).toBe(true);
  });
});

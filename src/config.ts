import { readFileSync } from 'node:fs';
import { projectPath } from './shared/project-root.js';
import { isKnownTimeZone } from './domain/shared/zoned-time.js';
import { z } from 'zod';

/**
 * The one place that reads the environment. Everything else receives a frozen AppConfig.
 * Boot fails fast with every problem listed, rather than the first one.
 */

const optionalSecret = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z
    .string()
    .default('sqlite:./data/zhaoshang.sqlite')
    .refine((v) => /^(sqlite:|mysql:\/\/|mariadb:\/\/)/.test(v), {
      message:
        'must start with sqlite: or mysql:// (e.g. sqlite:./data/zhaoshang.sqlite, mysql://user:pass@host:3306/db)',
    }),
  LARK_APP_ID: optionalSecret,
  LARK_APP_SECRET: optionalSecret,
  LARK_ENCRYPT_KEY: optionalSecret,
  LARK_VERIFICATION_TOKEN: optionalSecret,
  /** How Feishu reaches the bot: `webhook` (a public HTTPS request URL) or `ws` (the long connection, 长连接). */
  LARK_MODE: z.enum(['webhook', 'ws']).default('webhook'),
  LARK_BASE_URL: z
    .string()
    .default('https://open.feishu.cn')
    .refine((v) => /^https?:\/\/[^\s]+$/.test(v), { message: 'must be an http(s) URL, e.g. https://open.feishu.cn' })
    .transform((v) => v.replace(/\/+$/, '')),
  BOT_TIMEZONE: z
    .string()
    .default('Asia/Shanghai')
    .refine(isKnownTimeZone, { message: 'must be an IANA time zone such as Asia/Shanghai' }),
  BOT_ADMINS: z
    .string()
    .default('')
    .transform((v) =>
      v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.string().regex(/^ou_[A-Za-z0-9_-]+$/, 'each admin must be an open_id starting with ou_'))),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  JOBS_ENABLED: z
    .enum(['true', 'false', '1', '0'])
    .default('true')
    .transform((v) => v === 'true' || v === '1'),
  SETTINGS_FILE: z.string().optional(),
  // Feishu re-pushes an unacknowledged event for ≈ 7.1 h (15 s, 5 min, 1 h, 6 h), perhaps with its first timestamp.
  LARK_REPLAY_WINDOW_SECONDS: z.coerce
    .number()
    .int()
    .min(300)
    .max(7 * 24 * 3600)
    .default(8 * 3600),
  // Slow clients: Feishu itself gives up after 3 s, so anything much slower is not Feishu.
  HTTP_HEADERS_TIMEOUT_MS: z.coerce.number().int().min(500).max(120_000).default(5_000),
  HTTP_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(500).max(600_000).default(10_000),
});

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:mm');
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be YYYY-MM-DD');

const pct = z.number().min(0).max(1000);
const commissionVersion = z.object({
  from: z.string().regex(/^\d{4}-\d{2}(-\d{2})?$/, 'must be YYYY-MM or YYYY-MM-DD'),
  perContractYuan: z.number().min(0).default(0),
  rentMultiples: z.array(z.object({ minCompletionPct: pct, multiple: z.number().min(0).max(100) })).min(1),
  atSigningPct: z.number().min(0).max(100),
  managerBonus: z
    .array(
      z.object({
        minCompletionPct: pct,
        rentMultiple: z.number().min(0).max(100).default(0),
        fixedYuan: z.number().min(0).default(0),
      }),
    )
    .min(1),
});
const DEFAULT_COMMISSION = {
  from: '2026-01',
  perContractYuan: 0,
  rentMultiples: [
    { minCompletionPct: 90, multiple: 1.5 },
    { minCompletionPct: 70, multiple: 1.2 },
    { minCompletionPct: 0, multiple: 1 },
  ],
  atSigningPct: 80,
  managerBonus: [{ minCompletionPct: 0, rentMultiple: 0, fixedYuan: 0 }],
};

const cadenceDays = z.number().int().min(1).max(365);

export const settingsSchema = z.object({
  rotation: z.object({
    offerTimeoutSeconds: z.number().int().min(10).max(3600),
    dailyOrder: z.enum(['configured', 'rotate']),
  }),
  forms: z.object({
    visitorRegistrationHours: z.number().min(0.25).max(24),
    endOfWorkDay: hhmm,
    visitLogNextDayBy: hhmm,
    visitorRegistrationDayEnd: hhmm.default('23:59'),
    signingPlanBy: hhmm.default('23:59'),
    signedContractBy: hhmm.default('23:59'),
    maxDepositYuan: z.number().positive().default(5_000_000),
    maxMonthlyRentYuan: z.number().positive().default(10_000_000),
    maxAreaSqm: z.number().positive().default(100_000),
    listPageSize: z.number().int().min(3).max(20).default(10),
  }),
  schedules: z.record(z.string(), z.string()),
  calendar: z.object({ holidays: z.array(isoDate), makeupWorkdays: z.array(isoDate) }),
  inbox: z.object({
    redispatchAfterSeconds: z.number().int().min(5),
    redispatchIntervalSeconds: z.number().int().min(1),
    retentionHours: z.number().min(8),
    cardActionBudgetMs: z.number().int().min(200).max(2900),
  }),
  outbox: z.object({
    maxAttempts: z.number().int().min(1).max(50),
    pollIntervalMs: z.number().int().min(50),
    perRecipientPerSecond: z.number().min(0.1).max(5),
    /** Feishu's limit per API and app is 50/s on the standard plan; some plans allow more (频控策略等级). */
    globalPerSecond: z.number().min(1).max(1000),
    /** How long a claimed row is a relay's: after a crash, another instance (or the restarted one) sends it then. */
    leaseSeconds: z.number().int().min(1).max(3600).default(60),
  }),
  members: z.object({ nameRefreshHours: z.number().min(1) }),
  /**
   * Approvals of every kind (R-FV-4): a request still undecided `resendAfterWorkingMinutes` working
   * minutes after it was filed is sent to its deciders again; `escalateAfterWorkingMinutes` later the
   * leaders are told. Working minutes run from `workdayStart` to forms.endOfWorkDay on working days.
   * `resendAfterMinutes` is the older name of resendAfterWorkingMinutes and is still read.
   */
  approvals: z
    .object({
      resendAfterWorkingMinutes: z.number().int().min(5).max(10080).optional(),
      resendAfterMinutes: z.number().int().min(5).max(10080).optional(),
      escalateAfterWorkingMinutes: z.number().int().min(5).max(10080).default(120),
      resendCheckSeconds: z.number().int().min(5).max(3600).default(60),
      workdayStart: hhmm.default('08:30'),
    })
    .transform(({ resendAfterMinutes, resendAfterWorkingMinutes, ...rest }) => ({
      ...rest,
      resendAfterWorkingMinutes: resendAfterWorkingMinutes ?? resendAfterMinutes ?? 120,
    }))
    .default({
      resendAfterWorkingMinutes: 120,
      escalateAfterWorkingMinutes: 120,
      resendCheckSeconds: 60,
      workdayStart: '08:30',
    }),
  /** The rubric behind the suggested merchant tier (R-TIER-2): points per criterion, averaged, then banded. */
  tiers: z.object({
    points: z.object({
      storeAreaSqm: z.array(z.tuple([z.number().min(0), z.number()])).min(1),
      storeCount: z.array(z.tuple([z.number().min(0), z.number()])).min(1),
      brandLevel: z.object({ province: z.number(), city: z.number(), local: z.number() }),
      warehouseSqm: z.array(z.tuple([z.number().min(0), z.number()])).min(1),
      turnoverWanYuan: z.array(z.tuple([z.number().min(0), z.number()])).min(1),
      manufacturerStrength: z.object({ strong: z.number(), medium: z.number(), weak: z.number() }),
    }),
    bands: z.array(z.object({ tier: z.enum(['1', '2', '3']), minAverage: z.number() })).min(1),
    minCriteria: z.number().int().min(1).max(6),
    /** R-TIER-2: the weekly re-check lists clients never tiered or whose tier was confirmed more than this many days ago. */
    recheckAfterDays: z.number().int().min(1).max(3650).default(90),
  }),
  /** R-TGT-5 risk margin (percentage points) and the longest export period (days). */
  targets: z
    .object({
      riskMarginPct: z.number().min(0).max(100),
      exportMaxDays: z.number().int().min(1).max(3660).default(366),
    })
    .default({ riskMarginPct: 10, exportMaxDays: 366 }),
  /** R-TGT-4 commission scheme, versioned by the day it starts (see src/domain/targets/commission.rules.ts). */
  commission: z.object({ versions: z.array(commissionVersion).min(1) }).default({ versions: [DEFAULT_COMMISSION] }),
  /** R-DAY-3: calls an agent is expected to log per working day (每日 call 客 50 组). */
  calls: z.object({ dailyTarget: z.number().int().min(1).max(1000) }).default({ dailyTarget: 50 }),
  /** R-DAY-4: days between follow-ups per intent grade (客户 abcd 分类管理). */
  followUp: z
    .object({ cadenceDays: z.object({ A: cadenceDays, B: cadenceDays, C: cadenceDays, D: cadenceDays }) })
    .default({ cadenceDays: { A: 3, B: 7, C: 14, D: 30 } }),
  /** R-POOL-1: recall to the public pool (公海回收), off by default; idle days per grade, warning days ahead. */
  poolRecall: z
    .object({
      enabled: z.boolean(),
      idleDays: z.object({ A: cadenceDays, B: cadenceDays, C: cadenceDays, D: cadenceDays }),
      warnDaysBefore: z.number().int().min(1).max(30),
    })
    .default({ enabled: false, idleDays: { A: 30, B: 45, C: 60, D: 90 }, warnDaysBefore: 3 }),
  /** R-UNIT-1 … R-UNIT-3: the renewal window, the lease term when a contract has none, the largest import. */
  units: z
    .object({
      expiryWarningDays: z.number().int().min(1).max(730).default(90),
      defaultTermMonths: z.number().int().min(1).max(240).default(36),
      maxImportRows: z.number().int().min(1).max(20000).default(5000),
    })
    .default({ expiryWarningDays: 90, defaultTermMonths: 36, maxImportRows: 5000 }),
  /** R-FB-1: working days an agent has to close a tenant's complaint or suggestion. */
  feedback: z.object({ dueWorkingDays: z.number().int().min(1).max(60).default(3) }).default({ dueWorkingDays: 3 }),
});
export type Settings = z.infer<typeof settingsSchema>;

export type DatabaseConfig = { type: 'sqlite'; path: string } | { type: 'mysql'; url: string };

export type LarkMode = 'webhook' | 'ws';

export interface LarkConfig {
  /** Absent means `webhook` (adapters built by hand in tests and benchmarks). */
  mode?: LarkMode;
  appId: string;
  appSecret: string;
  /** Empty in `ws` mode: the long connection carries plain events, neither encrypted nor signed. */
  encryptKey: string;
  verificationToken: string;
  baseUrl: string;
}

export interface AppConfig {
  port: number;
  host: string;
  database: DatabaseConfig;
  /** Undefined when the Lark credentials are not all set: the service runs but /lark/* answers 503. */
  lark: LarkConfig | undefined;
  larkBaseUrl: string;
  missingLark: string[];
  timezone: string;
  admins: string[];
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  jobsEnabled: boolean;
  /** The webhook receiver and its HTTP server. */
  webhook: WebhookConfig;
  settings: Settings;
}

export interface WebhookConfig {
  /** Oldest signed timestamp accepted (a re-push may carry its first one); never longer than the inbox keeps keys. */
  replayWindowMs: number;
  /** Request headers must arrive within this. */
  headersTimeoutMs: number;
  /** The whole request (headers and body) must arrive within this. */
  requestTimeoutMs: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const LARK_VARS = ['LARK_APP_ID', 'LARK_APP_SECRET', 'LARK_ENCRYPT_KEY', 'LARK_VERIFICATION_TOKEN'] as const;
/** The long connection authenticates with the app's id and secret alone. */
const LARK_WS_VARS = ['LARK_APP_ID', 'LARK_APP_SECRET'] as const;

export function loadConfig(env: Record<string, string | undefined> = process.env): Readonly<AppConfig> {
  const parsed = envSchema.safeParse(env);
  const problems: string[] = [];
  if (!parsed.success) {
    for (const issue of parsed.error.issues) problems.push(`${issue.path.join('.')}: ${issue.message}`);
  }
  const settingsPath = env.SETTINGS_FILE ?? defaultSettingsPath();
  const settings = loadSettings(settingsPath, problems);
  if (!parsed.success || !settings) throw new ConfigError(problems);

  const e = parsed.data;
  if (e.HTTP_HEADERS_TIMEOUT_MS > e.HTTP_REQUEST_TIMEOUT_MS) {
    problems.push(
      `HTTP_HEADERS_TIMEOUT_MS (${e.HTTP_HEADERS_TIMEOUT_MS}) must not exceed HTTP_REQUEST_TIMEOUT_MS (${e.HTTP_REQUEST_TIMEOUT_MS})`,
    );
  }
  // A re-push older than the inbox's memory of its event_id would be handled a second time.
  if (e.LARK_REPLAY_WINDOW_SECONDS > settings.inbox.retentionHours * 3600) {
    problems.push(
      `LARK_REPLAY_WINDOW_SECONDS (${e.LARK_REPLAY_WINDOW_SECONDS}) must not exceed settings inbox.retentionHours (${settings.inbox.retentionHours} h): the inbox must still know a re-pushed event`,
    );
  }
  if (problems.length) throw new ConfigError(problems);
  const missingLark = (e.LARK_MODE === 'ws' ? LARK_WS_VARS : LARK_VARS).filter((k) => !e[k]);
  const lark =
    missingLark.length === 0
      ? {
          mode: e.LARK_MODE,
          appId: e.LARK_APP_ID!,
          appSecret: e.LARK_APP_SECRET!,
          encryptKey: e.LARK_ENCRYPT_KEY ?? '',
          verificationToken: e.LARK_VERIFICATION_TOKEN ?? '',
          baseUrl: e.LARK_BASE_URL,
        }
      : undefined;

  return Object.freeze({
    port: e.PORT,
    host: e.HOST,
    database: parseDatabaseUrl(e.DATABASE_URL),
    lark,
    larkBaseUrl: e.LARK_BASE_URL,
    missingLark: [...missingLark],
    timezone: e.BOT_TIMEZONE,
    admins: e.BOT_ADMINS,
    logLevel: e.LOG_LEVEL,
    jobsEnabled: e.JOBS_ENABLED,
    webhook: {
      replayWindowMs: e.LARK_REPLAY_WINDOW_SECONDS * 1000,
      headersTimeoutMs: e.HTTP_HEADERS_TIMEOUT_MS,
      requestTimeoutMs: e.HTTP_REQUEST_TIMEOUT_MS,
    },
    settings,
  });
}

export function parseDatabaseUrl(url: string): DatabaseConfig {
  if (url.startsWith('sqlite:')) {
    const path = url.slice('sqlite:'.length).replace(/^\/\//, '');
    return { type: 'sqlite', path: path || ':memory:' };
  }
  return { type: 'mysql', url: url.replace(/^mariadb:/, 'mysql:') };
}

function defaultSettingsPath(): string {
  return projectPath('config', 'settings.json');
}

function loadSettings(path: string, problems: string[]): Settings | undefined {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    problems.push(`settings file ${path}: ${(err as Error).message}`);
    return undefined;
  }
  const result = settingsSchema.safeParse(raw);
  if (!result.success) {
    for (const issue of result.error.issues) problems.push(`settings ${issue.path.join('.')}: ${issue.message}`);
    return undefined;
  }
  return result.data;
}

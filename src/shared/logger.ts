import { pino, type Logger } from 'pino';

export type { Logger };

/** JSON logs on stdout; child loggers carry event ids so one request can be followed through. */
export function createLogger(level: string, base: Record<string, unknown> = {}): Logger {
  return pino({ level, base: { service: 'zhaoshang-bot', ...base }, timestamp: pino.stdTimeFunctions.isoTime });
}

import { addDays, zonedToUtc, type IsoDate } from '../shared/zoned-time.js';
import type { Leave, LeaveKind } from './day.js';

/**
 * R-DAY-2 Feishu leave, pure. The bot subscribes to the approval events Feishu's own 审批 app sends
 * for a form with the 请假控件组 / 外出控件组 (open.feishu.cn, 审批 → 审批事件 → 请假审批 / 外出审批; legacy
 * v1.0 events, reshaped to the v2 envelope by the receiver):
 * - `leave_approvalV2` (and `leave_approval`, sent with it for the same `instance_code`): an approved
 *   leave — `open_id` of the applicant, `leave_start_time` / `leave_end_time` as `YYYY-MM-DD HH:mm:ss`
 *   wall-clock times, `leave_unit` (DAY / HALF_DAY / HOUR), `leave_name` (may be an `@i18n@` key
 *   resolved through `i18n_resources`);
 * - `leave_approval_revert`: an approved leave was revoked (通过并撤销), named by `instance_code`;
 * - `out_approval`: an approved out-of-office (外出), `out_start_time` / `out_end_time`, `out_name`.
 */
export const LEAVE_EVENT_TYPES = ['leave_approvalV2', 'leave_approval', 'out_approval'] as const;
export const LEAVE_REVERT_EVENT = 'leave_approval_revert';

export type ParsedLeave =
  | {
      kind: 'approved';
      leave: {
        instanceCode: string;
        agentOpenId: string;
        kind: LeaveKind;
        name: string | null;
        startAt: Date;
        endAt: Date;
      };
    }
  | { kind: 'revoked'; instanceCode: string }
  | { kind: 'ignored'; reason: string };

type Obj = Record<string, unknown>;
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v.trim() : undefined);

/** `@i18n@key` → the zh_cn (else default) text of `i18n_resources`; plain names stay as they are. */
function resolveName(v: unknown, e: Obj): string | null {
  const name = str(v);
  if (!name) return null;
  if (!name.startsWith('@i18n@')) return name.slice(0, 100);
  const res = Array.isArray(e.i18n_resources) ? (e.i18n_resources as Obj[]) : [];
  const pick = res.find((r) => r.locale === 'zh_cn') ?? res.find((r) => r.is_default === true) ?? res[0];
  const text = (pick?.texts as Obj | undefined)?.[name];
  return typeof text === 'string' ? text.slice(0, 100) : null;
}

/**
 * `YYYY-MM-DD HH:mm:ss` in the department's zone. An end of `00:00:00` on a day-unit leave means the
 * whole of that day (Feishu writes day leaves by date), so it ends at the next midnight.
 */
function wallTime(v: unknown, tz: string, endOfDayUnit: boolean): Date | undefined {
  const m = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?/.exec(str(v) ?? '');
  if (!m) return undefined;
  const [date, h, min, s] = [m[1]! as IsoDate, Number(m[2]), Number(m[3]), Number(m[4] ?? 0)];
  if (endOfDayUnit && h === 0 && min === 0 && s === 0) return zonedToUtc(addDays(date, 1), 0, 0, 0, tz);
  return zonedToUtc(date, h, min, s, tz);
}

/** One approval event → what it means for the rotation. */
export function parseLeaveEvent(type: string, e: Obj, tz: string): ParsedLeave {
  const instanceCode = str(e.instance_code);
  if (!instanceCode) return { kind: 'ignored', reason: 'no_instance_code' };
  if (type === LEAVE_REVERT_EVENT) return { kind: 'revoked', instanceCode };
  const out = type === 'out_approval';
  const agentOpenId = str(e.open_id);
  if (!agentOpenId) return { kind: 'ignored', reason: 'no_open_id' };
  const unit = str(out ? e.out_unit : e.leave_unit) ?? 'DAY';
  const dayUnit = unit === 'DAY' || unit === 'HALF_DAY';
  const startAt = wallTime(out ? e.out_start_time : e.leave_start_time, tz, false);
  const endAt = wallTime(out ? e.out_end_time : e.leave_end_time, tz, dayUnit);
  if (!startAt || !endAt || endAt <= startAt) return { kind: 'ignored', reason: 'bad_times' };
  return {
    kind: 'approved',
    leave: {
      instanceCode,
      agentOpenId,
      kind: out ? 'out' : 'leave',
      name: resolveName(out ? e.out_name : (e.leave_name ?? e.leave_type), e),
      startAt,
      endAt,
    },
  };
}

/** An approved leave covers `at`. */
export const isActiveAt = (l: Pick<Leave, 'status' | 'startAt' | 'endAt'>, at: Date): boolean =>
  l.status === 'approved' && l.startAt <= at && at < l.endAt;

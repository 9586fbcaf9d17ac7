import type { Role } from '../domain/members/roles.js';
import { SETTING_DEPARTMENT_CHAT } from '../domain/shared/settings.js';
import type { Tx } from '../domain/shared/tx.js';

/** Who the jobs write to, read inside the run's transaction. */
export async function membersWithRole(tx: Tx, role: Role): Promise<string[]> {
  return (await tx.members.list({ role, activeOnly: true })).map((m) => m.openId);
}

export async function departmentChat(tx: Tx): Promise<string | undefined> {
  return (await tx.settings.get<string>(SETTING_DEPARTMENT_CHAT)) ?? undefined;
}

/** open_id → display name for everyone on the member list (one query; unknown ids fall back to the id). */
export async function memberNames(tx: Tx): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const m of await tx.members.list()) out[m.openId] = m.name;
  return out;
}

/** The outbox dedupe key that makes (job, period, recipient) one message, whatever happens to the run. */
export function jobDedupeKey(job: string, period: string, recipient: string): string {
  return `job:${job}:${period}:${recipient}`.slice(0, 150);
}

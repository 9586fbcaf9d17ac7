import type { Clock } from '../shared/clock.js';
import { conflict, forbidden, invalidInput, notFound } from '../shared/errors.js';
import type { Tx } from '../shared/tx.js';
import { hasRole, isRole, ROLES, type Member, type Role } from './roles.js';

/** Chinese and English names of roles, as admins type them. */
const ROLE_ALIASES: Record<string, Role> = {
  招商员: 'agent',
  招商: 'agent',
  agent: 'agent',
  前台: 'front_desk',
  front_desk: 'front_desk',
  经理: 'manager',
  招商部经理: 'manager',
  manager: 'manager',
  领导: 'leader',
  上级领导: 'leader',
  leader: 'leader',
  大客户部: 'key_account',
  大客户: 'key_account',
  key_account: 'key_account',
  管理员: 'admin',
  admin: 'admin',
};

export function parseRoles(text: string): Role[] {
  const parts = text
    .split(/[,，、\s]+/)
    .map((s) => s.trim())
    .filter(Boolean);
  if (parts.length === 0) throw invalidInput('admin.bad_roles');
  const roles = new Set<Role>();
  for (const p of parts) {
    const r = ROLE_ALIASES[p] ?? (isRole(p) ? p : undefined);
    if (!r) throw invalidInput('admin.unknown_role', { value: p });
    roles.add(r);
  }
  return ROLES.filter((r) => roles.has(r));
}

export const OPEN_ID = /^ou_[A-Za-z0-9_-]{4,}$/;

/**
 * Members and roles (admins bind them). Every change is audited (R-AUD-1). The admins named in
 * BOT_ADMINS are admins from boot, so a new deployment can be set up from the chat.
 */
export class MemberService {
  private readonly clock: Clock;
  private readonly bootAdmins: readonly string[];

  /** `bootAdmins`: the open_ids in BOT_ADMINS. */
  constructor(deps: { clock: Clock; bootAdmins: readonly string[] }) {
    this.clock = deps.clock;
    this.bootAdmins = deps.bootAdmins;
  }

  /** The member as stored: a read, for the lookup every event makes. */
  find(tx: Tx, openId: string): Promise<Member | undefined> {
    return tx.members.get(openId);
  }

  /** False only for a boot admin (BOT_ADMINS) not yet stored as an active admin: `resolve` must write them. */
  isSettled(member: Member | undefined, openId: string): boolean {
    return !this.bootAdmins.includes(openId) || (member?.active === true && member.roles.includes('admin'));
  }

  async resolve(tx: Tx, openId: string): Promise<Member | undefined> {
    const member = await tx.members.get(openId);
    if (!this.bootAdmins.includes(openId)) return member;
    if (member?.active && member.roles.includes('admin')) return member;
    const next: Member = member
      ? { ...member, active: true, roles: [...new Set<Role>([...member.roles, 'admin'])] }
      : { openId, name: openId, roles: ['admin'], active: true, nameRefreshedAt: null };
    await tx.members.save(next);
    await tx.audit.append(
      {
        actor: null,
        action: 'member.boot_admin',
        subjectType: 'member',
        subjectId: openId,
        before: member ?? null,
        after: next,
        rule: 'R-AUD-1',
      },
      this.clock.now(),
    );
    return next;
  }

  async setRoles(tx: Tx, actor: Member, openId: string, roles: Role[], name?: string): Promise<Member> {
    this.requireAdmin(actor);
    if (!OPEN_ID.test(openId)) throw invalidInput('admin.bad_open_id', { value: openId });
    if (roles.length === 0) throw invalidInput('admin.bad_roles');
    const before = await tx.members.get(openId);
    if (before?.roles.includes('admin') && !roles.includes('admin')) await this.ensureAnotherAdmin(tx, openId);
    const after: Member = {
      openId,
      name: name ?? before?.name ?? openId,
      roles,
      active: true,
      nameRefreshedAt: name ? this.clock.now() : (before?.nameRefreshedAt ?? null),
    };
    await tx.members.save(after);
    await tx.audit.append(
      {
        actor: actor.openId,
        action: before ? 'member.roles_changed' : 'member.added',
        subjectType: 'member',
        subjectId: openId,
        before: before ?? null,
        after,
        rule: 'R-AUD-1',
      },
      this.clock.now(),
    );
    return after;
  }

  async deactivate(tx: Tx, actor: Member, openId: string): Promise<Member> {
    this.requireAdmin(actor);
    const before = await tx.members.get(openId);
    if (!before) throw notFound('admin.not_found', { openId });
    if (before.roles.includes('admin')) await this.ensureAnotherAdmin(tx, openId);
    const after = { ...before, active: false };
    await tx.members.save(after);
    await tx.audit.append(
      {
        actor: actor.openId,
        action: 'member.deactivated',
        subjectType: 'member',
        subjectId: openId,
        before,
        after,
        rule: 'R-AUD-1',
      },
      this.clock.now(),
    );
    return after;
  }

  /** Names come from Feishu's contact API; refreshed when older than `maxAgeMs`. */
  needsName(member: Member, maxAgeMs: number): boolean {
    return (
      !member.nameRefreshedAt ||
      member.name === member.openId ||
      this.clock.now().getTime() - member.nameRefreshedAt.getTime() > maxAgeMs
    );
  }

  async saveName(tx: Tx, openId: string, name: string): Promise<void> {
    const m = await tx.members.get(openId);
    if (!m) return;
    await tx.members.save({ ...m, name, nameRefreshedAt: this.clock.now() });
  }

  private requireAdmin(actor: Member): void {
    if (!hasRole(actor, 'admin')) throw forbidden('error.forbidden_role', { roles: '管理员' });
  }

  private async ensureAnotherAdmin(tx: Tx, leaving: string): Promise<void> {
    const admins = (await tx.members.list({ role: 'admin', activeOnly: true })).filter((m) => m.openId !== leaving);
    if (admins.length === 0 && !this.bootAdmins.some((a) => a !== leaving))
      throw conflict('admin.cannot_remove_last_admin');
  }
}

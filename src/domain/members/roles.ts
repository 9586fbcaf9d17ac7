export const ROLES = ['agent', 'front_desk', 'manager', 'leader', 'key_account', 'admin', 'legal', 'finance'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

export interface Member {
  openId: string;
  name: string;
  roles: Role[];
  active: boolean;
  nameRefreshedAt: Date | null;
}

export function hasRole(member: Pick<Member, 'roles' | 'active'> | undefined, ...roles: Role[]): boolean {
  if (!member?.active) return false;
  return roles.some((r) => member.roles.includes(r));
}

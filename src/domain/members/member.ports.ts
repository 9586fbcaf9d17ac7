import type { Member, Role } from './roles.js';

export interface MemberRepository {
  get(openId: string): Promise<Member | undefined>;
  list(filter?: { role?: Role; activeOnly?: boolean }): Promise<Member[]>;
  save(member: Member): Promise<void>;
}

import type { Member, Role } from './roles.js';

export interface MemberRepository {
  get(openId: string): Promise<Member | undefined>;
  list(filter?: { role?: Role; activeOnly?: boolean }): Promise<Member[]>;
  save(member: Member): Promise<void>;
}

/** This feature's part of the transaction: its repositories, bound to the one database transaction of a user action. */
declare module '../shared/tx.js' {
  interface Tx {
    members: MemberRepository;
  }
}

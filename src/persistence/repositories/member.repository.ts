import type { EntityManager } from 'typeorm';
import type { MemberRepository } from '../../domain/members/member.ports.js';
import { isRole, type Member, type Role } from '../../domain/members/roles.js';
import { MemberEntity, type MemberRow } from '../entities/members.entities.js';

export class TypeOrmMemberRepository implements MemberRepository {
  constructor(
    private readonly em: EntityManager,
    private readonly now: () => Date,
  ) {}

  async get(openId: string): Promise<Member | undefined> {
    const row = await this.em.getRepository(MemberEntity).findOneBy({ open_id: openId });
    return row ? toMember(row) : undefined;
  }

  async list(filter: { role?: Role; activeOnly?: boolean } = {}): Promise<Member[]> {
    const qb = this.em
      .getRepository(MemberEntity)
      .createQueryBuilder('m')
      .orderBy('m.created_at', 'ASC')
      .addOrderBy('m.open_id', 'ASC');
    if (filter.activeOnly) qb.andWhere('m.active = :active', { active: true });
    // roles are stored as ",agent,manager," so that a LIKE finds one role without a join table.
    if (filter.role) qb.andWhere('m.roles LIKE :role', { role: `%,${filter.role},%` });
    return (await qb.getMany()).map(toMember);
  }

  async save(member: Member): Promise<void> {
    const now = this.now();
    const repo = this.em.getRepository(MemberEntity);
    const existing = await repo.findOneBy({ open_id: member.openId });
    await repo.save({
      open_id: member.openId,
      name: member.name.slice(0, 100),
      roles: `,${member.roles.join(',')},`,
      active: member.active,
      name_refreshed_at: member.nameRefreshedAt,
      created_at: existing?.created_at ?? now,
      updated_at: now,
    });
  }
}

function toMember(row: MemberRow): Member {
  return {
    openId: row.open_id,
    name: row.name,
    roles: row.roles.split(',').filter(isRole),
    active: Boolean(row.active),
    nameRefreshedAt: row.name_refreshed_at ? new Date(row.name_refreshed_at) : null,
  };
}

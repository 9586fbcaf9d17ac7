import { membersFeature } from '../bot/features/members.js';
import { MemberService } from '../domain/members/member.service.js';
import { memberEntities } from '../persistence/entities/members.entities.js';
import { TypeOrmMemberRepository } from '../persistence/repositories/member.repository.js';
import membersTexts from '../i18n/catalog/members.js';
import { defineFeature } from './feature.js';

/** The department's members and their roles (成员管理, binding the group). */
export const members = defineFeature({
  name: 'members',
  catalogs: [membersTexts],
  entities: memberEntities,
  repositories: (em, hooks) => ({ members: new TypeOrmMemberRepository(em, hooks.now) }),
  services: ({ clock, config }) => ({ members: new MemberService({ clock, bootAdmins: config.admins }) }),
  routers: [membersFeature],
});

import { CreateBackbone1763800000000 } from '../../migrations/1763800000000-CreateBackbone.js';
import { auditEntities } from '../persistence/entities/audit.entities.js';
import { settingEntities } from '../persistence/entities/settings.entities.js';
import { TypeOrmAuditRepository } from '../persistence/repositories/audit.repository.js';
import { TypeOrmSettingRepository } from '../persistence/repositories/setting.repository.js';
import commonTexts from '../i18n/catalog/common.js';
import { defineFeature } from './feature.js';

/** What every feature shares: the audit log and the settings table (the department chat, feature switches). */
export const core = defineFeature({
  name: 'core',
  catalogs: [commonTexts],
  entities: [...auditEntities, ...settingEntities],
  migrations: [CreateBackbone1763800000000],
  repositories: (em, hooks) => ({
    audit: new TypeOrmAuditRepository(em),
    settings: new TypeOrmSettingRepository(em, hooks.now),
  }),
});

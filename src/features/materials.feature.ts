import { materialsFeature } from '../bot/features/materials.js';
import { MaterialService } from '../domain/materials/material.service.js';
import { materialEntities } from '../persistence/entities/materials.entities.js';
import { TypeOrmMaterialRepository } from '../persistence/repositories/material.repository.js';
import materialsTexts from '../i18n/catalog/materials.js';
import { defineFeature } from './feature.js';

/** Approved materials (资料库). Its table is created by the tiers' migration (tiers.feature.ts). */
export const materials = defineFeature({
  name: 'materials',
  catalogs: [materialsTexts],
  entities: materialEntities,
  repositories: (em) => ({ materials: new TypeOrmMaterialRepository(em) }),
  services: ({ clock }) => ({ materials: new MaterialService({ clock }) }),
  routers: [materialsFeature],
});

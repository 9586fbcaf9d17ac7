import { CreateUnits1763800001400 } from '../../migrations/1763800001400-CreateUnits.js';
import { unitsFeature } from '../bot/features/units.js';
import { UnitService } from '../domain/units/unit.service.js';
import { unitSettings, unitRenewalsJob } from '../jobs/unit-renewals.job.js';
import { unitEntities } from '../persistence/entities/units.entities.js';
import { TypeOrmUnitRepository } from '../persistence/repositories/unit.repository.js';
import unitsTexts from '../i18n/catalog/units.js';
import { defineFeature } from './feature.js';

/** The property's units, the leasing map, occupancy and renewals (R-UNIT-1 … R-UNIT-3). */
export const units = defineFeature({
  name: 'units',
  catalogs: [unitsTexts],
  entities: unitEntities,
  migrations: [CreateUnits1763800001400],
  repositories: (em) => ({ units: new TypeOrmUnitRepository(em) }),
  services: ({ clock, config }) => ({
    units: new UnitService({ clock, settings: unitSettings(config.settings, config.timezone) }),
  }),
  // R-UNIT-1: a signing plan reserves, and a signed contract leases, the unit it names.
  connect: ({ forms, units }) => {
    forms.signingPlan.useUnits(units);
    forms.signedContract.useUnits(units);
  },
  jobs: (d) => [unitRenewalsJob(d)],
  routers: [unitsFeature],
});

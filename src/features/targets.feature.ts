import { CreateTargets1763800000600 } from '../../migrations/1763800000600-CreateTargets.js';
import { CreateContractOpening1763800000610 } from '../../migrations/1763800000610-CreateContractOpening.js';
import { targetRenderer } from '../bot/cards/target-cards.js';
import { targetsFeature } from '../bot/features/targets.js';
import { compileSchemes } from '../domain/targets/commission.rules.js';
import { ExportService } from '../domain/targets/export.service.js';
import { TargetService } from '../domain/targets/target.service.js';
import { weeklyTableSource } from '../exports/weekly-table.js';
import { targetEntities } from '../persistence/entities/targets.entities.js';
import { TypeOrmOpeningRepository, TypeOrmTargetRepository } from '../persistence/repositories/target.repository.js';
import { TypeOrmTargetReports } from '../persistence/repositories/target-reports.repository.js';
import targetsTexts from '../i18n/catalog/targets.js';
import { riskWarningJob } from '../jobs/risk-warning.job.js';
import { defineFeature } from './feature.js';

/** Targets (leader-approved), completion, tiered commission, the risk warning and the exports (导出). */
export const targets = defineFeature({
  name: 'targets',
  catalogs: [targetsTexts],
  entities: targetEntities,
  migrations: [CreateTargets1763800000600, CreateContractOpening1763800000610],
  repositories: (em) => {
    // One reader serves both ports (the contract ledger and the exports): built once per transaction.
    const reports = new TypeOrmTargetReports(em);
    return {
      targets: new TypeOrmTargetRepository(em),
      contractLedger: reports,
      exportReader: reports,
      openings: new TypeOrmOpeningRepository(em),
    };
  },
  services: ({ clock, config, need }) => {
    // Registers the approval kind 'target' (decided by leaders).
    const targets = new TargetService({
      clock,
      settings: {
        timezone: config.timezone,
        calendar: config.settings.calendar,
        riskMarginPct: config.settings.targets.riskMarginPct,
        schemes: compileSchemes(config.settings.commission.versions),
      },
      approvals: need('approvals'),
      render: targetRenderer,
    });
    return {
      targets,
      exports: new ExportService({
        clock,
        settings: {
          timezone: config.timezone,
          exportMaxDays: config.settings.targets.exportMaxDays,
          forms: config.settings.forms,
          expiryWarningDays: config.settings.units.expiryWarningDays,
        },
        targets,
        weekly: weeklyTableSource({ clock, timezone: config.timezone, forms: config.settings.forms, targets }),
      }),
    };
  },
  jobPorts: (s) => ({ targets: s.targets, risk: s.targets }),
  jobs: (d) => [riskWarningJob(d)],
  routers: [targetsFeature],
});

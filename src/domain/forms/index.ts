import { ClientService } from '../clients/client.service.js';
import type { Clock } from '../shared/clock.js';
import { noReceptionHooks, type ReceptionHooks } from '../shared/reception-hooks.js';
import { ContractCollectionService } from './contract-collection.js';
import { FormComplianceService } from './form-flags.js';
import type { FormNotices, FormSettings } from './form-settings.js';
import { ReconciliationService } from './reconciliation.service.js';
import { RevisitOutcomeService } from './revisit-outcome.js';
import { RevisitPlanService } from './revisit-plan.js';
import { SignedContractService } from './signed-contract.js';
import { SigningPlanService } from './signing-plan.js';
import { VisitorRegistrationService } from './visitor-registration.js';

/** Every form service, built together (app.ts and tests). */
export interface FormServices {
  settings: FormSettings;
  visitor: VisitorRegistrationService;
  revisitPlan: RevisitPlanService;
  revisits: RevisitOutcomeService;
  signingPlan: SigningPlanService;
  collection: ContractCollectionService;
  signedContract: SignedContractService;
  reconciliation: ReconciliationService;
  compliance: FormComplianceService;
}

export interface FormServiceDeps {
  clock: Clock;
  settings: FormSettings;
  notices: FormNotices;
  hooks?: ReceptionHooks;
}

/** The clients service and every form service on it (tests and benches that build them without the app). */
export function createClientServices(deps: FormServiceDeps): { clients: ClientService; forms: FormServices } {
  const clients = new ClientService(deps);
  return { clients, forms: createFormServices({ ...deps, clients }) };
}

/** Every form service, on the clients service the clients feature built. */
export function createFormServices(deps: FormServiceDeps & { clients: ClientService }): FormServices {
  const base = { clock: deps.clock, settings: deps.settings, clients: deps.clients };
  return {
    settings: deps.settings,
    visitor: new VisitorRegistrationService({ ...base, notices: deps.notices }, deps.hooks ?? noReceptionHooks),
    revisitPlan: new RevisitPlanService(base),
    revisits: new RevisitOutcomeService(base),
    signingPlan: new SigningPlanService(base),
    collection: new ContractCollectionService(base),
    signedContract: new SignedContractService(deps),
    reconciliation: new ReconciliationService(),
    compliance: new FormComplianceService(deps),
  };
}

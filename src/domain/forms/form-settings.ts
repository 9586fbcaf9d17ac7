import type { Client } from '../clients/client.js';
import type { CardJson } from '../shared/outbox.js';
import type { DeadlineSettings } from './form-deadline.rules.js';
import type { FormRecord } from './form.js';

/** `config/settings.json` → `forms`, plus the department's timezone. */
export interface FormSettings extends DeadlineSettings {
  maxDepositYuan: number;
  maxMonthlyRentYuan: number;
  maxAreaSqm: number;
  listPageSize: number;
}

/**
 * The notices forms send to someone other than the person filing. The domain decides who is told;
 * the bot layer (src/bot/cards/form-notices.ts) renders what they read.
 */
export interface FormNotices {
  /** 撞单: another agent registered this agent's client. */
  duplicateToOwner(i: { client: Client; byName: string }): CardJson;
  /** 撞单 on a public-pool client: told to the managers. */
  duplicateToManagers(i: { client: Client; byName: string }): CardJson;
  /** R-FORM-2: a manager flagged the agent's form as false information. */
  falseInfoFlagged(i: { form: FormRecord; client: Client | undefined; managerName: string; reason: string }): CardJson;
}

import type { IsoDate } from '../shared/zoned-time.js';
import type { OpenedTenant, SatisfactionAverage, SatisfactionSurvey } from './satisfaction.js';

export interface SatisfactionRepository {
  openedTenants(asOf: IsoDate): Promise<OpenedTenant[]>;
  /** Periods already asked for these clients (so that each occasion is asked once). */
  periodsOf(clientIds: number[]): Promise<Array<{ clientId: number; period: string }>>;
  /** Unique (client, period): undefined when that survey exists already (another run created it). */
  create(
    s: { clientId: number; agentOpenId: string | null; period: string },
    now: Date,
  ): Promise<SatisfactionSurvey | undefined>;
  get(id: number): Promise<SatisfactionSurvey | undefined>;
  /** `WHERE score IS NULL`: answered once. */
  record(id: number, score: number, note: string | null, by: string, date: IsoDate): Promise<boolean>;
  /** Average score per agent of the surveys answered in [from, to]. */
  averages(from: IsoDate, to: IsoDate): Promise<SatisfactionAverage[]>;
}

/** This feature's part of the transaction: its repositories, bound to the one database transaction of a user action. */
declare module '../shared/tx.js' {
  interface Tx {
    satisfaction: SatisfactionRepository;
  }
}

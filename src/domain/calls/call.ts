import type { Grade } from '../clients/client.js';

/** What came of a call (R-DAY-3); the card offers these in this order. */
export const CALL_OUTCOMES = ['connected', 'interested', 'callback', 'no_answer', 'refused', 'wrong_number'] as const;
export type CallOutcome = (typeof CALL_OUTCOMES)[number];

/** One logged call: who called which client, when (instant and local day), what came of it. */
export interface CallLog {
  id: number;
  agentOpenId: string;
  clientId: number;
  /** YYYY-MM-DD in the department's timezone: the day the call counts for (每日 call 客 50 组). */
  callDate: string;
  calledAt: Date;
  outcome: CallOutcome;
  /** The intent grade given on this call, when the agent gave one. */
  grade: Grade | null;
  note: string | null;
}

export type NewCallLog = Omit<CallLog, 'id'>;

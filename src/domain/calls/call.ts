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

export interface CallLogRepository {
  add(call: NewCallLog): Promise<CallLog>;
  /** How many calls one agent logged on one local day (the "今日 n/50"). */
  countForAgentOn(agentOpenId: string, date: string): Promise<number>;
  /** Calls per agent over [from, to] (local dates, inclusive), for the digests. */
  countByAgent(from: string, to: string): Promise<Map<string, number>>;
  /** The latest call per client, for the clients given (follow-up cadence, R-DAY-4). */
  lastCallAt(clientIds: number[]): Promise<Map<number, Date>>;
  /** One client's latest calls, newest first. */
  listForClient(clientId: number, limit: number): Promise<CallLog[]>;
}

/** This feature's part of the transaction: its repositories, bound to the one database transaction of a user action. */
declare module '../shared/tx.js' {
  interface Tx {
    calls: CallLogRepository;
  }
}

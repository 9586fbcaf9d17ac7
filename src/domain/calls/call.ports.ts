import type { CallLog, NewCallLog } from './call.js';

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

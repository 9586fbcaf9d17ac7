import type { IsoDate } from '../shared/zoned-time.js';
import type { CardJson } from '../shared/outbox.js';

/**
 * R-FB-2: one survey of one tenant for one occasion — after its opening (`open:<contract no>`) or a
 * quarter (`2027-Q1`) — asked of the client's agent, answered with a score 1–5 and a note.
 */
export interface SatisfactionSurvey {
  id: number;
  clientId: number;
  agentOpenId: string | null;
  period: string;
  score: number | null;
  note: string | null;
  promptedAt: Date;
  recordedDate: IsoDate | null;
  recordedBy: string | null;
}

/** A tenant that opened (开业, R-TGT-4's opening record): its contract, client and agent. */
export interface OpenedTenant {
  contractNo: string;
  clientId: number;
  agentOpenId: string | null;
  openedDate: IsoDate;
}

export interface SatisfactionAverage {
  agentOpenId: string;
  average: number;
  count: number;
}

export interface SatisfactionView {
  survey: SatisfactionSurvey;
  clientName: string;
  recordedByName: string | null;
}

export interface SatisfactionCards {
  prompt(view: SatisfactionView): CardJson;
}

import type { PipelineState } from './client.js';

/**
 * The client pipeline (DOMAIN.md §2): 意向 → 跟进中 → 已交定金 → 已签约, or 流失 at any point before
 * signing. A form moves a client forward only; a lost client comes back by a new registration.
 */
const RANK: Record<Exclude<PipelineState, 'lost'>, number> = { intent: 0, following: 1, deposit: 2, signed: 3 };

/** The state after a form that implies `target`: never backwards (a revisit keeps a deposit client at 已交定金). */
export function advance(from: PipelineState, target: Exclude<PipelineState, 'lost'>): PipelineState {
  if (from === 'lost') return from;
  return RANK[target] > RANK[from] ? target : from;
}

export function canLose(state: PipelineState): boolean {
  return state !== 'lost' && state !== 'signed';
}

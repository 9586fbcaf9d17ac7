import { decide } from '../../../src/domain/reception/attribution.rules.js';
import {
  applyEvent,
  pickNext,
  startDayState,
  type DayState,
  type MemberState,
  type RotationEvent,
} from '../../../src/domain/rotation/rotation.rules.js';
import { FairnessAuditor, seeded } from './fairness-auditor.js';

export type Picker = (s: DayState, excluded: ReadonlySet<string>) => MemberState | undefined;

export interface SimOptions {
  seed: number;
  agents: number;
  days: number;
  walkInsPerDay: number;
  pick?: Picker;
}

export interface SimResult {
  walkIns: number;
  byRule: Record<string, number>;
  pooled: number;
  violations: string[];
  pairsChecked: number;
  strictPairs: number;
  /** Walk-ins that ended with no owner and not in the pool, or with two outcomes. */
  unresolved: number;
  maxSpread: number;
}

/**
 * Simulated days at the front desk, driven by the pure rules: walk-ins arrive at random times;
 * some are returning clients (by phone), some hold an agent's card, some are leader referrals;
 * agents accept, pass or let the offer time out (each agent with their own habits), stay busy for a
 * random while, and some days one agent is absent for part of the day.
 */
export function simulate(o: SimOptions): SimResult {
  const rng = seeded(o.seed);
  const pick: Picker = o.pick ?? ((s, ex) => pickNext(s, ex));
  const agents = Array.from({ length: o.agents }, (_, i) => `ou_agent${i + 1}`);
  // Habits: the first four never pass; the others pass or time out now and then.
  const passRate = new Map(agents.map((a, i) => [a, i < 4 ? 0 : 0.03 + rng() * 0.12]));
  const timeoutRate = new Map(agents.map((a, i) => [a, i < 4 ? 0 : rng() * 0.05]));
  const clients = new Map<string, string>(); // phone → owner open_id or 'pool'
  const res: SimResult = {
    walkIns: 0,
    byRule: {},
    pooled: 0,
    violations: [],
    pairsChecked: 0,
    strictPairs: 0,
    unresolved: 0,
    maxSpread: 0,
  };
  let walkInId = 0;

  for (let d = 0; d < o.days; d++) {
    let s = startDayState(`day-${d}`, agents);
    const apply = (e: RotationEvent) => (s = applyEvent(s, e));
    const auditor = new FairnessAuditor(agents);
    const busyUntil = new Map<string, number>();
    const absentNow = new Set<string>();
    const absence =
      rng() < 0.4
        ? { agent: agents[Math.floor(rng() * agents.length)]!, from: rng() * 300, to: 300 + rng() * 200 }
        : undefined;
    let now = 0;

    for (let i = 0; i < o.walkInsPerDay; i++) {
      now += rng() * 4;
      for (const [a, until] of busyUntil) if (until <= now) busyUntil.delete(a), apply({ type: 'free', agent: a });
      if (absence && now >= absence.from && now < absence.to && !absentNow.has(absence.agent)) {
        absentNow.add(absence.agent);
        auditor.onAbsent(absence.agent);
        apply({ type: 'duty', agent: absence.agent, onDuty: false });
      }
      if (absence && now >= absence.to && absentNow.has(absence.agent))
        absentNow.delete(absence.agent), apply({ type: 'duty', agent: absence.agent, onDuty: true });
      const unavailable = () => agents.filter((a) => busyUntil.has(a) || absentNow.has(a));
      const makeBusy = (a: string, id: number) => {
        if (absentNow.has(a) || busyUntil.has(a)) return;
        busyUntil.set(a, now + 3 + rng() * 15);
        apply({ type: 'busy', agent: a, walkInId: id });
      };

      const id = ++walkInId;
      res.walkIns++;
      const r = rng();
      const known = [...clients.keys()];
      const phone =
        r < 0.15 && known.length ? known[Math.floor(rng() * known.length)]! : `1380000${String(id).padStart(4, '0')}`;
      const owner0 = clients.get(phone);
      const decision = decide({
        returning: owner0
          ? { clientId: 0, owner: owner0 === 'pool' ? { kind: 'pool' } : { kind: 'agent', openId: owner0 } }
          : undefined,
        cardAgent: r >= 0.15 && r < 0.25 ? agents[Math.floor(rng() * agents.length)] : undefined,
        leaderReferral: r >= 0.25 && r < 0.3,
      });
      res.byRule[decision.rule] = (res.byRule[decision.rule] ?? 0) + 1;
      const outcomes: string[] = [];
      if (decision.kind === 'returning') {
        outcomes.push(owner0!);
        if (owner0 !== 'pool') makeBusy(owner0!, id);
      } else if (decision.kind === 'card') {
        outcomes.push(decision.agent);
        makeBusy(decision.agent, id);
      } else if (decision.kind === 'leader') {
        outcomes.push('pool');
      } else {
        const offered = new Set<string>();
        for (;;) {
          const next = pick(s, offered);
          if (!next) {
            outcomes.push('pool');
            break;
          }
          const snapshot = unavailable();
          apply({ type: 'offered', agent: next.openId, walkInId: id });
          offered.add(next.openId);
          const x = rng();
          const passes = x < passRate.get(next.openId)!;
          const times = !passes && x < passRate.get(next.openId)! + timeoutRate.get(next.openId)!;
          if (passes || times) {
            apply({ type: 'passed', agent: next.openId, walkInId: id, reason: passes ? 'pass' : 'timeout' });
            auditor.onPassed(next.openId);
            continue;
          }
          apply({ type: 'accepted', agent: next.openId, walkInId: id });
          auditor.onReceived(next.openId, snapshot);
          busyUntil.set(next.openId, now + 3 + rng() * 15);
          outcomes.push(next.openId);
          break;
        }
      }
      if (outcomes.length !== 1) res.unresolved++;
      if (outcomes[0] === 'pool') res.pooled++;
      if (!owner0) clients.set(phone, outcomes[0]!);
    }
    res.violations.push(...auditor.violations().map((v) => `day ${d}: ${v}`));
    res.pairsChecked += auditor.pairsChecked;
    res.strictPairs += auditor.strictPairs;
    const counts = [...auditor.counts().values()];
    res.maxSpread = Math.max(res.maxSpread, Math.max(...counts) - Math.min(...counts));
  }
  return res;
}

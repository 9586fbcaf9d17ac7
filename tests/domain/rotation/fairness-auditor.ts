/**
 * An independent referee for R-ROT-6, kept apart from the rotation rules it checks: it tallies
 * rotation walk-ins received itself and remembers who was unavailable (busy, absent, holding another
 * offer) each time an agent received one.
 *
 * The property: over a day, for two agents X and Y who never passed (nor timed out) and were never
 * absent, X received at most one more than Y. The only allowance is for make-up turns still owed:
 * each walk-in X received while Y was busy (since the last one X received while Y was free) may put
 * X one further ahead; Y gets them back once free (可补接). So: gap ≤ 1 + owed.
 */
export class FairnessAuditor {
  private readonly received = new Map<string, number>();
  private readonly passed = new Set<string>();
  private readonly absent = new Set<string>();
  /** owed.get(x).get(y): walk-ins x received while y was unavailable, since x's last one with y free. */
  private readonly owed = new Map<string, Map<string, number>>();
  pairsChecked = 0;
  /** Pairs held to the plain "at most one" (nothing owed). */
  strictPairs = 0;

  constructor(private readonly agents: readonly string[]) {
    for (const a of agents) this.received.set(a, 0);
  }

  onReceived(agent: string, unavailable: Iterable<string>): void {
    this.received.set(agent, (this.received.get(agent) ?? 0) + 1);
    const off = new Set(unavailable);
    const row = this.owed.get(agent) ?? new Map<string, number>();
    for (const y of this.agents) row.set(y, off.has(y) ? (row.get(y) ?? 0) + 1 : 0);
    this.owed.set(agent, row);
  }

  onPassed(agent: string): void {
    this.passed.add(agent);
  }

  onAbsent(agent: string): void {
    this.absent.add(agent);
  }

  counts(): Map<string, number> {
    return new Map(this.received);
  }

  /** The pairs breaking the property; empty when the day was fair. */
  violations(): string[] {
    const out: string[] = [];
    const fair = this.agents.filter((a) => !this.passed.has(a) && !this.absent.has(a));
    for (const x of fair) {
      for (const y of fair) {
        if (x === y) continue;
        const gap = this.received.get(x)! - this.received.get(y)!;
        const owed = this.owed.get(x)?.get(y) ?? 0;
        this.pairsChecked++;
        if (owed === 0) this.strictPairs++;
        if (gap > 1 + owed)
          out.push(`${x} received ${this.received.get(x)} but ${y} only ${this.received.get(y)} (owed ${owed})`);
      }
    }
    return out;
  }
}

/** Small seeded PRNG (mulberry32): the simulation is the same on every run. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

import { describe, expect, it } from 'vitest';
import type { Services } from '../../src/bot/services.js';
import { composeServices } from '../../src/features/compose.js';
import { defineFeature, type ServiceContext } from '../../src/features/feature.js';

// Services are opaque to the composer: fakes stand in for them (cast: the real types are the features' business).
const fake = (name: string) => ({ name }) as never;
const base = {} as Omit<ServiceContext, 'need' | 'jobPorts'>;

describe('composeServices: each feature builds its services, asking for the others it needs', () => {
  it("a service another feature needs is built first, whatever the list's order", () => {
    const built: string[] = [];
    const late = defineFeature({
      name: 'late',
      services: () => {
        built.push('approvals');
        return { approvals: fake('approvals') };
      },
    });
    const early = defineFeature({
      name: 'early',
      services: ({ need }) => {
        const approvals = need('approvals');
        built.push('targets');
        return { targets: { uses: approvals } as never };
      },
    });
    const services = composeServices([early, late], base);
    expect(built).toEqual(['approvals', 'targets']);
    expect((services.targets as unknown as { uses: unknown }).uses).toBe(services.approvals);
  });

  it('a service no feature builds is an error at boot that names it and who asked', () => {
    const asks = defineFeature({ name: 'asks', services: ({ need }) => ({ targets: need('approvals') as never }) });
    expect(() => composeServices([asks], base)).toThrow(
      /no feature builds the service 'approvals' \(needed while building asks\)/,
    );
  });

  it('two features needing each other is an error at boot naming the cycle', () => {
    const a = defineFeature({ name: 'a', services: ({ need }) => ({ approvals: need('targets') as never }) });
    const b = defineFeature({ name: 'b', services: ({ need }) => ({ targets: need('approvals') as never }) });
    expect(() => composeServices([a, b], base)).toThrow(
      /no feature builds the service 'approvals' \(needed while building a → b\)/,
    );
  });

  it('connect runs once every service exists; job ports are gathered from every feature that has them', () => {
    const seen: Partial<Services>[] = [];
    const jobs = defineFeature({
      name: 'jobs',
      services: ({ jobPorts }) => ({ jobs: { ports: jobPorts() } as never }),
      connect: (s) => seen.push({ ...s }),
    });
    const targets = defineFeature({
      name: 'targets',
      services: () => ({ targets: fake('targets') }),
      jobPorts: (s) => ({ targets: s.targets as never }),
    });
    const services = composeServices([jobs, targets], base);
    expect((services.jobs as unknown as { ports: { targets: unknown } }).ports.targets).toBe(services.targets);
    expect(seen).toHaveLength(1);
    expect(Object.keys(seen[0] ?? {}).sort()).toEqual(['jobs', 'targets']);
  });
});

import { describe, expect, it } from 'vitest';
import type { AuditRecord } from '../../../src/domain/audit/audit.js';
import {
  canSeeOwnershipHistory,
  deriveOwnershipHistory,
  type OwnershipFacts,
} from '../../../src/domain/reception/ownership-history.js';
import type { Dispute } from '../../../src/domain/reception/dispute.js';
import type { Member } from '../../../src/domain/members/roles.js';

const at = (hhmm: string) => new Date(`2026-11-23T${hhmm}:00+08:00`);
const agent = (openId: string) => ({ kind: 'agent' as const, openId });
const pool = { kind: 'pool' as const };
let nextId = 1;
const audit = (e: Omit<AuditRecord, 'id' | 'subjectType' | 'subjectId'>): AuditRecord => ({
  id: nextId++,
  subjectType: 'client',
  subjectId: '7',
  ...e,
});
const facts = (f: Partial<OwnershipFacts> & Pick<OwnershipFacts, 'current' | 'audit'>): OwnershipFacts => ({
  walkIns: [],
  disputes: [],
  handovers: [],
  ...f,
});
const dispute = (id: number, claimant: string, reason: string): Dispute => ({
  id,
  clientId: 7,
  claimant,
  holder: agent('ou_a1'),
  reason,
  status: 'decided',
  decision: 'claimant',
  decidedBy: 'ou_mgr',
  decidedAt: at('11:00'),
  createdAt: at('10:30'),
});

describe('ownership history (R-AUD-2), derived from the records', () => {
  it('R-AUD-2: a rotation client later given to the claimant by the ruling: both steps, newest last, the ruling is how the owner got it', () => {
    const h = deriveOwnershipHistory(
      facts({
        current: agent('ou_a2'),
        audit: [
          audit({
            at: at('09:05'),
            actor: 'ou_a1',
            action: 'client.owner_set',
            before: null,
            after: agent('ou_a1'),
            rule: 'R-ATT-1',
            note: 'walk_in:1',
          }),
          audit({
            at: at('10:30'),
            actor: 'ou_a2',
            action: 'dispute.raised',
            before: agent('ou_a1'),
            after: null,
            rule: 'R-ATT-6',
            note: '上周是我接待的',
          }),
          audit({
            at: at('11:00'),
            actor: 'ou_mgr',
            action: 'dispute.decided_claimant',
            before: agent('ou_a1'),
            after: agent('ou_a2'),
            rule: 'R-ATT-6',
            note: 'dispute:3',
          }),
        ],
        disputes: [dispute(3, 'ou_a2', '上周是我接待的')],
      }),
    );
    expect(h.steps.map((s) => [s.how, s.rule, s.decidedBy])).toEqual([
      ['rotation', 'R-ATT-1', 'ou_a1'],
      ['ruling', 'R-ATT-6', 'ou_mgr'],
    ]);
    expect(h.acquired).toMatchObject({
      how: 'ruling',
      outcome: 'claimant',
      claimant: 'ou_a2',
      reason: '上周是我接待的',
      at: at('11:00'),
      before: agent('ou_a1'),
      after: agent('ou_a2'),
    });
  });

  it('R-ATT-4: a pool client handed out: the R-ROT-5 pooling by the bot, then the hand-out with the manager and the reason', () => {
    const h = deriveOwnershipHistory(
      facts({
        current: agent('ou_a3'),
        audit: [
          audit({
            at: at('09:20'),
            actor: null,
            action: 'client.owner_set',
            before: null,
            after: pool,
            rule: 'R-ROT-5',
            note: 'walk_in:2',
          }),
          audit({
            at: at('14:00'),
            actor: 'ou_mgr',
            action: 'pool.assigned',
            before: pool,
            after: agent('ou_a3'),
            rule: 'R-ATT-4',
            note: '客户点名要求',
          }),
        ],
      }),
    );
    expect(h.steps[0]).toMatchObject({ how: 'nobody', rule: 'R-ROT-5', decidedBy: null, after: pool });
    expect(h.acquired).toMatchObject({
      how: 'handout',
      rule: 'R-ATT-4',
      decidedBy: 'ou_mgr',
      reason: '客户点名要求',
      at: at('14:00'),
    });
  });

  it('R-ATT-6: a ruling that keeps the owner confirms, and does not replace, how they got the client', () => {
    const h = deriveOwnershipHistory(
      facts({
        current: agent('ou_a1'),
        audit: [
          audit({
            at: at('09:05'),
            actor: 'ou_desk',
            action: 'client.owner_set',
            before: null,
            after: agent('ou_a1'),
            rule: 'R-ATT-2',
            note: 'walk_in:1',
          }),
          audit({
            at: at('11:00'),
            actor: 'ou_mgr',
            action: 'dispute.decided_keep',
            before: agent('ou_a1'),
            after: agent('ou_a1'),
            rule: 'R-ATT-6',
            note: 'dispute:4',
          }),
        ],
      }),
    );
    expect(h.steps).toHaveLength(2);
    expect(h.acquired).toMatchObject({ how: 'card', rule: 'R-ATT-2', decidedBy: 'ou_desk' });
  });

  it('R-ATT-1: a walk-in accepted without name or phone is registered by its visitor form; the walk-in is how it came', () => {
    const h = deriveOwnershipHistory(
      facts({
        current: agent('ou_a1'),
        audit: [
          audit({
            at: at('09:40'),
            actor: 'ou_a1',
            action: 'client.registered',
            after: { regNo: 'DJ-20261123-001', owner: agent('ou_a1') },
            rule: 'R-AUD-1',
          }),
        ],
        walkIns: [
          {
            id: 5,
            rule: 'R-ATT-1',
            status: 'accepted',
            owner: 'ou_a1',
            registeredBy: 'ou_desk',
            decidedAt: at('09:10'),
          },
        ],
      }),
    );
    expect(h.acquired).toMatchObject({ how: 'rotation', rule: 'R-ATT-1', decidedBy: 'ou_a1', at: at('09:10') });
  });

  it('R-AUD-2: a client an agent registered on their own, then handed over (R-TIER-1) with the hand-over reason, then recalled', () => {
    const h = deriveOwnershipHistory(
      facts({
        current: pool,
        audit: [
          audit({
            at: at('09:00'),
            actor: 'ou_a1',
            action: 'client.registered',
            after: { regNo: 'DJ-1', owner: agent('ou_a1') },
            rule: 'R-AUD-1',
          }),
          audit({
            at: at('12:00'),
            actor: 'ou_mgr',
            action: 'client.owner_changed',
            before: agent('ou_a1'),
            after: agent('ou_ka'),
            rule: 'R-TIER-1',
            note: 'handover approval 9',
          }),
          audit({
            at: at('18:00'),
            actor: null,
            action: 'client.recalled',
            before: agent('ou_ka'),
            after: pool,
            rule: 'R-POOL-1',
            note: '30 天未跟进',
          }),
          audit({
            at: at('18:01'),
            actor: 'ou_a1',
            action: 'tier.confirmed',
            before: null,
            after: 'S',
            rule: 'R-TIER-2',
          }),
        ],
        handovers: [{ approvalId: 9, reason: '大客户，品牌连锁', requestedBy: 'ou_a1' }],
      }),
    );
    expect(h.steps.map((s) => s.how)).toEqual(['registered', 'handover', 'recall']);
    expect(h.steps[0]).toMatchObject({ rule: null, decidedBy: 'ou_a1' });
    expect(h.steps[1]).toMatchObject({ reason: '大客户，品牌连锁', decidedBy: 'ou_mgr' });
    expect(h.acquired).toMatchObject({ how: 'recall', decidedBy: null, reason: '30 天未跟进' });
  });

  it('R-AUD-2: a client filed before records were kept has an empty history, not an invented one', () => {
    expect(deriveOwnershipHistory(facts({ current: agent('ou_a1'), audit: [] }))).toEqual({
      steps: [],
      acquired: undefined,
    });
  });

  it('R-AUD-2: the owner and the manager see the history; another agent, the front desk and a leader do not', () => {
    const m = (openId: string, roles: Member['roles']): Member =>
      ({ openId, name: openId, roles, active: true }) as Member;
    expect(canSeeOwnershipHistory(m('ou_a1', ['agent']), agent('ou_a1'))).toBe(true);
    expect(canSeeOwnershipHistory(m('ou_mgr', ['manager']), agent('ou_a1'))).toBe(true);
    expect(canSeeOwnershipHistory(m('ou_mgr', ['manager']), pool)).toBe(true);
    expect(canSeeOwnershipHistory(m('ou_a2', ['agent']), agent('ou_a1'))).toBe(false);
    expect(canSeeOwnershipHistory(m('ou_a2', ['agent']), pool)).toBe(false);
    expect(canSeeOwnershipHistory(m('ou_desk', ['front_desk']), agent('ou_a1'))).toBe(false);
  });
});

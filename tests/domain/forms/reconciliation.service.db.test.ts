import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reconciliationCard } from '../../../src/bot/cards/plan-cards.js';
import { ReconciliationService } from '../../../src/domain/forms/reconciliation.service.js';
import { ManualClock } from '../../../src/domain/shared/clock.js';
import { zonedToUtc } from '../../../src/domain/shared/zoned-time.js';
import type { JobPorts } from '../../../src/jobs/ports.js';
import { featureSources } from '../../../src/jobs/wiring.js';
import { checkCard } from '../../../src/lark/card-rules.js';
import { TypeOrmUnitOfWork } from '../../../src/persistence/unit-of-work.js';
import { openTestDb, type TestDb } from '../../helpers/test-db.js';
import { jobsConfig } from '../../jobs/harness.js';

const AGENT = 'ou_recon_review_agent';
const DAY = '2026-11-23';
const now = zonedToUtc(DAY, 12, 0, 0, 'Asia/Shanghai');

/**
 * A contract collected today and still with legal/finance is not on the signed table yet by design
 * (R-CON-4); the 19:00 reconciliation must call it 审核中, not a difference.
 */
describe('R-CON-3 with contract review (R-CON-4)', () => {
  let t: TestDb;
  let uow: TypeOrmUnitOfWork;
  let ports: Partial<JobPorts>;

  beforeAll(async () => {
    t = await openTestDb();
    uow = new TypeOrmUnitOfWork(t.db, new ManualClock(now));
    ports = featureSources(jobsConfig());
    await uow.run(async (tx) => {
      const client = await tx.clients.create(
        {
          name: '审核中商户',
          shopName: null,
          contactPerson: null,
          phone: null,
          category: null,
          clientType: 'merchant',
          source: null,
          grade: 'B',
          owner: { kind: 'agent', openId: AGENT },
        },
        now,
      );
      const collect = (contractNo: string) =>
        tx.contracts.addCollection(
          {
            contractNo,
            clientId: client.id,
            agentOpenId: AGENT,
            unit: 'B-2',
            area: 30,
            monthlyRent: 5000,
            termMonths: 12,
            collectedDate: DAY,
          },
          now,
        );
      const review = (contractNo: string) =>
        tx.contractReviews.create(
          {
            contractNo,
            clientId: client.id,
            agentOpenId: AGENT,
            signedDate: DAY,
            unit: 'B-2',
            area: 30,
            monthlyRent: 5000,
            collectionId: null,
            enteredBy: 'ou_desk',
            form: { raw: {}, missing: [], filedAt: now.toISOString() },
          },
          now,
        );
      await collect('HT-REV-1'); // in review
      await review('HT-REV-1');
      await collect('HT-REV-2'); // returned by a reviewer
      const returned = await review('HT-REV-2');
      await tx.contractReviews.decide(returned.id, returned.round, 'legal', 'returned', '租金有误', now);
      await tx.contractReviews.markReturned(returned.id, returned.round, now);
      await collect('HT-LOST'); // neither signed nor in review: a real difference
    });
  });
  afterAll(async () => t?.close());

  it('R-CON-3: the daily job source reports contracts in review apart, not as collected-without-signed', async () => {
    const r = await uow.run((tx) => ports.reconciliation!.mismatches(tx, DAY));
    expect(r.collectedWithoutSigned.map((c) => c.contractNo)).toEqual(['HT-LOST']);
    expect(r.underReview.map((c) => `${c.contractNo}:${c.status}`).sort()).toEqual([
      'HT-REV-1:in_review',
      'HT-REV-2:returned',
    ]);
    const card = reconciliationCard(DAY, r, {});
    expect(checkCard(card)).toEqual([]);
    const text = JSON.stringify(card);
    expect(text).toContain('审核中');
    expect(text).toContain('审核退回');
    expect(text).toContain('领取表有、已签合同表没有（1）');
  });

  it('R-CON-3: the 对账 service lists contracts in review as 审核中 and not among the mismatches', async () => {
    const r = await uow.run((tx) => new ReconciliationService().reconcile(tx, DAY));
    expect(r.mismatches.map((m) => `${m.kind}:${m.contractNo}`)).toEqual(['missing_signed:HT-LOST']);
    expect(r.underReview.map((u) => `${u.contractNo}:${u.status}`).sort()).toEqual([
      'HT-REV-1:in_review',
      'HT-REV-2:returned',
    ]);
  });

  it('R-CON-3: once signed after review, the contract is neither in review nor a difference', async () => {
    await uow.run(async (tx) => {
      const rev = (await tx.contractReviews.findByNo('HT-REV-1'))!;
      await tx.contractReviews.decide(rev.id, rev.round, 'legal', 'approved', null, now);
      await tx.contractReviews.decide(rev.id, rev.round, 'finance', 'approved', null, now);
      expect(await tx.contractReviews.markSigned(rev.id, rev.round, now)).toBe(true);
      await tx.contracts.addSigned(
        {
          contractNo: 'HT-REV-1',
          clientId: rev.clientId,
          agentOpenId: AGENT,
          signedDate: DAY,
          unit: 'B-2',
          area: 30,
          monthlyRent: 5000,
          collectionId: null,
          enteredBy: 'ou_desk',
        },
        now,
      );
    });
    const r = await uow.run((tx) => ports.reconciliation!.mismatches(tx, DAY));
    expect(r.underReview.map((c) => c.contractNo)).toEqual(['HT-REV-2']);
    expect(r.collectedWithoutSigned.map((c) => c.contractNo)).toEqual(['HT-LOST']);
    expect(r.signedWithoutCollection).toEqual([]);
  });
});

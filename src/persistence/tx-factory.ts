import type { EntityManager } from 'typeorm';
import type { Tx } from '../domain/shared/tx.js';
import type { OutboxRow } from './entities/outbox.entities.js';
import { TypeOrmOpeningRepository, TypeOrmTargetRepository } from './repositories/target.repository.js';
import { TypeOrmTargetReports } from './repositories/target-reports.repository.js';
import { TypeOrmApprovalRepository } from './repositories/approval.repository.js';
import { TypeOrmFieldVisitRepository } from './repositories/field-visit.repository.js';
import { TypeOrmHandoverRepository, TypeOrmTierRepository } from './repositories/tier.repository.js';
import { TypeOrmMaterialRepository } from './repositories/material.repository.js';
import { TypeOrmAuditRepository } from './repositories/audit.repository.js';
import { TypeOrmClientRepository } from './repositories/client.repository.js';
import { TypeOrmContractRepository } from './repositories/contract.repository.js';
import { TypeOrmCounterRepository } from './repositories/counter.repository.js';
import { TypeOrmFormRecordRepository } from './repositories/form-record.repository.js';
import { TypeOrmRevisitRepository } from './repositories/revisit.repository.js';
import { TypeOrmMemberRepository } from './repositories/member.repository.js';
import { TypeOrmOutboxWriter } from './repositories/outbox.repository.js';
import { TypeOrmSettingRepository } from './repositories/setting.repository.js';
import { TypeOrmRotationRepository, TypeOrmWalkInRepository } from './repositories/rotation.repository.js';
import { TypeOrmDisputeRepository, TypeOrmPoolRepository } from './repositories/dispute.repository.js';
import { TypeOrmJobRunRepository } from './repositories/job-run.repository.js';
import { TypeOrmReportRepository } from './repositories/report.repository.js';
import { TypeOrmDayRepository } from './repositories/day.repository.js';
import { TypeOrmRecallLockRepository } from './repositories/pool.repository.js';
import { TypeOrmCallLogRepository } from './repositories/call-log.repository.js';
import { TypeOrmFollowUpRepository } from './repositories/follow-up.repository.js';
import { TypeOrmUnitRepository } from './repositories/unit.repository.js';
import { TypeOrmContractReviewRepository } from './repositories/contract-review.repository.js';
import { TypeOrmFeedbackRepository } from './repositories/feedback.repository.js';
import { TypeOrmSatisfactionRepository } from './repositories/satisfaction.repository.js';

export interface TxHooks {
  now: () => Date;
  /** An outbox row was written in this transaction; the unit of work hands it to the relay after commit. */
  outboxWritten: (row: OutboxRow) => void;
  /**
   * Set while this instance's relay runs: rows are written already claimed by it (status sending, this
   * lease), so after the commit it sends them without a claim round trip; a crash leaves them to the lease.
   */
  outboxLeaseMs?: number | undefined;
}

/** Binds every repository to one transaction's EntityManager. Features add one line each. */
export function buildTx(em: EntityManager, hooks: TxHooks): Tx {
  return {
    members: new TypeOrmMemberRepository(em, hooks.now),
    audit: new TypeOrmAuditRepository(em),
    settings: new TypeOrmSettingRepository(em, hooks.now),
    outbox: new TypeOrmOutboxWriter(em, hooks.now, hooks.outboxWritten, hooks.outboxLeaseMs),
    clients: new TypeOrmClientRepository(em),
    rotation: new TypeOrmRotationRepository(em),
    walkIns: new TypeOrmWalkInRepository(em),
    disputes: new TypeOrmDisputeRepository(em),
    pool: new TypeOrmPoolRepository(em),
    approvals: new TypeOrmApprovalRepository(em),
    fieldVisits: new TypeOrmFieldVisitRepository(em),
    tiers: new TypeOrmTierRepository(em),
    handovers: new TypeOrmHandoverRepository(em),
    materials: new TypeOrmMaterialRepository(em),
    formRecords: new TypeOrmFormRecordRepository(em),
    revisits: new TypeOrmRevisitRepository(em),
    contracts: new TypeOrmContractRepository(em),
    counters: new TypeOrmCounterRepository(em),
    jobs: new TypeOrmJobRunRepository(em),
    reports: new TypeOrmReportRepository(em),
    targets: new TypeOrmTargetRepository(em),
    contractLedger: new TypeOrmTargetReports(em),
    exportReader: new TypeOrmTargetReports(em),
    openings: new TypeOrmOpeningRepository(em),
    day: new TypeOrmDayRepository(em),
    recallLocks: new TypeOrmRecallLockRepository(em),
    calls: new TypeOrmCallLogRepository(em),
    followUps: new TypeOrmFollowUpRepository(em),
    units: new TypeOrmUnitRepository(em),
    contractReviews: new TypeOrmContractReviewRepository(em),
    feedback: new TypeOrmFeedbackRepository(em),
    satisfaction: new TypeOrmSatisfactionRepository(em),
  };
}

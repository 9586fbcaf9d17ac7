import type { ApprovalRepository } from '../approvals/approval.js';
import type { FieldVisitRepository } from '../field-visits/field-visit.js';
import type { HandoverRepository, TierRepository } from '../tiers/tier.js';
import type { MaterialRepository } from '../materials/material.js';
import type { AuditRepository } from '../audit/audit.js';
import type { ClientRepository } from '../clients/client.js';
import type { RotationRepository, WalkInRepository } from '../rotation/rotation.ports.js';
import type { DisputeRepository, PoolRepository } from '../reception/dispute.ports.js';
import type {
  ContractRepository,
  CounterRepository,
  FormRecordRepository,
  RevisitRepository,
} from '../forms/form.ports.js';
import type { MemberRepository } from '../members/member.ports.js';
import type { DayRepository } from '../day/day.ports.js';
import type { RecallLockRepository } from '../pool/recall.ports.js';
import type { Outbox } from './outbox.js';
import type { CallLogRepository } from '../calls/call.js';
import type { FollowUpRepository } from '../follow-up/follow-up.js';
import type { SettingRepository } from './settings.ports.js';
import type { JobRunRepository } from '../jobs/job-runs.ports.js';
import type { ReportRepository } from '../jobs/report.ports.js';
import type { OpeningRepository, TargetRepository } from '../targets/target.js';
import type { ContractLedger, ReportReader } from '../targets/ports.js';
import type { UnitRepository } from '../units/unit.js';
import type { ContractReviewRepository } from '../review/contract-review.js';
import type { FeedbackRepository } from '../feedback/feedback.js';
import type { SatisfactionRepository } from '../feedback/satisfaction.js';

/**
 * Everything one user action may touch, bound to one database transaction.
 * Features add their repositories here; the persistence layer builds the implementation.
 */
export interface Tx {
  members: MemberRepository;
  audit: AuditRepository;
  settings: SettingRepository;
  outbox: Outbox;
  clients: ClientRepository;
  rotation: RotationRepository;
  walkIns: WalkInRepository;
  disputes: DisputeRepository;
  pool: PoolRepository;
  approvals: ApprovalRepository;
  fieldVisits: FieldVisitRepository;
  tiers: TierRepository;
  handovers: HandoverRepository;
  materials: MaterialRepository;
  formRecords: FormRecordRepository;
  revisits: RevisitRepository;
  contracts: ContractRepository;
  counters: CounterRepository;
  jobs: JobRunRepository;
  reports: ReportRepository;
  targets: TargetRepository;
  contractLedger: ContractLedger;
  exportReader: ReportReader;
  openings: OpeningRepository;
  day: DayRepository;
  recallLocks: RecallLockRepository;
  calls: CallLogRepository;
  followUps: FollowUpRepository;
  units: UnitRepository;
  contractReviews: ContractReviewRepository;
  feedback: FeedbackRepository;
  satisfaction: SatisfactionRepository;
}

export interface UnitOfWork {
  /** Runs `work` in one transaction; retried as a whole on a deadlock. */
  run<T>(work: (tx: Tx) => Promise<T>): Promise<T>;
}

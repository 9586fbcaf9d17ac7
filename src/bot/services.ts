import type { AppConfig } from '../config.js';
import type { MemberService } from '../domain/members/member.service.js';
import type { ClientService } from '../domain/clients/client.service.js';
import type { FormServices } from '../domain/forms/index.js';
import type { RotationService } from '../domain/rotation/rotation.service.js';
import type { ReceptionService } from '../domain/reception/reception.service.js';
import type { DisputeService } from '../domain/reception/dispute.service.js';
import type { ApprovalService } from '../domain/approvals/approval.service.js';
import type { FieldVisitService } from '../domain/field-visits/field-visit.service.js';
import type { TierService } from '../domain/tiers/tier.service.js';
import type { MaterialService } from '../domain/materials/material.service.js';
import type { ContractReviewService } from '../domain/review/contract-review.service.js';
import type { FeedbackService } from '../domain/feedback/feedback.service.js';
import type { TargetService } from '../domain/targets/target.service.js';
import type { ExportService } from '../domain/targets/export.service.js';
import type { CallService } from '../domain/calls/call.service.js';
import type { FollowUpService } from '../domain/follow-up/follow-up.service.js';
import type { Clock } from '../domain/shared/clock.js';
import type { DayServices } from '../domain/day/index.js';
import type { RecallService } from '../domain/pool/recall.service.js';
import type { Menu } from './menu.js';
import type { DeadLetters } from '../domain/shared/outbox.js';
import type { JobsFacade } from '../jobs/facade.js';
import type { UnitService } from '../domain/units/unit.service.js';

/** The domain services features call. Built in app.ts; features add theirs here. */
export interface Services {
  members: MemberService;
  /** Dead letters for the admin view (发送失败). */
  outbox: DeadLetters;
  clients: ClientService;
  forms: FormServices;
  rotation: RotationService;
  reception: ReceptionService;
  disputes: DisputeService;
  approvals: ApprovalService;
  fieldVisits: FieldVisitService;
  tiers: TierService;
  materials: MaterialService;
  contractReview: ContractReviewService;
  feedback: FeedbackService;
  jobs: JobsFacade;
  targets: TargetService;
  exports: ExportService;
  /** R-DAY-1 morning meeting, R-DAY-2 roster and Feishu leave. */
  day: DayServices;
  /** R-POOL-1 recall to the public pool. */
  recall: RecallService;
  /** R-DAY-3 call log and R-DAY-4 follow-ups by grade. */
  calls: CallService;
  followUps: FollowUpService;
  /** R-UNIT-1 … R-UNIT-3: units, the leasing map, renewals. */
  units: UnitService;
}

export interface FeatureDeps {
  services: Services;
  menu: Menu;
  config: AppConfig;
  clock: Clock;
}

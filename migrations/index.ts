import { CreateBackbone1763800000000 } from './1763800000000-CreateBackbone.js';
import { CreateClient1763800000100 } from './1763800000100-CreateClient.js';
import { CreateRotation1763800000200 } from './1763800000200-CreateRotation.js';
import { CreateForms1763800000300 } from './1763800000300-CreateForms.js';
import { CreateApprovals1763800000400 } from './1763800000400-CreateApprovals.js';
import { CreateFieldVisits1763800000410 } from './1763800000410-CreateFieldVisits.js';
import { CreateTiersAndMaterials1763800000420 } from './1763800000420-CreateTiersAndMaterials.js';
import { CreateJobRun1763800000500 } from './1763800000500-CreateJobRun.js';
import { AddDigestIndexes1763800000510 } from './1763800000510-AddDigestIndexes.js';
import { CreateTargets1763800000600 } from './1763800000600-CreateTargets.js';
import { CreateContractOpening1763800000610 } from './1763800000610-CreateContractOpening.js';
import { AddOutboxReplyTo1763800000900 } from './1763800000900-AddOutboxReplyTo.js';
import { AddApprovalEscalation1763800001100 } from './1763800001100-AddApprovalEscalation.js';
import { CreateCallLog1763800001200 } from './1763800001200-CreateCallLog.js';
import { CreateWorkingDay1763800001300 } from './1763800001300-CreateWorkingDay.js';
import { CreateRecallLock1763800001310 } from './1763800001310-CreateRecallLock.js';
import { AddRecallIndexes1763800001320 } from './1763800001320-AddRecallIndexes.js';
import { CreateUnits1763800001400 } from './1763800001400-CreateUnits.js';
import { CreateReviewAndFeedback1763800001500 } from './1763800001500-CreateReviewAndFeedback.js';
import { AddDevelopmentIndex1763800001510 } from './1763800001510-AddDevelopmentIndex.js';
import { AddFunnelFormIndexes1763800001520 } from './1763800001520-AddFunnelFormIndexes.js';

/** Explicit order, by timestamp: one list serves MySQL/MariaDB and SQLite. Features append their migrations here. */
export const migrations = [
  CreateBackbone1763800000000,
  CreateClient1763800000100,
  CreateRotation1763800000200,
  CreateForms1763800000300,
  CreateApprovals1763800000400,
  CreateFieldVisits1763800000410,
  CreateTiersAndMaterials1763800000420,
  CreateJobRun1763800000500,
  AddDigestIndexes1763800000510,
  CreateTargets1763800000600,
  CreateContractOpening1763800000610,
  AddOutboxReplyTo1763800000900,
  AddApprovalEscalation1763800001100,
  CreateCallLog1763800001200,
  CreateWorkingDay1763800001300,
  CreateRecallLock1763800001310,
  AddRecallIndexes1763800001320,
  CreateUnits1763800001400,
  CreateReviewAndFeedback1763800001500,
  AddDevelopmentIndex1763800001510,
  AddFunnelFormIndexes1763800001520,
];

import type { Grade } from '../clients/client.js';

/** A client a follow-up cadence applies to: an agent's open client (意向 / 跟进中) with a grade. */
export interface FollowUpCandidate {
  id: number;
  name: string;
  shopName: string | null;
  grade: Grade | null;
  ownerOpenId: string;
  createdAt: Date;
}

/** One client to follow up (R-DAY-4), as the lists show it. */
export interface FollowUpItem {
  clientId: number;
  clientName: string;
  grade: Grade;
  /** The local day of the last contact (or of the registration, when nobody contacted it since). */
  lastContactDate: string;
  /** Days since that contact. */
  days: number;
  dueDate: string;
}

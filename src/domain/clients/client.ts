/** A client of the department (shop owner or manufacturer) and who owns it. */
export const PIPELINE_STATES = ['intent', 'following', 'deposit', 'signed', 'lost'] as const;
export type PipelineState = (typeof PIPELINE_STATES)[number];
export const GRADES = ['A', 'B', 'C', 'D'] as const;
export type Grade = (typeof GRADES)[number];
export const CLIENT_TYPES = ['merchant', 'manufacturer'] as const;
export type ClientType = (typeof CLIENT_TYPES)[number];

/** Who a client belongs to: an agent (open_id) or the department's public pool (R-ATT-4). */
export type Owner = { kind: 'agent'; openId: string } | { kind: 'pool' };

export interface Client {
  id: number;
  /** DJ-20261122-003: sequential per day, never skipping. */
  regNo: string | null;
  name: string;
  shopName: string | null;
  contactPerson: string | null;
  /** Normalised (see phone.ts); unique in the department when set. */
  phone: string | null;
  category: string | null;
  clientType: ClientType | null;
  source: string | null;
  grade: Grade | null;
  state: PipelineState;
  lostReason: string | null;
  owner: Owner;
  createdAt: Date;
  updatedAt: Date;
}

export type NewClient = Omit<Client, 'id' | 'createdAt' | 'updatedAt' | 'regNo' | 'state' | 'lostReason'> &
  Partial<Pick<Client, 'state' | 'regNo'>>;

export interface ClientSearch {
  text?: string;
  ownerOpenId?: string;
  grade?: Grade;
  state?: PipelineState;
  offset?: number;
  limit?: number;
}

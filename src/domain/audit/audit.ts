/**
 * R-AUD-1: every change of ownership, approval, rotation change and manager decision is kept.
 * Entries are written by the service inside the same transaction as the change they describe,
 * and are never updated or deleted.
 */
export interface AuditEntry {
  actor: string | null;
  action: string;
  subjectType: string;
  subjectId: string;
  before?: unknown;
  after?: unknown;
  rule?: string;
  note?: string;
}

export interface AuditRecord extends AuditEntry {
  id: number;
  at: Date;
}

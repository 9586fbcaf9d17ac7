import type { AuditEntry, AuditRecord } from './audit.js';

export interface AuditRepository {
  append(entry: AuditEntry, at: Date): Promise<void>;
  list(filter: {
    subjectType?: string;
    subjectId?: string;
    from?: Date;
    to?: Date;
    limit?: number;
  }): Promise<AuditRecord[]>;
}

import { addDays, startOfLocalDay } from '../../domain/shared/zoned-time.js';
import { FIELD_VISIT } from '../../domain/field-visits/field-visit.service.js';
import type { ReviewRecordSource } from '../ports.js';

/**
 * R-DIG-3: the manager's review record for the month, read from the audit log (R-AUD-1) — visit
 * logs marked 已阅 (R-FV-2) and field-visit plans decided (R-FV-1) — plus the logs still unread.
 */
export function reviewRecordSource(timezone: string): ReviewRecordSource {
  return {
    async reviews(tx, { from, to }) {
      const range = {
        from: startOfLocalDay(from, timezone),
        to: startOfLocalDay(addDays(to, 1), timezone),
        limit: 100_000,
      };
      const logs = await tx.audit.list({ subjectType: 'visit_log', ...range });
      const decisions = await tx.audit.list({ subjectType: 'approval', ...range });
      return {
        logsReviewed: logs.filter((a) => a.action === 'visit_log.reviewed').length,
        logsPending: (await tx.fieldVisits.listUnreviewed(1)).total,
        plansDecided: decisions.filter(
          (a) => a.action !== 'approval.requested' && (a.after as { kind?: string } | undefined)?.kind === FIELD_VISIT,
        ).length,
      };
    },
  };
}

/**
 * Per-agent activity over a date range, for the digests (R-DIG-1…3). Counts only — never a client's
 * phone or contact, so what comes out of here is safe for a group chat (R-INFO-2).
 */
export interface AgentActivity {
  agentOpenId: string;
  walkIns: number;
  passes: number;
  registrations: number;
  revisitsDone: number;
  revisitsOverdue: number;
  deposits: number;
  signed: number;
  formsFiled: number;
  formsLate: number;
  formsIncomplete: number;
  /** R-FORM-3: owed forms whose deadline passed in the range and that were never filed (缺交). */
  formsMissing: number;
  /** R-FORM-2: forms filed in the range that the manager flagged as false information. */
  formsFlagged: number;
}

export interface ActivityReport {
  agents: AgentActivity[];
  /** Walk-ins and contracts of the public pool (部门公共业绩, R-ATT-4). */
  pool: { walkIns: number; signed: number };
}

export function emptyActivity(agentOpenId: string): AgentActivity {
  return {
    agentOpenId,
    walkIns: 0,
    passes: 0,
    registrations: 0,
    revisitsDone: 0,
    revisitsOverdue: 0,
    deposits: 0,
    signed: 0,
    formsFiled: 0,
    formsLate: 0,
    formsIncomplete: 0,
    formsMissing: 0,
    formsFlagged: 0,
  };
}

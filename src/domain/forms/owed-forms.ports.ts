/**
 * R-FORM-3: the facts a form is owed from, read straight from the tables that record them (walk-ins,
 * approved field-visit plans, signing plans, signed contracts, revisits) next to what was filed. The
 * owed list itself is never stored: owed-forms.rules.ts derives it from these facts every time, so it
 * cannot drift from the events.
 */

/** A walk-in an agent received (accepted from the rotation, or sent to them directly): owes a visitor registration. */
export interface ReceivedWalkIn {
  walkInId: number;
  agentOpenId: string;
  clientId: number | null;
  /** The client's name on record, else the name the front desk typed; null when neither is known yet. */
  clientName: string | null;
  day: string;
  acceptedAt: Date;
}

/** One stored 来访客户登记表 (form_record kind `visitor`). */
export interface VisitorFiling {
  id: number;
  agentOpenId: string | null;
  clientId: number | null;
  filedAt: Date;
  /** The walk-in the form was opened from (its button), when it was. */
  walkInId: number | null;
  /** `created` (a new registration number), `returning`, `duplicate` (撞单, refused). */
  outcome: string | null;
  late: boolean;
  incomplete: boolean;
  flagged: boolean;
  /** What the agent typed (the payload without the bot's own keys): a second identical submission is a double tap. */
  values: Record<string, unknown>;
}

/** An approved 走访计划: owes a 走访日志. */
export interface ApprovedVisit {
  planId: number;
  agentOpenId: string;
  visitDate: string;
  /** Client names and places of the plan, in order. */
  subjects: string[];
  logFiledAt: Date | null;
}

/** A deposit (recorded by its signing plan): owes the 合同计划签订表 itself. */
export interface DepositFact {
  signingPlanId: number;
  agentOpenId: string;
  clientId: number;
  clientName: string | null;
  paidDate: string;
  /** When the signing plan was filed (the deposit is only known through it). */
  planFiledAt: Date;
}

/** A signed contract (entered by the front desk): owes the agent's 合同领取表. */
export interface SignedContractFact {
  contractNo: string;
  agentOpenId: string;
  clientId: number;
  clientName: string | null;
  signedDate: string;
  /** When the front desk entered it: the contract was handed over, so the collection form was due by then (R-CON-2). */
  enteredAt: Date;
  collectedAt: Date | null;
}

/** A planned revisit: owes its outcome (done / rescheduled / lost) by the end of its day (R-REV-2). */
export interface RevisitFact {
  revisitId: number;
  agentOpenId: string;
  clientId: number;
  clientName: string | null;
  dueDate: string;
  resolvedAt: Date | null;
}

export interface OwedFormFacts {
  walkIns: ReceivedWalkIn[];
  /** Visitor forms filed from the start of the range on (a late form may come days after the walk-in). */
  visitorFilings: VisitorFiling[];
  visits: ApprovedVisit[];
  deposits: DepositFact[];
  contracts: SignedContractFact[];
  revisits: RevisitFact[];
}

export interface OwedFormSource {
  /**
   * Facts of local days [from, to] (walk-in day, visit date, paid date, signing date, revisit due date),
   * optionally for one agent. `fromAt` is the start of `from`: visitor forms filed from then on come along.
   */
  owedFormFacts(range: { from: string; to: string; fromAt: Date; agentOpenId?: string }): Promise<OwedFormFacts>;
}

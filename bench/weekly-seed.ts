/**
 * Seeds the weekly-summary benchmark schema on MariaDB with SQL only (INSERT … SELECT over MariaDB's
 * sequence engine `seq_1_to_N`), so a million rows take seconds: 100 agents, 100k clients and about
 * 1M activity rows over the year to 2026-11-22 — form records, revisits, walk-ins, rotation days,
 * signing plans and signed contracts. Re-running on a seeded schema does nothing.
 */
import type { DataSource } from 'typeorm';

export const SEED = {
  agents: 100,
  clients: 100_000,
  forms: 450_000,
  revisits: 300_000,
  walkIns: 150_000,
  signingPlans: 60_000,
  signed: 40_000,
  days: 365,
  firstDay: '2025-11-23',
};

const agentExpr = (seq: string) => `CONCAT('ou_bench_agent_', LPAD(${seq} % ${SEED.agents}, 3, '0'))`;
const dayExpr = (seq: string, spread = 1) =>
  `DATE_FORMAT(DATE_ADD('${SEED.firstDay}', INTERVAL ((${seq} * ${spread}) % ${SEED.days}) DAY), '%Y-%m-%d')`;
/** An instant on that day in Shanghai working hours, stored UTC (01:00–09:59Z). */
const timeExpr = (seq: string, spread = 1) =>
  `TIMESTAMP(DATE_ADD('${SEED.firstDay}', INTERVAL ((${seq} * ${spread}) % ${SEED.days}) DAY), SEC_TO_TIME(3600 + (${seq} * 7919) % 32400))`;

export async function seedWeekly(ds: DataSource, log: (s: string) => void): Promise<void> {
  const [{ n }] = await ds.query('SELECT COUNT(*) AS n FROM form_record');
  if (Number(n) === SEED.forms) return log('already seeded');
  for (const t of [
    'signed_contract',
    'signing_plan',
    'rotation_member',
    'walk_in',
    'revisit',
    'form_record',
    'client',
    'member',
  ])
    await ds.query(`DELETE FROM ${t}`);
  const step = async (label: string, sql: string) => {
    const t0 = Date.now();
    await ds.query(sql);
    log(`${label}: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  };
  await step(
    'members',
    `INSERT INTO member (open_id, name, roles, active, name_refreshed_at, created_at, updated_at)
    SELECT ${agentExpr('seq')}, CONCAT('招商', seq), ',agent,', 1, NULL, NOW(3), NOW(3) FROM seq_0_to_${SEED.agents - 1}`,
  );
  await step(
    'clients',
    `INSERT INTO client (reg_no, name, shop_name, contact_person, phone, phone_rev, category, client_type, source, grade, state, lost_reason, owner_kind, owner_open_id, created_at, updated_at)
    SELECT CONCAT('DJ-B-', seq), CONCAT('客户', seq), NULL, NULL, CONCAT('139', LPAD(seq, 8, '0')), REVERSE(CONCAT('139', LPAD(seq, 8, '0'))), '建材', 'merchant', 'walk_in', ELT(1 + seq % 4, 'A', 'B', 'C', 'D'),
      ELT(1 + seq % 5, 'intent', 'following', 'deposit', 'signed', 'lost'), NULL, IF(seq % 20 = 0, 'pool', 'agent'), IF(seq % 20 = 0, NULL, ${agentExpr('seq')}), ${timeExpr('seq')}, ${timeExpr('seq')}
    FROM seq_1_to_${SEED.clients}`,
  );
  await step(
    'form records',
    `INSERT INTO form_record (kind, client_id, agent_open_id, filed_by, filed_at, due_at, late, incomplete, missing_fields, flagged, flag_reason, flagged_by, flagged_at, ref_id, dedupe_key, payload_json)
    SELECT ELT(1 + seq % 6, 'visitor', 'revisit_plan', 'revisit_outcome', 'signing_plan', 'collection', 'signed_contract'), 1 + seq % ${SEED.clients}, ${agentExpr('seq')}, ${agentExpr('seq')},
      ${timeExpr('seq', 7)}, NULL, seq % 11 = 0, seq % 17 = 0, NULL, 0, NULL, NULL, NULL, NULL, NULL, '{}'
    FROM seq_1_to_${SEED.forms}`,
  );
  await step(
    'revisits',
    `INSERT INTO revisit (client_id, agent_open_id, due_date, purpose, status, outcome_note, rescheduled_from_id, resolved_by, resolved_at, created_at)
    SELECT 1 + seq % ${SEED.clients}, ${agentExpr('seq')}, ${dayExpr('seq', 3)}, NULL, ELT(1 + seq % 4, 'planned', 'done', 'done', 'rescheduled'), NULL, NULL,
      IF(seq % 4 = 0, NULL, ${agentExpr('seq')}), IF(seq % 4 = 0, NULL, ${timeExpr('seq', 3)}), ${timeExpr('seq', 3)}
    FROM seq_1_to_${SEED.revisits}`,
  );
  await step(
    'walk-ins',
    `INSERT INTO walk_in (day, registered_by, arrived_at, name, phone_typed, phone, card_agent, leader_referral, note, rule, status, owner_open_id, client_id, decided_at)
    SELECT ${dayExpr('seq', 5)}, 'ou_bench_desk', ${timeExpr('seq', 5)}, NULL, NULL, NULL, NULL, 0, NULL, 'R-ATT-1', ELT(1 + seq % 10, 'pool', 'accepted', 'assigned', 'assigned', 'assigned', 'assigned', 'assigned', 'assigned', 'assigned', 'assigned'),
      IF(seq % 10 = 0, NULL, ${agentExpr('seq')}), 1 + seq % ${SEED.clients}, ${timeExpr('seq', 5)}
    FROM seq_1_to_${SEED.walkIns}`,
  );
  await step(
    'rotation days',
    `INSERT INTO rotation_member (day, open_id, on_duty, busy_walk_in_id, offered_walk_in_id, turns, seq, received, passed, updated_at)
    SELECT ${dayExpr('d.seq')}, ${agentExpr('a.seq')}, 1, NULL, NULL, 3, a.seq, 4, (a.seq + d.seq) % 3, NOW(3)
    FROM seq_0_to_${SEED.days - 1} d CROSS JOIN seq_0_to_${SEED.agents - 1} a`,
  );
  await step(
    'signing plans',
    `INSERT INTO signing_plan (client_id, agent_open_id, deposit_amount, paid_date, signing_date, unit, status, created_at)
    SELECT 1 + seq % ${SEED.clients}, ${agentExpr('seq')}, 20000, ${dayExpr('seq', 11)}, ${dayExpr('seq + 7', 11)}, 'A-1', 'planned', ${timeExpr('seq', 11)}
    FROM seq_1_to_${SEED.signingPlans}`,
  );
  await step(
    'signed contracts',
    `INSERT INTO signed_contract (contract_no, client_id, agent_open_id, signed_date, unit, area, monthly_rent, collection_id, entered_by, created_at)
    SELECT CONCAT('HT-B-', seq), 1 + seq % ${SEED.clients}, IF(seq % 25 = 0, NULL, ${agentExpr('seq')}), ${dayExpr('seq', 13)}, 'A-1', 50, 8000, NULL, 'ou_bench_desk', ${timeExpr('seq', 13)}
    FROM seq_1_to_${SEED.signed}`,
  );
  await ds.query('ANALYZE TABLE client, form_record, revisit, walk_in, rotation_member, signing_plan, signed_contract');
}

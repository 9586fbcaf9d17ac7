import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config.js';
import type { Client } from '../../../src/domain/clients/client.js';
import type { Member } from '../../../src/domain/members/roles.js';
import { UnitService } from '../../../src/domain/units/unit.service.js';
import { unitSettings } from '../../../src/jobs/unit-renewals.job.js';
import { domainError, formErrors, openFormsFixture, type FormsFixture } from '../forms/forms-fixture.js';

const row = (n: number, cells: string[]) => ({ row: n, cells });

/** R-UNIT-1 … R-UNIT-3 against the real database (run on SQLite and MariaDB). */
describe('units', () => {
  let f: FormsFixture;
  let units: UnitService;
  let admin: Member;
  let li: Member;
  let zhou: Member;
  let desk: Member;
  let wang: Client;
  let chen: Client;

  beforeAll(async () => {
    f = await openFormsFixture();
    const config = loadConfig({});
    units = new UnitService({ clock: f.clock, settings: unitSettings(config.settings, 'Asia/Shanghai') });
    f.forms.signingPlan.useUnits(units);
    f.forms.signedContract.useUnits(units);
    admin = await f.addMember('ou_u_admin', '管理员', ['admin']);
    li = await f.addMember('ou_u_li', '李四', ['agent']);
    zhou = await f.addMember('ou_u_zhou', '周五', ['agent']);
    desk = await f.addMember('ou_u_desk', '孙前台', ['front_desk']);
    wang = await f.register(li, { name: '老王五金', phone: '13800000001' });
    chen = await f.register(zhou, { name: '陈记灯具', phone: '13800000002' });
  });
  afterAll(async () => f?.close());

  const count = async (sql: string) => Number((await f.t.ds.query(sql))[0].n);

  it('R-UNIT-1: an import with bad rows reports every bad row by number and imports nothing', async () => {
    const res = await f.run((tx) =>
      units.importRows(tx, admin, [
        row(2, ['A栋', '1F', '101', '120.5', '18000', '空置']),
        row(3, ['A栋', '1F', '', '80', '9000', '']),
        row(4, ['A栋', '1F', '103', '八十', '9000', '']),
        row(5, ['A栋', '1F', '101', '60', '7000', '']),
        row(6, ['A栋', '1F', '104', '60', '7000', '已租']),
        row(7, ['', '', '', '', '', '']),
      ]),
    );
    expect(res.ok).toBe(false);
    if (res.ok) return;
    expect(res.issues.map((i) => [i.row, i.key])).toEqual([
      [3, 'unit.err.missing'],
      [4, 'unit.err.amount'],
      [5, 'unit.err.dup_in_file'],
      [6, 'unit.err.status'],
    ]);
    expect(res.rows).toBe(5);
    expect(await count('SELECT COUNT(*) AS n FROM unit')).toBe(0);
  });

  it('R-UNIT-1: an import with good rows imports them all; a second import of one of them is refused whole', async () => {
    const rows = [row(2, ['A栋', '1F', '101', '120.5', '18000', '空置'])];
    for (let i = 0; i < 9; i++)
      rows.push(row(3 + i, ['A栋', '2F', `20${i + 1}`, '85.5', '12,000', i === 0 ? '意向' : '']));
    const res = await f.run((tx) => units.importRows(tx, admin, rows));
    expect(res.ok && res.units.length).toBe(10);
    expect(await count(`SELECT COUNT(*) AS n FROM unit WHERE status = 'intent'`)).toBe(1);
    const again = await f.run((tx) =>
      units.importRows(tx, admin, [
        row(2, ['Ａ栋', '1f', '101', '1', '1', '']),
        row(3, ['B栋', '1F', '101', '1', '1', '']),
      ]),
    );
    expect(again.ok ? [] : again.issues.map((i) => [i.row, i.key])).toEqual([[2, 'unit.err.exists']]);
    expect(await count('SELECT COUNT(*) AS n FROM unit')).toBe(10);
    // An agent may not import.
    expect(await domainError(() => f.run((tx) => units.importRows(tx, li, rows)))).toBe('error.forbidden_role');
  });

  it('R-UNIT-1: a unit added in chat', async () => {
    const u = await f.run((tx) => units.addFromText(tx, admin, 'B栋 B1 001 300 45000'));
    expect(u).toMatchObject({ building: 'B栋', floor: 'B1', number: '001', areaSqm: 300, standardRent: 45000 });
    expect(await domainError(() => f.run((tx) => units.addFromText(tx, admin, 'B栋 B1 001 1 1')))).toBe(
      'unit.err.exists',
    );
    expect(await domainError(() => f.run((tx) => units.addFromText(tx, admin, 'B栋 B1')))).toBe('unit.add.usage');
  });

  it('R-UNIT-1: two agents reserving one unit at the same instant: one wins, the other is told', async () => {
    const id = Number((await f.t.ds.query(`SELECT id FROM unit WHERE number = '201'`))[0].id);
    const plan = (agent: Member, client: Client) =>
      f.run((tx) =>
        f.forms.signingPlan.submit(tx, agent, client.id, {
          deposit: '20000',
          paid_date: '2026-11-22',
          signing_date: '2026-11-30',
          unit_pick: String(id),
        }),
      );
    const results = await Promise.allSettled([plan(li, wang), plan(zhou, chen)]);
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r) => r.status === 'rejected') as PromiseRejectedResult[];
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect((lost[0]!.reason as { fields: Record<string, { key: string }> }).fields.unit_pick!.key).toBe(
      'unit.form.taken',
    );
    const u = (await f.t.ds.query(`SELECT status, client_id FROM unit WHERE id = ${id}`))[0];
    expect(u.status).toBe('reserved');
    const winner = (won[0] as PromiseFulfilledResult<{ client: Client; plan: { unit: string } }>).value;
    expect(Number(u.client_id)).toBe(winner.client.id);
    expect(winner.plan.unit).toBe('A栋 2F 201');
    // The loser's plan was rolled back with it: one plan only.
    expect(await count('SELECT COUNT(*) AS n FROM signing_plan')).toBe(1);
  });

  it('R-UNIT-1: a unit typed in the plan is reserved too; an ambiguous number is asked again', async () => {
    const loser = (await f.t.ds.query(`SELECT client_id FROM unit WHERE number = '201'`))[0].client_id;
    const other = Number(loser) === wang.id ? chen : wang;
    const agent = other.id === wang.id ? li : zhou;
    expect(
      await formErrors(() =>
        f.run((tx) =>
          f.forms.signingPlan.submit(tx, agent, other.id, {
            deposit: '1000',
            paid_date: '2026-11-22',
            signing_date: '2026-11-30',
            unit: 'A栋 2F 201',
          }),
        ),
      ),
    ).toEqual({ unit: 'unit.form.taken' });
    await f.run((tx) =>
      f.forms.signingPlan.submit(tx, agent, other.id, {
        deposit: '1000',
        paid_date: '2026-11-22',
        signing_date: '2026-11-30',
        unit: '2f 202',
      }),
    );
    expect((await f.t.ds.query(`SELECT status FROM unit WHERE number = '202'`))[0].status).toBe('reserved');
  });

  it('R-UNIT-1: a signed contract leases its unit (已租) with start and end; another client is refused it', async () => {
    const holder = Number((await f.t.ds.query(`SELECT client_id FROM unit WHERE number = '201'`))[0].client_id);
    const other = holder === wang.id ? chen : wang;
    const sign = (no: string, phone: string, unit: string) =>
      f.run((tx) =>
        f.forms.signedContract.submit(tx, desk, {
          contract_no: no,
          client: phone,
          signed_date: '2026-11-22',
          unit,
          area: '85.5',
          rent: '11000',
        }),
      );
    const holderPhone = holder === wang.id ? '13800000001' : '13800000002';
    const otherPhone = holder === wang.id ? '13800000002' : '13800000001';
    expect(await formErrors(() => sign('HT-U-0', otherPhone, 'A栋 2F 201'))).toEqual({ unit: 'unit.form.lease_taken' });
    await sign('HT-U-1', holderPhone, 'A栋 2F 201');
    const u = (await f.t.ds.query(`SELECT * FROM unit WHERE number = '201'`))[0];
    expect(u).toMatchObject({
      status: 'leased',
      contract_no: 'HT-U-1',
      lease_start: '2026-11-22',
      lease_end: '2029-11-21',
    });
    expect(Number(u.monthly_rent)).toBe(11000);
    expect(Number(u.client_id)).toBe(holder);
    expect(other.id).not.toBe(holder);
  });

  it('R-UNIT-2: the leasing map counts each status, vacancy, occupancy and rent income', async () => {
    const m = await f.run((tx) => units.map(tx, 0));
    expect(m.floors.map((x) => `${x.building}${x.floor}:${x.units}`)).toEqual(['A栋1F:1', 'A栋2F:9', 'B栋B1:1']);
    expect(m.all).toMatchObject({
      total: 11,
      byStatus: { vacant: 9, intent: 0, reserved: 1, leased: 1, expiring: 0 },
      rentIncome: 11000,
      leasedArea: 85.5,
    });
    const floor2 = await f.run((tx) => units.map(tx, 1));
    expect(floor2.units.map((u) => u.number)).toEqual(['201', '202', '203', '204', '205', '206', '207', '208', '209']);
    expect(floor2.floorStats.total).toBe(9);
    expect(floor2.units[0]!.clientName).toBeTruthy();
  });

  it('R-UNIT-3: a lease ending within 90 days is listed until renewed; a renewal moves its end and it is gone', async () => {
    expect(await f.run((tx) => units.expiring(tx))).toHaveLength(0);
    f.clock.set('2029-09-01T02:00:00Z');
    const list = await f.run((tx) => units.expiring(tx));
    expect(list.map((u) => u.contractNo)).toEqual(['HT-U-1']);
    const m = await f.run((tx) => units.map(tx, 1));
    expect(m.floorStats.byStatus.expiring).toBe(1);
    // Renewal: a new contract for the same client on the same unit.
    const holder = Number((await f.t.ds.query(`SELECT client_id FROM unit WHERE number = '201'`))[0].client_id);
    await f.run((tx) =>
      f.forms.signedContract.submit(tx, desk, {
        contract_no: 'HT-U-2',
        client: holder === wang.id ? '13800000001' : '13800000002',
        signed_date: '2029-09-01',
        unit: 'A栋 2F 201',
        area: '85.5',
        rent: '12000',
      }),
    );
    expect(await f.run((tx) => units.expiring(tx))).toHaveLength(0);
    const u = (await f.t.ds.query(`SELECT contract_no, lease_end FROM unit WHERE number = '201'`))[0];
    expect(u).toMatchObject({ contract_no: 'HT-U-2', lease_end: '2032-08-31' });
  });

  it('R-UNIT-3: 释放 puts the unit back to 空置 and it leaves the list; a stale 释放 is refused', async () => {
    f.clock.set('2032-07-01T02:00:00Z');
    const [u] = await f.run((tx) => units.expiring(tx));
    expect(u?.contractNo).toBe('HT-U-2');
    // Another agent may not release it.
    const notMine = u!.agentOpenId === li.openId ? zhou : li;
    expect(await domainError(() => f.run((tx) => units.release(tx, notMine, u!.id, 'HT-U-2')))).toBe(
      'error.forbidden_role',
    );
    const owner = u!.agentOpenId === li.openId ? li : zhou;
    const freed = await f.run((tx) => units.release(tx, owner, u!.id, 'HT-U-2'));
    expect(freed).toMatchObject({ status: 'vacant', clientId: null, contractNo: null, leaseEnd: null });
    expect(await f.run((tx) => units.expiring(tx))).toHaveLength(0);
    expect(await domainError(() => f.run((tx) => units.release(tx, owner, u!.id, 'HT-U-2')))).toBe(
      'unit.release.stale',
    );
  });

  it('R-UNIT-2: the month report stores a snapshot once and reads last month back', async () => {
    const first = await f.run((tx) => units.monthReport(tx, '2032-06', '2032-05'));
    expect(first.previous).toBeUndefined();
    expect(first.now).toMatchObject({ month: '2032-06', total: 11, leased: 0 });
    const next = await f.run((tx) => units.monthReport(tx, '2032-07', '2032-06'));
    expect(next.previous).toMatchObject({ month: '2032-06', total: 11 });
    await f.run((tx) => units.monthReport(tx, '2032-07', '2032-06'));
    expect(await count('SELECT COUNT(*) AS n FROM unit_month_snapshot')).toBe(2);
  });
});

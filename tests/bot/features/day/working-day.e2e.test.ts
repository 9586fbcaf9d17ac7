import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unescapeMd } from '../../../../src/bot/cards/safe-text.js';
import { ManualClock } from '../../../../src/domain/shared/clock.js';
import { SETTING_DEPARTMENT_CHAT } from '../../../../src/domain/shared/settings.js';
import { zonedToUtc } from '../../../../src/domain/shared/zoned-time.js';
import { TEST_TOKEN } from '../../../helpers/lark-request.js';
import { startTestApp, type TestApp } from '../../../helpers/test-app.js';

const DESK = 'ou_wd_desk';
const MGR = 'ou_wd_mgr';
const A1 = 'ou_wd_agent1';
const A2 = 'ou_wd_agent2';
const A3 = 'ou_wd_agent3';
const CHAT = 'oc_wd_dept';
const SH = 'Asia/Shanghai';
const at = (date: string, h: number, m = 0) => zonedToUtc(date, h, m, 0, SH);

/** Feishu's legacy v1.0 approval events, as its 审批 app pushes them (请假审批 / 外出审批 pages). */
let uuid = 0;
const leaveEvent = (type: string, event: Record<string, unknown>) => ({
  uuid: `wd-leave-${++uuid}`,
  ts: '1764000000.123',
  token: TEST_TOKEN,
  type: 'event_callback',
  event: { app_id: 'cli_test', tenant_key: 'tk_test', type, ...event },
});
const leaveApproved = (instance: string, openId: string, start: string, end: string, type = 'leave_approvalV2') =>
  leaveEvent(type, {
    instance_code: instance,
    open_id: openId,
    user_id: 'u_x',
    leave_name: '@i18n@leave_name',
    leave_unit: 'HOUR',
    leave_start_time: start,
    leave_end_time: end,
    leave_interval: 10800,
    leave_reason: '看病',
    i18n_resources: [{ locale: 'zh_cn', is_default: true, texts: { '@i18n@leave_name': '事假' } }],
  });

/**
 * R-DAY-1 / R-DAY-2 end to end through the webhook: a holiday without a meeting, the roster set by the
 * desk and copied forward, the rotation starting from it, the 08:20 agenda and the minutes, a Feishu
 * leave taking an agent off the rotation for its hours (across midday) and a revoked leave.
 */
describe('the working day: roster, Feishu leave, morning meeting', () => {
  let t: TestApp;
  const clock = new ManualClock(at('2026-10-01', 8, 0)); // 国庆 holiday (config/settings.json)

  beforeAll(async () => {
    t = await startTestApp({
      clock,
      members: {
        [DESK]: { name: '前台小王', roles: ['front_desk'] },
        [MGR]: { name: '李经理', roles: ['manager'] },
        [A1]: { name: '张招商', roles: ['agent'] },
        [A2]: { name: '周招商', roles: ['agent'] },
        [A3]: { name: '吴招商', roles: ['agent'] },
      },
    });
    await t.app.uow.run((tx) => tx.settings.set(SETTING_DEPARTMENT_CHAT, CHAT));
  });
  afterAll(async () => t?.close());

  const q = (sql: string, params: unknown[] = []) => t.app.ds.query(sql, params) as Promise<any[]>;
  const tick = async (when: Date, job: string) => {
    clock.set(when);
    const report = await t.app.services.jobs.scheduler.tick(job);
    await t.delivered();
    return report;
  };
  const cards = (to: string) => t.lark.cardsTo(to).map((c) => unescapeMd(JSON.stringify(c)));
  const lastReply = () => unescapeMd(JSON.stringify(t.lark.messages.at(-1)!.current));
  const ledger = (day: string) =>
    t.app.uow.run(async (tx) => (await t.app.services.rotation.ledger(tx, day)).entries.map((e) => e.event));
  const onDuty = async (day: string) => {
    const rec = await t.app.uow.run((tx) => tx.rotation.findDay(day));
    return Object.fromEntries(rec!.state.members.map((m) => [m.openId, m.onDuty]));
  };
  const arrive = async (name: string) => {
    const body = await t.click(
      DESK,
      { a: 'reception.arrive' },
      { formValue: { name, phone: '', card_agent: 'none', leader: 'no', note: '' } },
    );
    await t.delivered();
    return body;
  };
  const offeredTo = async (name: string) => {
    const [row] = await q(
      `SELECT o.agent FROM rotation_offer o JOIN walk_in w ON w.id = o.walk_in_id WHERE w.name = ? ORDER BY o.id DESC`,
      [name],
    );
    return row?.agent as string | undefined;
  };

  it('R-DAY-1: no agenda on a holiday', async () => {
    const report = await tick(at('2026-10-01', 8, 20), 'morningMeeting');
    expect(report).toEqual([]);
    expect(t.lark.cardsTo(CHAT)).toHaveLength(0);
  });

  it('R-DAY-2: the desk sets the week on the roster card; an agent may not; the next week copies it forward', async () => {
    clock.set(at('2026-11-23', 7, 30)); // Monday
    await t.say(A1, '排班表');
    expect(JSON.stringify(t.lark.messages.at(-1)!.current)).toContain('需要：前台、招商部经理');

    await t.say(DESK, '排班表');
    expect(lastReply()).toContain('排班表 · 11月第4周 11.23–11.29');
    // Bad input comes back filled in: on duty and off the same day.
    const bad = await t.click(
      DESK,
      { a: 'roster.save', date: '2026-11-23' },
      { formValue: { duty_1: A2, off_1: [A2] } },
    );
    expect(bad.toast.type).toBe('error');
    expect(JSON.stringify(bad.card.data)).toContain('同一天不能既值班又休息');
    expect(await t.app.uow.run((tx) => tx.settings.get('day.roster'))).toBeUndefined();

    const ok = await t.click(
      DESK,
      { a: 'roster.save', date: '2026-11-23' },
      { formValue: { duty_1: A2, off_1: [], duty_2: A1, off_2: [A3] } },
    );
    expect(ok.toast.type).toBe('success');
    const next = await t.app.uow.run((tx) => t.app.services.day.roster.view(tx, '2026-11-30'));
    expect(next.copiedFrom).toBe('2026-W48');
    expect(next.days[1]).toEqual({ duty: A1, off: [A3] });
    const [audit] = await q(`SELECT actor FROM audit_log WHERE action = 'roster.saved'`);
    expect(audit.actor).toBe(DESK);
  });

  it('R-DAY-1: at 08:20 on a working day the group gets the agenda and the person on duty the minutes form', async () => {
    await tick(at('2026-11-23', 8, 0), 'rotationReset');
    await tick(at('2026-11-23', 8, 20), 'morningMeeting');
    const agenda = cards(CHAT).at(-1)!;
    expect(agenda).toContain('早例会 · 2026-11-23');
    expect(agenda).toContain('今日接待值班**：周招商');
    expect(agenda).toContain('昨日成果');
    expect(agenda).toContain('逾期事项');
    expect(cards(A2).at(-1)).toContain('会议纪要 · 2026-11-23');
    expect(cards(A1).some((c) => c.includes('会议纪要 · 2026-11-23'))).toBe(false);
    // Exactly once per day.
    await tick(at('2026-11-23', 8, 25), 'morningMeeting');
    expect(cards(CHAT).filter((c) => c.includes('早例会 · 2026-11-23'))).toHaveLength(1);
  });

  it('R-DAY-1: the minutes form → refused with the fields back, then filed and posted to the group; an assignment becomes a task', async () => {
    clock.set(at('2026-11-23', 9, 5));
    await t.say(A1, '会议纪要');
    expect(JSON.stringify(t.lark.messages.at(-1)!.current)).toContain('当天接待值班人或招商部经理');

    const bad = await t.click(
      A2,
      { a: 'minutes.file', day: '2026-11-23' },
      {
        formValue: {
          attendees: [A1, A2, MGR],
          points: '',
          as_agent_1: A1,
          as_text_1: '联系星光服饰',
          as_date_1: '2026-11-20 +0800',
        },
      },
    );
    expect(bad.toast.type).toBe('error');
    const back = JSON.stringify(bad.card.data);
    expect(back).toContain('请填写会议要点');
    expect(back).toContain('日期不能早于 2026-11-23');
    expect(back).toContain('联系星光服饰');
    expect((await q(`SELECT status FROM day_meeting WHERE day = '2026-11-23'`))[0].status).toBe('open');

    const ok = await t.click(
      A2,
      { a: 'minutes.file', day: '2026-11-23' },
      {
        formValue: {
          attendees: [A1, A2, MGR],
          points: '本周重点跟进 A 类客户',
          as_agent_1: A1,
          as_text_1: '联系星光服饰',
          as_date_1: '2026-11-24 +0800',
        },
      },
    );
    expect(ok.toast.type).toBe('success');
    await t.delivered();
    const posted = cards(CHAT).at(-1)!;
    expect(posted).toContain('会议纪要 · 2026-11-23');
    expect(posted).toContain('本周重点跟进 A 类客户');
    expect(posted).toContain('张招商：联系星光服饰（2026-11-24）');
    const [rec] = await q(`SELECT agent_open_id, late FROM form_record WHERE kind = 'meeting_minutes'`);
    expect(rec.agent_open_id).toBe(A2);
    expect(Boolean(rec.late)).toBe(false);
    // Filed once: a second submit is refused.
    const again = await t.click(
      A2,
      { a: 'minutes.file', day: '2026-11-23' },
      { formValue: { attendees: [A2], points: 'x' } },
    );
    expect(JSON.stringify(again)).toContain('已经提交过了');
  });

  it('R-DAY-2: a leave approval arriving → the agent is not offered walk-ins during it (across midday), back after', async () => {
    clock.set(at('2026-11-23', 9, 30));
    const approved = leaveApproved('LEAVE-1', A1, '2026-11-23 11:00:00', '2026-11-23 14:00:00');
    expect((await t.post(approved)).status).toBe(200);
    // Feishu sends leave_approval with the same instance too: one leave.
    await t.post(leaveApproved('LEAVE-1', A1, '2026-11-23 11:00:00', '2026-11-23 14:00:00', 'leave_approval'));
    await t.delivered();
    expect(await q(`SELECT name, status FROM day_leave`)).toEqual([{ name: '事假', status: 'approved' }]);
    expect((await onDuty('2026-11-23'))[A1]).toBe(true); // not yet

    clock.set(at('2026-11-23', 11, 30));
    await arrive('午前客户');
    expect(await offeredTo('午前客户')).not.toBe(A1);
    expect((await onDuty('2026-11-23'))[A1]).toBe(false);
    clock.set(at('2026-11-23', 12, 30));
    await arrive('午后客户');
    expect(await offeredTo('午后客户')).not.toBe(A1);

    clock.set(at('2026-11-23', 14, 5));
    await arrive('下午客户');
    expect(await offeredTo('下午客户')).toBe(A1);
    const duty = (await ledger('2026-11-23')).filter((e) => e.type === 'duty');
    expect(duty).toEqual([
      { type: 'duty', agent: A1, onDuty: false, source: 'feishu_leave' },
      { type: 'duty', agent: A1, onDuty: true, source: 'feishu_leave' },
    ]);
    // The day's ledger names the source.
    await t.say(DESK, '轮续记录');
    expect(lastReply()).toContain('飞书请假审批');
  });

  it('R-DAY-2: a revoked leave restores the agent at once', async () => {
    clock.set(at('2026-11-23', 15, 0));
    await t.post(
      leaveEvent('out_approval', {
        instance_code: 'OUT-2',
        open_id: A3,
        out_name: '外出',
        out_unit: 'HOUR',
        out_start_time: '2026-11-23 15:00:00',
        out_end_time: '2026-11-23 18:00:00',
      }),
    );
    await t.delivered();
    expect((await onDuty('2026-11-23'))[A3]).toBe(false);
    await t.post(leaveEvent('leave_approval_revert', { instance_code: 'OUT-2' }));
    await t.delivered();
    expect((await onDuty('2026-11-23'))[A3]).toBe(true);
    expect((await q(`SELECT status FROM day_leave WHERE instance_code = 'OUT-2'`))[0].status).toBe('revoked');
    const [audit] = await q(`SELECT COUNT(*) AS n FROM audit_log WHERE action = 'leave.revoked'`);
    expect(Number(audit.n)).toBe(1);
  });

  it('R-DAY-2: the next day the rotation starts from the roster (agents off are not on duty)', async () => {
    await tick(at('2026-11-24', 8, 0), 'rotationReset');
    const duty = await onDuty('2026-11-24');
    expect(duty[A3]).toBe(false);
    expect(duty[A1]).toBe(true);
    expect((await ledger('2026-11-24')).filter((e) => e.type === 'duty')).toEqual([
      { type: 'duty', agent: A3, onDuty: false, source: 'roster' },
    ]);
  });

  it('R-DAY-1: an assignment shows on the agent’s 09:00 list of its day', async () => {
    await tick(at('2026-11-24', 8, 20), 'morningMeeting');
    expect(cards(A1).at(-1)).toContain('会议纪要 · 2026-11-24'); // Tuesday's duty
    await tick(at('2026-11-24', 9, 0), 'revisitReminders');
    expect(cards(A1).at(-1)).toContain('联系星光服饰');
  });

  it('R-DAY-1: minutes missing at 10:00 are counted (R-FORM-1) and the manager is told', async () => {
    await tick(at('2026-11-24', 10, 0), 'minutesCheck');
    expect(cards(MGR).at(-1)).toContain('会议纪要未提交 · 2026-11-24');
    expect(cards(MGR).at(-1)).toContain('值班：张招商');
    const [rec] = await q(
      `SELECT agent_open_id, late, incomplete FROM form_record WHERE kind = 'meeting_minutes' AND dedupe_key = 'meeting_minutes:2026-11-24'`,
    );
    expect(rec.agent_open_id).toBe(A1);
    expect(Boolean(rec.late) && Boolean(rec.incomplete)).toBe(true);
    // Once: a later tick of the same day sends nothing more.
    await tick(at('2026-11-24', 10, 30), 'minutesCheck');
    expect(cards(MGR).filter((c) => c.includes('会议纪要未提交'))).toHaveLength(1);
  });
});

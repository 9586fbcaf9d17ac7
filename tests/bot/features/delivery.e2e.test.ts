import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../helpers/test-app.js';

const ADMIN = 'ou_admin_outbox';
const AGENT = 'ou_agent_outbox';
const TARGET = 'ou_unreachable_person';

/** 发送失败: admins see dead letters and resend them; nobody else can. */
describe('dead letters for admins', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({
      admins: [ADMIN],
      members: { [AGENT]: { name: '李招商', roles: ['agent'] } },
      fake: { users: { [ADMIN]: '王管理' } },
    });
  });
  afterAll(async () => t?.close());

  const lastCard = () => t.lark.messages.at(-1)!.current as any;
  const resendButtons = (card: any): Array<{ a: string; id: number }> =>
    JSON.stringify(card)
      .match(/\{"a":"outbox\.resend","id":\d+\}/g)
      ?.map((s) => JSON.parse(s)) ?? [];

  it('shows "none" while nothing failed', async () => {
    await t.say(ADMIN, '发送失败');
    expect(JSON.stringify(lastCard())).toContain('目前没有发送失败的消息');
  });

  it('R-AUD-1: lists a dead-lettered message with a 重发 button; resending delivers it once and is audited', async () => {
    t.lark.fail({
      match: 'POST /open-apis/im/v1/messages',
      times: 1,
      status: 400,
      body: { code: 230013, msg: 'user not in the availability scope' },
    });
    await t.app.uow.run((tx) => tx.outbox.send({ to: { openId: TARGET }, text: '明天上午十点带客户看铺' }));
    await t.settle();
    expect(t.lark.messagesTo(TARGET)).toHaveLength(0);

    await t.say(ADMIN, '发送失败');
    const card = lastCard();
    const text = JSON.stringify(card);
    // Who it was for and why, in words: never an open_id or a bare error code.
    expect(text).not.toContain(TARGET);
    expect(text).toContain('一位非本部门成员');
    expect(text).toContain('明天上午十点带客户看铺');
    expect(text).toContain('不在机器人的可用范围内');
    expect(text).toContain('发送 1 次即被拒收');
    const [btn] = resendButtons(card);
    expect(btn).toBeDefined();

    const answer = await t.click(ADMIN, btn!);
    expect(answer.toast).toMatchObject({ type: 'success' });
    expect(JSON.stringify(answer.card.data)).toContain('目前没有发送失败的消息');
    await t.settle();
    expect(t.lark.messagesTo(TARGET).map((m) => (m.content as { text: string }).text)).toEqual([
      '明天上午十点带客户看铺',
    ]);
    const audit = await t.app.ds.query(
      `SELECT actor FROM audit_log WHERE action = 'outbox.resend' AND subject_id = '${btn!.id}'`,
    );
    expect(audit).toEqual([{ actor: ADMIN }]);

    // A second click on the old card does nothing but say so.
    const again = await t.click(ADMIN, btn!);
    expect(again.toast).toMatchObject({ type: 'warning' });
    await t.settle();
    expect(t.lark.messagesTo(TARGET)).toHaveLength(1);
  });

  it('refuses agents, for the command and for the button', async () => {
    t.lark.fail({
      match: 'POST /open-apis/im/v1/messages',
      times: 1,
      status: 400,
      body: { code: 230002, msg: 'bot not in chat' },
    });
    await t.app.uow.run((tx) => tx.outbox.send({ to: { chatId: 'oc_gone' }, text: 'x' }));
    await t.settle();
    await t.say(AGENT, '发送失败');
    expect(JSON.stringify(lastCard())).not.toContain('oc_gone');
    expect(JSON.stringify(lastCard())).toContain('没有执行此操作的权限');
    const [dead] = await t.app.services.outbox.listDead();
    const answer = await t.click(AGENT, { a: 'outbox.resend', id: dead!.id });
    expect(answer.toast).toMatchObject({ type: 'warning' });
    expect(await t.app.services.outbox.countDead()).toBe(1);
  });

  it('answers a forged button value with the stale-button toast', async () => {
    const answer = await t.click(ADMIN, { a: 'outbox.resend', id: 'all' });
    expect(answer.toast.content).toContain('按钮已失效');
  });
});

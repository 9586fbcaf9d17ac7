import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

const ADMIN = 'ou_admin_menu';
const AGENT = 'ou_agent_menu';
const STRANGER = 'ou_stranger_menu';

describe('the way in: help, menu and members', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({
      admins: [ADMIN],
      fake: { users: { [ADMIN]: '王管理', [AGENT]: '李招商', [STRANGER]: '路人' } },
    });
  });
  afterAll(async () => t?.close());

  it('an admin from BOT_ADMINS who says 帮助 gets the menu card with the admin entry', async () => {
    const res = await t.say(ADMIN, '帮助');
    expect(res.status).toBe(200);
    const reply = t.lark.messages.at(-1)!;
    expect(reply.msgType).toBe('interactive');
    const card = reply.current as any;
    expect(card.schema).toBe('2.0');
    expect(JSON.stringify(card)).toContain('成员与角色');
    expect(JSON.stringify(card)).toContain('王管理');
  });

  it('a non-member gets a polite card with their open_id, and nothing else', async () => {
    await t.say(STRANGER, '帮助');
    const card = t.lark.messages.at(-1)!.current as any;
    expect(JSON.stringify(card)).toContain(STRANGER);
    expect(card.header.title.content).toBe('尚未开通');
  });

  it('R-AUD-1: an admin adds a member by open_id with roles; the change is audited', async () => {
    await t.say(ADMIN, `添加成员 ${AGENT} 招商员`);
    const text = t.lark.messages.at(-1)!.current as any;
    expect(text.text).toContain('招商员');
    const audit = await t.app.ds.query(`SELECT action, actor FROM audit_log WHERE subject_id = '${AGENT}'`);
    expect(audit).toEqual([{ action: 'member.added', actor: ADMIN }]);
  });

  it('the new agent gets a menu without admin entries; an agent adding members is refused', async () => {
    await t.say(AGENT, 'help');
    expect(JSON.stringify(t.lark.messages.at(-1)!.current)).not.toContain('成员与角色');
    await t.say(AGENT, `添加成员 ou_someone_else 管理员`);
    expect((t.lark.messages.at(-1)!.current as any).text).toContain('没有执行此操作的权限');
    const rows = await t.app.ds.query(`SELECT COUNT(*) AS n FROM member WHERE open_id = 'ou_someone_else'`);
    expect(Number(rows[0].n)).toBe(0);
  });

  it('anything not understood gets the menu with a note', async () => {
    await t.say(AGENT, '今天天气如何');
    const s = JSON.stringify(t.lark.messages.at(-1)!.current);
    expect(s).toContain('没听懂');
  });

  it('in a group the bot answers only when @-mentioned', async () => {
    const before = t.lark.messages.length;
    await t.say(AGENT, '帮助', { chatType: 'group', chatId: 'oc_group_1' });
    expect(t.lark.messages.length).toBe(before);
    await t.say(AGENT, '@_user_1 帮助', {
      chatType: 'group',
      chatId: 'oc_group_1',
      mentions: [{ openId: t.lark.botOpenId, name: '招商助手' }],
    });
    expect(t.lark.messages.length).toBe(before + 1);
  });

  it('the member form comes back filled in with field errors when it is wrong', async () => {
    const body = await t.click(ADMIN, { a: 'admin.member.save' }, { formValue: { open_id: 'not-an-id', roles: [] } });
    expect(body.toast.type).toBe('error');
    const s = JSON.stringify(body.card.data);
    expect(s).toContain('not-an-id');
    expect(s).toContain('不是有效的 open_id');
  });

  it('a forged or stale button value gets a toast, never a crash', async () => {
    const body = await t.click(ADMIN, { a: 'admin.member.deactivate', openId: 12345 });
    expect(body.toast.content).toContain('按钮已失效');
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SentMessage } from '../../src/sandbox/fake-lark-server.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

const ADMIN = 'ou_mn_admin';
const MGR = 'ou_mn_mgr_wang';
const LI = { openId: 'ou_mn_li_er', name: '李二' };
const ZHOU = { openId: 'ou_mn_zhou_san', name: '周三' };
const WU = { openId: 'ou_mn_wu_si', name: '吴四' };

/** Several @mentions in one command: each person handled, one reply naming what was done for whom. */
describe('several @mentions in one command', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ admins: [ADMIN], members: { [MGR]: { name: '王经理', roles: ['manager'] } } });
    for (const p of [LI, ZHOU, WU]) t.lark.users[p.openId] = p.name;
  });
  afterAll(async () => t?.close());

  const member = (openId: string) => t.app.uow.run((tx) => tx.members.get(openId));
  const text = (m: SentMessage) => JSON.stringify(m.current);
  const said = async (who: string, line: string, mentions: Array<{ openId: string; name: string }>) => {
    const before = t.lark.messagesTo(`oc_p2p_${who}`).length + t.lark.messagesTo(who).length;
    await t.say(who, line, { mentions });
    await t.delivered();
    const all = [...t.lark.messagesTo(`oc_p2p_${who}`), ...t.lark.messagesTo(who)];
    return all.slice(before);
  };

  it('R-AUD-1: 添加成员 @李二 @周三 招商员 saves and audits both, and one reply names both', async () => {
    const replies = await said(ADMIN, '添加成员 @_user_1 @_user_2 招商员', [LI, ZHOU]);
    expect(replies).toHaveLength(1);
    const r = text(replies[0]!);
    expect(r).toContain('共处理 2 人');
    expect(r).toContain('李二：招商员');
    expect(r).toContain('周三：招商员');
    for (const p of [LI, ZHOU])
      expect(await member(p.openId)).toMatchObject({ name: p.name, roles: ['agent'], active: true });
    // Each person's change is its own audited change.
    const audited = (await t.app.ds.query(
      `SELECT subject_id FROM audit_log WHERE action = 'member.added' ORDER BY subject_id`,
    )) as Array<{ subject_id: string }>;
    expect(audited.map((r) => r.subject_id)).toEqual([LI.openId, ZHOU.openId].sort());
  });

  it('R-AUD-1: 停用成员 with two mentions deactivates both, in one reply', async () => {
    const replies = await said(ADMIN, '停用成员 @_user_1 @_user_2', [LI, ZHOU]);
    expect(replies).toHaveLength(1);
    expect(text(replies[0]!)).toContain('已停用 李二');
    expect(text(replies[0]!)).toContain('已停用 周三');
    for (const p of [LI, ZHOU]) expect((await member(p.openId))?.active).toBe(false);
  });

  it('R-AUD-1: one person refused among several is named on its line; the others are still done', async () => {
    // 吴四 is not a member: there is nobody to deactivate.
    await said(ADMIN, '添加成员 @_user_1 招商员', [LI]);
    const replies = await said(ADMIN, '停用成员 @_user_1 @_user_2', [LI, WU]);
    expect(replies).toHaveLength(1);
    const r = text(replies[0]!);
    expect(r).toContain('已停用 李二');
    expect(r).toContain('吴四：未处理');
    expect((await member(LI.openId))?.active).toBe(false);
    expect(await member(WU.openId)).toBeUndefined();
  });

  it('R-TGT-3: 业绩 with two people mentioned is refused with a clear answer, not answered for one of them', async () => {
    await said(ADMIN, '添加成员 @_user_1 @_user_2 招商员', [LI, ZHOU]);
    const replies = await said(MGR, '业绩 @_user_1 @_user_2', [LI, ZHOU]);
    expect(replies).toHaveLength(1);
    expect(text(replies[0]!)).toContain('一次只能看一个人的业绩');
  });
});

import type { Role } from '../domain/members/roles.js';
import type { NewClient } from '../domain/clients/client.js';
import { normalizePhone } from '../domain/clients/phone.js';
import { SETTING_DEPARTMENT_CHAT } from '../domain/shared/settings.js';
import type { Clock } from '../domain/shared/clock.js';
import type { UnitOfWork } from '../domain/shared/tx.js';
import { localDate } from '../domain/shared/zoned-time.js';

/** The demo department the sandbox starts with: who is who, their group, and a few clients. */
export interface DemoPerson {
  openId: string;
  name: string;
  roles: Role[];
  /** The p2p chat between this person and the bot. */
  chatId: string;
  /** What the console shows under the name. */
  title: string;
}

export interface DemoGroup {
  chatId: string;
  name: string;
}

const person = (key: string, name: string, roles: Role[], title: string): DemoPerson => ({
  openId: `ou_demo_${key}`,
  name,
  roles,
  chatId: `oc_demo_p2p_${key}`,
  title,
});

export const DEMO_PEOPLE: DemoPerson[] = [
  person('zhaomin', '赵敏', ['front_desk'], '前台'),
  person('zhangwei', '张伟', ['agent'], '招商员'),
  person('lina', '李娜', ['agent'], '招商员'),
  person('wanglei', '王磊', ['agent'], '招商员'),
  person('chenjing', '陈静', ['manager', 'admin'], '招商经理 · 管理员'),
  person('liujianguo', '刘建国', ['leader'], '分管领导'),
];

export const DEMO_GROUP: DemoGroup = { chatId: 'oc_demo_department', name: '招商部工作群' };

export const DEMO_BOT_OPEN_ID = 'ou_demo_bot_zhaoshang';

const byKey = (key: string) => `ou_demo_${key}`;

/** Clients already in the book, so lists, searches and reports have something to show. */
export const DEMO_CLIENTS: Array<Omit<NewClient, 'phone'> & { phone: string }> = [
  {
    name: '周建华',
    shopName: '鑫达五金',
    contactPerson: '周建华',
    phone: '13812345601',
    category: '五金工具',
    clientType: 'merchant',
    source: '自然到访',
    grade: 'A',
    state: 'following',
    owner: { kind: 'agent', openId: byKey('zhangwei') },
  },
  {
    name: '孙丽',
    shopName: '永固建材',
    contactPerson: '孙丽',
    phone: '13912345602',
    category: '建材',
    clientType: 'merchant',
    source: '老客户介绍',
    grade: 'B',
    state: 'intent',
    owner: { kind: 'agent', openId: byKey('lina') },
  },
  {
    name: '钱国强',
    shopName: '恒通工具制造',
    contactPerson: '钱国强',
    phone: '13712345603',
    category: '电动工具',
    clientType: 'manufacturer',
    source: '展会',
    grade: 'A',
    state: 'deposit',
    owner: { kind: 'agent', openId: byKey('wanglei') },
  },
  {
    name: '吴海',
    shopName: '大众锁具',
    contactPerson: '吴海',
    phone: '13612345604',
    category: '锁具',
    clientType: 'merchant',
    source: '自然到访',
    grade: 'C',
    state: 'following',
    owner: { kind: 'pool' },
  },
];

/** Monthly targets the leader has approved, so performance cards and the weekly chart have a bar to compare with. */
const DEMO_TARGET_SPLIT: Array<[key: string, contracts: number]> = [
  ['zhangwei', 4],
  ['lina', 3],
  ['wanglei', 3],
];

function monthKeys(now: Date, timeZone: string): string[] {
  const month = (d: Date) => localDate(d, timeZone).slice(0, 7);
  const first = month(now);
  const [y, m] = first.split('-').map(Number) as [number, number];
  const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
  return [first, next];
}

/** Creates whatever of the demo department is missing; running it again changes nothing. */
export async function seedDemoDepartment(
  uow: UnitOfWork,
  clock: Clock,
  timeZone = 'Asia/Shanghai',
): Promise<{ created: number }> {
  let created = 0;
  await uow.run(async (tx) => {
    for (const p of DEMO_PEOPLE) {
      if (await tx.members.get(p.openId)) continue;
      await tx.members.save({
        openId: p.openId,
        name: p.name,
        roles: p.roles,
        active: true,
        nameRefreshedAt: clock.now(),
      });
      created++;
    }
    if (!(await tx.settings.get<string>(SETTING_DEPARTMENT_CHAT))) {
      await tx.settings.set(SETTING_DEPARTMENT_CHAT, DEMO_GROUP.chatId);
      created++;
    }
    for (const c of DEMO_CLIENTS) {
      const phone = normalizePhone(c.phone);
      if (!phone.ok || (await tx.clients.findByPhone(phone.value))) continue;
      await tx.clients.create({ ...c, phone: phone.value }, clock.now());
      created++;
    }
    const months = monthKeys(clock.now(), timeZone);
    const existing = await tx.targets.approvedFor(months);
    for (const periodKey of months) {
      if (existing.some((t) => t.periodKey === periodKey)) continue;
      const split = DEMO_TARGET_SPLIT.map(([key, contracts]) => ({
        agentOpenId: byKey(key),
        contracts,
        areaCenti: null,
        rentFen: null,
      }));
      const target = await tx.targets.create(
        {
          periodKey,
          periodKind: 'month',
          contracts: split.reduce((n, s) => n + s.contracts, 0),
          areaCenti: null,
          rentFen: null,
          proposedBy: byKey('chenjing'),
          split,
        },
        clock.now(),
      );
      await tx.targets.decide(target.id, 'approved', byKey('liujianguo'), clock.now());
      created++;
    }
  });
  return { created };
}

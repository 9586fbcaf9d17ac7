import { describe, expect, it } from 'vitest';
import { bindGroupCard, membersCard } from '../../../src/bot/cards/member-cards.js';
import { approvalCards, pendingListCard } from '../../../src/bot/cards/approval-cards.js';
import { table } from '../../../src/bot/cards/card-kit.js';
import { clientDetailCard, clientListCard, detailButton } from '../../../src/bot/cards/client-cards.js';
import { dailyDigestCard } from '../../../src/bot/cards/digest-cards.js';
import {
  collectionFormCard,
  duplicateResultCard,
  flagFormCard,
  lostFormCard,
  rescheduleFormCard,
  revisitPlanFormCard,
  signingPlanFormCard,
  visitorFormCard,
} from '../../../src/bot/cards/form-cards.js';
import { red } from '../../../src/bot/cards/form-kit.js';
import { formNotices } from '../../../src/bot/cards/form-notices.js';
import { jobsCard } from '../../../src/bot/cards/job-cards.js';
import { materialCard, materialsCard } from '../../../src/bot/cards/material-cards.js';
import { menuCard, notMemberCard } from '../../../src/bot/cards/menu-cards.js';
import {
  agentPlanCard,
  formDeadlineCard,
  managerPlanCard,
  reconciliationCard,
  revisitReminderCard,
} from '../../../src/bot/cards/plan-cards.js';
import { arrivalFormCard, createReceptionCards } from '../../../src/bot/cards/reception-cards.js';
import { ledgerCard, poolCard, rotationCard } from '../../../src/bot/cards/rotation-cards.js';
import { escapeMd, escapeText, linkTarget, markup, tmd, unescapeMd } from '../../../src/bot/cards/safe-text.js';
import { performanceCard, riskCard, submittedCard, targetFormCard } from '../../../src/bot/cards/target-cards.js';
import {
  handoverCard,
  handoverListCard,
  tierCard,
  tierCards,
  tierRecheckCard,
} from '../../../src/bot/cards/tier-cards.js';
import {
  awaitingLogCard,
  logFormCard,
  unreviewedCard,
  unvisitedCard,
  visitCards,
} from '../../../src/bot/cards/field-visit-cards.js';
import type { CardJson } from '../../../src/domain/shared/outbox.js';

/** What users have typed at the bot, meaning harm or not. */
const HOSTILE = [
  '<at id=all></at>**阿强**<font color="red">建材</font>',
  '**x**',
  '<font color="red">x</font>',
  '[x](http://e)',
  '`x`',
  '# x',
  '- x',
  '\\',
  '<link url="http://e">x</link>',
  '<a href="http://e">x</a>',
  '1. x\n> y\n```\ncode\n```\n---\n    indented\n+ z\n===',
  'a_b_ ~~c~~ |d| &lt; &#60; :OK: 10.00% 138****5678',
];
/** One name carrying all of it, for every field of every card. */
const H = HOSTILE.join(' ');

/** Raw markup that must never survive into card markdown from user text. */
const RAW = [
  '<at',
  '<font color="red">建材',
  '<link',
  '<a ',
  '**阿强**',
  '**x**',
  '](http',
  '`x`',
  '~~c~~',
  '&lt;',
  '\n# x',
  '\n- x',
  '\n> y',
  '\n```',
  '\n---',
  '\n    indented',
  ':OK:',
];

/** Every markdown text in a card (markdown elements and lark_md texts). */
function markdownOf(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((n) => markdownOf(n, out));
  else if (node && typeof node === 'object') {
    const o = node as Record<string, unknown>;
    if ((o.tag === 'markdown' || o.tag === 'lark_md') && typeof o.content === 'string') out.push(o.content);
    Object.values(o).forEach((v) => markdownOf(v, out));
  }
  return out;
}

/** The card carries H only escaped: no raw markup from it, and reading the escapes back gives H. */
function expectShownAsTyped(card: CardJson | Record<string, unknown>, shown = H): void {
  const texts = markdownOf(card);
  const all = texts.join('\n');
  for (const raw of RAW) expect(all, raw).not.toContain(raw);
  expect(
    texts.some((s) => unescapeMd(s).includes(shown)),
    'H shown as typed',
  ).toBe(true);
}

describe('R-INFO-3: safe text', () => {
  it.each(HOSTILE)('R-INFO-3: escapeMd(%j) reads back as typed and carries no markdown character', (s) => {
    const e = escapeMd(s);
    expect(unescapeMd(e)).toBe(s);
    const bare = e.replace(/&#\d+;/g, '').replace(/(?<=[\p{L}\p{N}])_(?=[\p{L}\p{N}])/gu, '');
    expect(bare).not.toMatch(/[<>*_~`[\]|\\#&$]/);
    for (const line of e.split('\n')) expect(line).not.toMatch(/^(\s|[-+=>#]|\d+[.)](\s|$))/);
  });

  it('R-INFO-3: ordinary text is left readable (dates, times, percentages, amounts, dashes inside words)', () => {
    for (const s of [
      '2026-11-25',
      '14:05',
      '10.00%',
      'A区-108',
      '老王五金（建材）',
      '3/250/360000',
      'open_id',
      'ou_stranger_menu',
    ])
      expect(escapeMd(s)).toBe(s);
  });

  it('R-INFO-3: a text message cannot mention, format or link what a user typed, and reads the same', () => {
    const e = escapeText('<at user_id="all"></at> **粗** <i>x</i> [x](http://e)');
    expect(e).not.toMatch(/<[A-Za-z/]|\*\*|\]\(/);
    expect(e.replace(/\u2060/g, '')).toBe('<at user_id="all"></at> **粗** <i>x</i> [x](http://e)');
  });

  it('R-INFO-3: a catalogue template escapes its params unless the bot marks them as its own markup', () => {
    const s = tmd('revisit.line', {
      date: '2026-11-25',
      client: H,
      overdue: markup(' <font color="red">【逾期】</font>'),
      purpose: '',
    });
    expect(s).toContain('<font color="red">【逾期】</font>');
    expect(s).not.toContain('<at');
    expect(unescapeMd(s)).toContain(`**${H}**`);
    expect(red(H)).toMatch(/^<font color="red">[^<]*<\/font>$/);
  });

  it('R-INFO-3: a typed link address cannot close the link and add markup', () => {
    const t = linkTarget('http://e.com/a)<at id=all></at>**x**');
    expect(t).not.toMatch(/[()<>*\s]/);
    expect(decodeURIComponent(t)).toBe('http://e.com/a)<at id=all></at>**x**');
  });

  it('R-INFO-3: lark_md table cells are escaped; text cells are plain text to Feishu and stay as typed', () => {
    const el = table(
      [
        { name: 'a', label: 'A' },
        { name: 'b', label: 'B', type: 'lark_md' },
      ],
      [{ a: H, b: H }],
    ) as { rows: Array<Record<string, string>> };
    expect(el.rows[0]!.a).toBe(H);
    expect(el.rows[0]!.b).not.toContain('<at');
    expect(unescapeMd(el.rows[0]!.b!)).toBe(H);
  });
});

// ── Every card builder that takes user text, fed H in every user field ──
const at = new Date('2026-11-23T02:00:00Z');
const TZ = 'Asia/Shanghai';
const member = { openId: 'ou_h', name: H, roles: ['agent'], active: true } as never;
const client = {
  id: 7,
  regNo: 'DJ-20261123-001',
  name: H,
  shopName: H,
  contactPerson: H,
  phone: '13812345678',
  category: H,
  clientType: 'merchant',
  source: 'walk_in',
  grade: 'A',
  state: 'lost',
  lostReason: H,
  owner: { kind: 'agent', openId: 'ou_h' },
  createdAt: at,
  updatedAt: at,
} as never;
const clientView = { client, ownerName: H, full: true, phone: '13812345678', contactPerson: H } as never;
const formRecord = {
  id: 3,
  kind: 'visitor',
  filedAt: at,
  late: false,
  incomplete: false,
  flagged: false,
  missing: [],
} as never;
const revisit = { id: 4, dueDate: '2026-11-25', purpose: H } as never;
const approvalView = (status: string) =>
  ({
    approval: {
      id: 1,
      kind: 'handover',
      status,
      summary: H,
      payload: { clientName: H, toName: H, reason: H },
      requester: 'ou_h',
      approverRole: 'manager',
      createdAt: at,
      decidedAt: at,
      comment: H,
    },
    requesterName: H,
    deciderName: H,
  }) as never;
const walkIn = {
  id: 9,
  name: H,
  phone: '13812345678',
  note: H,
  status: 'offered',
  rule: 'R-ATT-2',
  owner: 'ou_h',
  cardAgent: 'ou_h',
  registeredBy: 'ou_h',
  decidedAt: at,
} as never;
const walkInView = {
  walkIn,
  clientName: H,
  names: { ou_h: H },
  offers: [{ id: 1, attempt: 1, agent: 'ou_h', status: 'pending', deadlineAt: at }],
  timeoutSeconds: 180,
} as never;
const disputeView = {
  dispute: {
    id: 2,
    holder: { kind: 'agent', openId: 'ou_h' },
    claimant: 'ou_h',
    reason: H,
    decision: 'claimant',
    decidedBy: 'ou_h',
  },
  clientName: H,
  names: { ou_h: H },
} as never;
const planItem = { kind: 'revisit', clientName: H, date: '2026-11-25', note: H, overdue: true, revisitId: 4 } as never;
const plan = {
  id: 5,
  agentOpenId: 'ou_h',
  visitDate: '2026-11-25',
  purpose: H,
  status: 'approved',
  approvalId: null,
  clientIds: [7],
  places: [H],
  createdAt: at,
} as never;
const logView = {
  log: {
    id: 6,
    planId: 5,
    agentOpenId: 'ou_h',
    visitDate: '2026-11-25',
    summary: H,
    outcomes: [{ clientId: 7, outcome: H, grade: 'A' }],
    filedAt: at,
    dueAt: at,
    late: false,
    reviewedBy: 'ou_h',
    reviewedAt: at,
    reviewComment: H,
  },
  plan,
  agentName: H,
  reviewerName: H,
  clientNames: { 7: H },
} as never;
const material = (kind: string) =>
  ({ id: 1, title: H, kind, body: kind === 'text' ? H : 'http://e.com/a)<at id=all></at>', status: 'draft' }) as never;
const activity = {
  agents: [
    {
      agentOpenId: 'ou_h',
      walkIns: 1,
      passes: 0,
      registrations: 1,
      revisitsDone: 0,
      revisitsOverdue: 0,
      deposits: 0,
      signed: 0,
      formsFiled: 0,
      formsLate: 0,
      formsIncomplete: 0,
      formsMissing: 0,
      formsFlagged: 0,
    },
  ],
  pool: { walkIns: 0, signed: 0 },
} as never;
const target = {
  periodKey: '2026-12',
  contracts: 12,
  areaCenti: null,
  rentFen: null,
  split: [{ agentOpenId: 'ou_h', contracts: 12 }],
  decidedAt: at,
} as never;
const agentPerf = {
  openId: 'ou_h',
  name: H,
  target: 10,
  signed: 1,
  bp: 1000,
  commission: { totalFen: 0, milli: 0, atSigningFen: 0, atOpeningFen: 0 },
  openedFen: 0,
  missingRent: 0,
};
const perfReport = {
  period: { key: '2026-12', to: '2026-12-31' },
  asOf: '2026-12-14',
  scope: 'mine',
  targets: { source: 'approved', target: target },
  department: {},
  agents: [agentPerf],
} as never;
const risk = {
  asOf: '2026-12-14',
  month: '2026-12',
  workingDaysElapsed: 10,
  workingDaysInMonth: 23,
  signed: 2,
  target: 20,
  marginPct: 10,
  department: { elapsedBp: 4347, completionBp: 1000, gapBp: 3347 },
  laggingAgents: [{ name: H, signed: 1, target: 10, lag: { completionBp: 1000, gapBp: 3347 } }],
} as never;
const rotation = {
  day: '2026-11-23',
  members: [
    {
      openId: 'ou_h',
      name: H,
      position: 1,
      onDuty: true,
      busyWalkInId: null,
      offeredWalkInId: null,
      received: 0,
      passed: 0,
    },
  ],
  pointer: 'ou_h',
  fairness: { spread: 0 },
} as never;
const jobStatus = {
  job: { name: 'digest', titleKey: 'jobs.title', aliases: [] },
  cron: '0 18 * * 1-5',
  enabled: true,
  nextRun: at,
  lastRuns: [{ periodKey: '2026-11-22', status: 'failed', summary: null, error: H }],
} as never;

const BUILDERS: Array<[string, () => CardJson | Record<string, unknown>]> = [
  ['membersCard', () => membersCard([member], 1, { notice: escapeMd(H) })],
  ['bindGroupCard', () => bindGroupCard('oc_x', H)],
  ['approvalCards.approverCard', () => approvalCards(TZ).approverCard(approvalView('approved'))],
  ['approvalCards.requesterCard', () => approvalCards(TZ).requesterCard(approvalView('pending'))],
  [
    'approval summary (no payload)',
    () =>
      approvalCards(TZ).approverCard({
        ...(approvalView('pending') as object),
        approval: { ...(approvalView('pending') as { approval: object }).approval, kind: 'other', payload: null },
      } as never),
  ],
  ['pendingListCard', () => pendingListCard([approvalView('pending')], TZ)],
  [
    'clientListCard',
    () =>
      clientListCard({
        title: H,
        page: { items: [clientView], total: 1, page: 1, pages: 1 } as never,
        rowButton: detailButton,
        pageValue: (p) => ({ a: 'clients.mine.page', page: p }),
        empty: '',
      }),
  ],
  [
    'clientDetailCard',
    () =>
      clientDetailCard(clientView, {
        openRevisits: [revisit],
        forms: [formRecord],
        canFile: true,
        isManager: true,
        formatTime: () => '11-23 10:00',
      }),
  ],
  ['dailyDigestCard', () => dailyDigestCard('2026-11-23', activity, { ou_h: H })],
  [
    'visitorFormCard (errors quote what was typed)',
    () => visitorFormCard(2, {}, { values: { name: H }, errors: { name: H }, notice: red(H) }),
  ],
  ['revisitPlanFormCard', () => revisitPlanFormCard(client)],
  ['signingPlanFormCard', () => signingPlanFormCard(client)],
  ['collectionFormCard', () => collectionFormCard(client)],
  ['rescheduleFormCard', () => rescheduleFormCard(revisit, H)],
  ['lostFormCard', () => lostFormCard(revisit, H)],
  ['flagFormCard', () => flagFormCard(formRecord, H, '11-23 10:00')],
  [
    'duplicateResultCard',
    () =>
      duplicateResultCard(
        tmd('visitor.duplicate', { phone: '138****5678', owner: H, name: H, regNo: '—', notified: '' }),
        7,
        true,
      ),
  ],
  ['formNotices.duplicateToOwner', () => formNotices(TZ).duplicateToOwner({ client, byName: H } as never)],
  ['formNotices.duplicateToManagers', () => formNotices(TZ).duplicateToManagers({ client, byName: H } as never)],
  [
    'formNotices.falseInfoFlagged',
    () => formNotices(TZ).falseInfoFlagged({ form: formRecord, client, managerName: H, reason: H } as never),
  ],
  ['jobsCard (a run error)', () => jobsCard([jobStatus], { tz: TZ, now: at, isWorkingDay: true }, { error: H })],
  ['materialsCard', () => materialsCard([material('text')], true, { errors: { title: H } })],
  ['materialCard', () => materialCard(material('text'))],
  ['menuCard', () => menuCard(member, [], H)],
  ['notMemberCard', () => notMemberCard(H)],
  [
    'managerPlanCard',
    () =>
      managerPlanCard(
        '2026-11-24',
        [{ agentOpenId: 'ou_h', items: [planItem] }] as never,
        { ou_h: H },
        { by: H, time: '18:00' },
      ),
  ],
  ['agentPlanCard', () => agentPlanCard('2026-11-24', H, [planItem])],
  ['revisitReminderCard', () => revisitReminderCard('2026-11-24', H, [planItem])],
  ['formDeadlineCard', () => formDeadlineCard(H, [{ label: '来访登记', clientName: H, dueTime: '18:00' }])],
  [
    'reconciliationCard',
    () =>
      reconciliationCard(
        '2026-11-24',
        {
          signedWithoutCollection: [{ contractNo: H, clientName: H, agentOpenId: 'ou_h', date: '2026-11-24' }],
          collectedWithoutSigned: [],
        } as never,
        { ou_h: H },
      ),
  ],
  ['reception.offer', () => createReceptionCards(TZ).offer(walkInView, { id: 1, deadlineAt: at } as never)],
  ['reception.accepted', () => createReceptionCards(TZ).accepted(walkInView)],
  ['reception.direct', () => createReceptionCards(TZ).direct(walkInView)],
  ['reception.desk', () => createReceptionCards(TZ).desk(walkInView)],
  ['reception.dispute', () => createReceptionCards(TZ).dispute(disputeView)],
  ['reception.disputeDecided', () => createReceptionCards(TZ).disputeDecided(disputeView)],
  [
    'reception.assigned',
    () => createReceptionCards(TZ).assigned({ clientName: H, agentName: H, byName: H, reason: H } as never),
  ],
  [
    'arrivalFormCard',
    () =>
      arrivalFormCard([{ value: 'ou_h', text: H }], {
        notice: tmd('reception.form.registered', { id: 1, outcome: H }),
        errors: { name: H },
      }),
  ],
  ['rotationCard', () => rotationCard(rotation, true)],
  [
    'poolCard',
    () =>
      poolCard([{ id: 1, name: H, phone: '13812345678', createdAt: at }], 1, 1, 10, [{ value: 'ou_h', text: H }], TZ, {
        error: H,
      }),
  ],
  [
    'ledgerCard',
    () =>
      ledgerCard(
        '2026-11-23',
        [
          {
            id: 1,
            day: '2026-11-23',
            at,
            actor: 'ou_h',
            event: { type: 'offered', agent: 'ou_h', walkInId: 1 },
            rule: null,
            before: null,
            after: null,
          },
        ] as never,
        { day: '2026-11-23', members: [{ openId: 'ou_h', received: 0, passed: 0 }] } as never,
        { ou_h: H },
        TZ,
      ),
  ],
  ['targetFormCard', () => targetFormCard([member], { errors: { split: H } })],
  ['submittedCard', () => submittedCard(target, new Map([['ou_h', H]]))],
  ['performanceCard', () => performanceCard(perfReport, TZ, H)],
  ['riskCard', () => riskCard(risk)],
  [
    'tierCard',
    () =>
      tierCard({
        client,
        tier: undefined,
        suggestion: { tier: null, average: null, scored: 0 },
        keyAccounts: [member],
      } as never),
  ],
  ['handoverCard', () => handoverCard(client, [member])],
  [
    'handoverListCard',
    () => handoverListCard([{ clientName: H, fromName: H, toName: H, approverName: H, handover: { at } }] as never, TZ),
  ],
  [
    'tierCards.handoverNotice',
    () =>
      tierCards(TZ).handoverNotice({
        clientName: H,
        fromName: H,
        toName: H,
        approverName: H,
        handover: { at },
      } as never),
  ],
  [
    'tierRecheckCard',
    () =>
      tierRecheckCard({
        items: [{ clientId: 7, name: H, shopName: H, ownerOpenId: 'ou_h', tier: null, confirmedAt: null }] as never,
        total: 1,
        days: 90,
        names: { ou_h: H },
        tz: TZ,
      }),
  ],
  ['awaitingLogCard', () => awaitingLogCard([plan])],
  ['logFormCard', () => logFormCard(plan, [{ id: 7, name: H, grade: 'A' }])],
  ['visitCards.reviewCard', () => visitCards(TZ).reviewCard(logView)],
  ['visitCards.reviewedNotice', () => visitCards(TZ).reviewedNotice(logView)],
  ['unreviewedCard', () => unreviewedCard([logView], 1, TZ)],
  ['unvisitedCard', () => unvisitedCard([{ ownerName: H, clients: [{ id: 7, name: H, shopName: null }] as never }], 1)],
];

describe('R-INFO-3: every card builder shows user text as typed', () => {
  it.each(BUILDERS)('R-INFO-3: %s', (_, build) => expectShownAsTyped(build()));

  it('R-INFO-3: a material link cannot break out of its link', () => {
    const s = markdownOf(materialCard(material('link'))).join('\n');
    expect(s).not.toContain('<at');
    expect(s).toMatch(/^\[[^\]]+\]\(http:\/\/e\.com\/a%29%3Cat%20id=all%3E%3C\/at%3E\)$/);
  });
});

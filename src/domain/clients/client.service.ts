import { hasRole, type Member } from '../members/roles.js';
import type { Clock } from '../shared/clock.js';
import { forbidden, invalidState, notFound } from '../shared/errors.js';
import type { Tx } from '../shared/tx.js';
import { localDate } from '../shared/zoned-time.js';
import type { FormSettings } from '../forms/form-settings.js';
import type { Client, Grade, NewClient, Owner, PipelineState } from './client.js';
import { maskPhone } from './phone.js';

/** A client as one viewer may see it (R-INFO-2). */
export interface ClientView {
  client: Client;
  ownerName: string | null;
  /** The client's record (contact person, grade, forms): its own agent and the manager, never in a group chat. */
  full: boolean;
  /** Full when `phoneShown`, otherwise masked (138****5678). */
  phone: string | null;
  /** The whole number: its own agent, and the front desk on the day it typed it on an arrival card. */
  phoneShown: boolean;
  /** Manager or leader in a private chat: may reveal the number with one recorded tap (查看电话). */
  canReveal: boolean;
  contactPerson: string | null;
}

/** One recorded 查看电话 (R-INFO-2), as the client's record lists it. */
export interface PhoneReveal {
  at: Date;
  actor: string;
  actorName: string;
  role: 'manager' | 'leader';
}

/** The audit action of a phone reveal; the record of a client lists these. */
export const PHONE_REVEALED = 'client.phone_revealed';
/** The audit action of an export that carried full phone numbers. */
export const PHONES_EXPORTED = 'export.full_phones';

/** What the front desk typed on today's arrival cards: the clients and numbers it may see in full. */
interface TypedToday {
  clientIds: Set<number>;
  phones: Set<string>;
}
const NOTHING_TYPED: TypedToday = { clientIds: new Set(), phones: new Set() };

export interface ClientPage {
  items: ClientView[];
  total: number;
  page: number;
  pages: number;
  capped?: boolean;
}

/** Where a list is read: a group chat never shows phone numbers. */
export interface Viewer {
  member: Member;
  inGroup: boolean;
}

/**
 * Clients: registration numbers, visibility (R-INFO-2), search and the owner's list, and who may
 * file forms about whom. Registration itself (with 撞单) is the visitor form's job.
 */
export class ClientService {
  constructor(private readonly deps: { clock: Clock; settings: FormSettings }) {}

  private isOwner(viewer: Viewer, client: Client): boolean {
    return client.owner.kind === 'agent' && client.owner.openId === viewer.member.openId;
  }

  /**
   * R-INFO-2: the whole number is for the client's own agent, and for the front desk only what it typed
   * itself on that day's arrival cards; managers and leaders reveal it with a recorded tap. Never in a group.
   */
  seesContact(viewer: Viewer, client: Client, typed: TypedToday = NOTHING_TYPED): boolean {
    if (viewer.inGroup) return false;
    if (this.isOwner(viewer, client)) return true;
    return (
      hasRole(viewer.member, 'front_desk') &&
      (typed.clientIds.has(client.id) || (client.phone !== null && typed.phones.has(client.phone)))
    );
  }

  view(viewer: Viewer, client: Client, ownerName: string | null, typed: TypedToday = NOTHING_TYPED): ClientView {
    const full = !viewer.inGroup && (this.isOwner(viewer, client) || hasRole(viewer.member, 'manager'));
    const phoneShown = this.seesContact(viewer, client, typed);
    return {
      client,
      ownerName,
      full,
      phone: client.phone ? (phoneShown ? client.phone : maskPhone(client.phone)) : null,
      phoneShown,
      canReveal: !viewer.inGroup && !phoneShown && client.phone !== null && hasRole(viewer.member, 'manager', 'leader'),
      contactPerson: full ? client.contactPerson : null,
    };
  }

  async views(tx: Tx, viewer: Viewer, clients: Client[]): Promise<ClientView[]> {
    const names = await this.ownerNames(
      tx,
      clients.map((c) => c.owner),
    );
    const typed = await this.typedToday(tx, viewer);
    return clients.map((c) =>
      this.view(viewer, c, c.owner.kind === 'agent' ? (names.get(c.owner.openId) ?? c.owner.openId) : null, typed),
    );
  }

  /** The walk-ins the front desk member registered today (local day): a day's arrivals are a few dozen. */
  private async typedToday(tx: Tx, viewer: Viewer): Promise<TypedToday> {
    if (viewer.inGroup || !hasRole(viewer.member, 'front_desk')) return NOTHING_TYPED;
    const day = localDate(this.deps.clock.now(), this.deps.settings.timezone);
    const out: TypedToday = { clientIds: new Set(), phones: new Set() };
    for (const w of await tx.walkIns.listByDay(day, 1000)) {
      if (w.registeredBy !== viewer.member.openId) continue;
      if (w.clientId !== null) out.clientIds.add(w.clientId);
      if (w.phone) out.phones.add(w.phone);
    }
    return out;
  }

  /**
   * 查看电话 (R-INFO-2): a manager or leader, in a private chat, sees one client's number; the reveal is
   * recorded (who, when, which client) in the caller's transaction, with the answer.
   */
  async revealPhone(
    tx: Tx,
    viewer: Viewer,
    clientId: number,
  ): Promise<{ view: ClientView; reveal: PhoneReveal | null }> {
    if (!hasRole(viewer.member, 'manager', 'leader')) throw forbidden('client.reveal.role');
    if (viewer.inGroup) throw forbidden('client.reveal.group');
    const client = await tx.clients.get(clientId);
    if (!client) throw notFound('client.not_found', { id: clientId });
    if (!client.phone) throw invalidState('client.reveal.no_phone', { client: client.name });
    const [v] = await this.views(tx, viewer, [client]);
    // Someone who sees the number anyway (a manager who owns the client) has nothing to reveal or record.
    if (v!.phoneShown) return { view: v!, reveal: null };
    const role = hasRole(viewer.member, 'manager') ? 'manager' : 'leader';
    const at = this.deps.clock.now();
    await tx.audit.append(
      {
        actor: viewer.member.openId,
        action: PHONE_REVEALED,
        subjectType: 'client',
        subjectId: String(client.id),
        after: { role },
        rule: 'R-INFO-2',
      },
      at,
    );
    return {
      view: { ...v!, phone: client.phone, phoneShown: true, canReveal: false },
      reveal: { at, actor: viewer.member.openId, actorName: viewer.member.name, role },
    };
  }

  /** The reveals of one client's number, oldest first, with who did it by name. */
  async phoneReveals(tx: Tx, clientId: number): Promise<PhoneReveal[]> {
    const rows = (await tx.audit.list({ subjectType: 'client', subjectId: String(clientId), limit: 1000 })).filter(
      (r) => r.action === PHONE_REVEALED && r.actor,
    );
    if (rows.length === 0) return [];
    const names = await this.ownerNames(
      tx,
      rows.map((r) => ({ kind: 'agent', openId: r.actor! })),
    );
    return rows.map((r) => {
      const role = (r.after as { role?: string } | undefined)?.role === 'leader' ? 'leader' : 'manager';
      return { at: r.at, actor: r.actor!, actorName: names.get(r.actor!) ?? r.actor!, role };
    });
  }

  async ownerNames(tx: Tx, owners: Owner[]): Promise<Map<string, string>> {
    const ids = new Set(owners.flatMap((o) => (o.kind === 'agent' ? [o.openId] : [])));
    const out = new Map<string, string>();
    if (ids.size === 0) return out;
    if (ids.size === 1) {
      const [id] = ids as unknown as [string];
      out.set(id, (await tx.members.get(id))?.name ?? id);
      return out;
    }
    // A page names up to a page of owners: one read of the (department-sized) member table, not one per row.
    for (const m of await tx.members.list()) if (ids.has(m.openId)) out.set(m.openId, m.name);
    for (const id of ids) if (!out.has(id)) out.set(id, id);
    return out;
  }

  /** `查 <name or phone fragment>`: everyone may search; what they see depends on R-INFO-2. */
  async search(tx: Tx, viewer: Viewer, text: string, page: number): Promise<ClientPage> {
    const size = this.deps.settings.listPageSize;
    const p = Math.max(1, page);
    const res = await tx.clients.findByText({ text: text.slice(0, 50), offset: (p - 1) * size, limit: size });
    return {
      items: await this.views(tx, viewer, res.items),
      total: res.total,
      page: p,
      pages: Math.max(1, Math.ceil(res.total / size)),
      capped: res.capped,
    };
  }

  /** `我的客户`, paged, optionally by grade and state. */
  async mine(
    tx: Tx,
    viewer: Viewer,
    filter: { grade?: Grade; state?: PipelineState },
    page: number,
  ): Promise<ClientPage> {
    const size = this.deps.settings.listPageSize;
    const p = Math.max(1, page);
    const res = await tx.clients.listByOwner({
      ownerOpenId: viewer.member.openId,
      ...filter,
      offset: (p - 1) * size,
      limit: size,
    });
    return {
      items: await this.views(tx, viewer, res.items),
      total: res.total,
      page: p,
      pages: Math.max(1, Math.ceil(res.total / size)),
    };
  }

  async detail(tx: Tx, viewer: Viewer, clientId: number): Promise<ClientView> {
    const client = await tx.clients.get(clientId);
    if (!client) throw notFound('client.not_found', { id: clientId });
    return (await this.views(tx, viewer, [client]))[0]!;
  }

  /**
   * A form about an existing client is filed by its own agent (managers may file for anyone).
   * Someone else's client is refused with whose it is; a lost client must be registered again.
   */
  async requireFilable(tx: Tx, actor: Member, clientId: number, opts: { allowLost?: boolean } = {}): Promise<Client> {
    const client = await tx.clients.get(clientId);
    if (!client) throw notFound('client.not_found', { id: clientId });
    const own = client.owner.kind === 'agent' && client.owner.openId === actor.openId;
    if (!own && !hasRole(actor, 'manager')) {
      const owner =
        client.owner.kind === 'agent'
          ? ((await tx.members.get(client.owner.openId))?.name ?? client.owner.openId)
          : null;
      throw forbidden(owner ? 'form.not_your_client' : 'form.pool_client', { client: client.name, owner: owner ?? '' });
    }
    if (client.state === 'lost' && !opts.allowLost) throw invalidState('form.client_lost', { client: client.name });
    return client;
  }

  /** DJ-20261122-003: numbered per local day in the caller's transaction (a rollback gives the number back). */
  async nextRegNo(tx: Tx, at: Date): Promise<string> {
    const day = localDate(at, this.deps.settings.timezone).replace(/-/g, '');
    const n = await tx.counters.next(`reg:${day}`);
    return `DJ-${day}-${String(n).padStart(3, '0')}`;
  }

  async create(tx: Tx, data: Omit<NewClient, 'regNo'>, actor: Member): Promise<Client> {
    const now = this.deps.clock.now();
    const client = await tx.clients.create({ ...data, regNo: await this.nextRegNo(tx, now) }, now);
    await tx.audit.append(
      {
        actor: actor.openId,
        action: 'client.registered',
        subjectType: 'client',
        subjectId: String(client.id),
        after: { regNo: client.regNo, owner: client.owner },
        rule: 'R-AUD-1',
      },
      now,
    );
    return client;
  }
}

import { hasRole, type Member } from '../members/roles.js';
import type { Clock } from '../shared/clock.js';
import { forbidden, invalidState, notFound } from '../shared/errors.js';
import type { Tx } from '../shared/tx.js';
import { localDate } from '../forms/form-dates.js';
import type { FormSettings } from '../forms/form-settings.js';
import type { Client, Grade, NewClient, Owner, PipelineState } from './client.js';
import { maskPhone } from './phone.js';

/** A client as one viewer may see it (R-INFO-2). */
export interface ClientView {
  client: Client;
  ownerName: string | null;
  /** Contact details shown: the owner, managers and front desk, never in a group chat. */
  full: boolean;
  /** Full or masked, per `full`. */
  phone: string | null;
  contactPerson: string | null;
}

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

  /** R-INFO-2: the owning agent, managers and front desk see contact details; nobody in a group chat. */
  seesContact(viewer: Viewer, client: Client): boolean {
    if (viewer.inGroup) return false;
    if (hasRole(viewer.member, 'manager', 'front_desk')) return true;
    return client.owner.kind === 'agent' && client.owner.openId === viewer.member.openId;
  }

  view(viewer: Viewer, client: Client, ownerName: string | null): ClientView {
    const full = this.seesContact(viewer, client);
    return {
      client,
      ownerName,
      full,
      phone: client.phone ? (full ? client.phone : maskPhone(client.phone)) : null,
      contactPerson: full ? client.contactPerson : null,
    };
  }

  async views(tx: Tx, viewer: Viewer, clients: Client[]): Promise<ClientView[]> {
    const names = await this.ownerNames(tx, clients.map((c) => c.owner));
    return clients.map((c) => this.view(viewer, c, c.owner.kind === 'agent' ? (names.get(c.owner.openId) ?? c.owner.openId) : null));
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
    return { items: await this.views(tx, viewer, res.items), total: res.total, page: p, pages: Math.max(1, Math.ceil(res.total / size)), capped: res.capped };
  }

  /** `我的客户`, paged, optionally by grade and state. */
  async mine(tx: Tx, viewer: Viewer, filter: { grade?: Grade; state?: PipelineState }, page: number): Promise<ClientPage> {
    const size = this.deps.settings.listPageSize;
    const p = Math.max(1, page);
    const res = await tx.clients.listByOwner({ ownerOpenId: viewer.member.openId, ...filter, offset: (p - 1) * size, limit: size });
    return { items: await this.views(tx, viewer, res.items), total: res.total, page: p, pages: Math.max(1, Math.ceil(res.total / size)) };
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
      const owner = client.owner.kind === 'agent' ? ((await tx.members.get(client.owner.openId))?.name ?? client.owner.openId) : null;
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
      { actor: actor.openId, action: 'client.registered', subjectType: 'client', subjectId: String(client.id), after: { regNo: client.regNo, owner: client.owner }, rule: 'R-AUD-1' },
      now,
    );
    return client;
  }
}

import type { EntityManager } from 'typeorm';
import { In } from 'typeorm';
import type { Client, ClientSearch, Grade, NewClient, Owner, PipelineState } from '../../domain/clients/client.js';
import type { ClientRepository } from '../../domain/clients/client.ports.js';
import { maskPhone } from '../../domain/clients/phone.js';
import { conflict } from '../../domain/shared/errors.js';
import { ClientEntity, type ClientRow } from '../entities/clients.entities.js';
import { isDuplicateKey } from '../json.js';

export class TypeOrmClientRepository implements ClientRepository {
  constructor(private readonly em: EntityManager) {}

  private get repo() {
    return this.em.getRepository(ClientEntity);
  }

  async get(id: number): Promise<Client | undefined> {
    const row = await this.repo.findOneBy({ id });
    return row ? toClient(row) : undefined;
  }

  async findByPhone(normalizedPhone: string): Promise<Client | undefined> {
    const row = await this.repo.findOneBy({ phone: normalizedPhone });
    return row ? toClient(row) : undefined;
  }

  async findByNameAndShop(name: string, shopName: string | null): Promise<Client | undefined> {
    const qb = this.repo.createQueryBuilder('c').where('c.name = :name', { name });
    if (shopName) qb.andWhere('c.shop_name = :shop', { shop: shopName });
    else qb.andWhere('c.shop_name IS NULL');
    const row = await qb.orderBy('c.id', 'ASC').getOne();
    return row ? toClient(row) : undefined;
  }

  async findOnlyByName(name: string): Promise<Client | undefined> {
    const rows = await this.repo
      .createQueryBuilder('c')
      .where('c.name = :name OR c.shop_name = :name', { name })
      .orderBy('c.id', 'ASC')
      .take(2)
      .getMany();
    return rows.length === 1 ? toClient(rows[0]!) : undefined;
  }

  async create(c: NewClient, now: Date): Promise<Client> {
    try {
      return await this.insertClient(c, now);
    } catch (err) {
      // Two registrations of one new phone at the same moment: the second is told, and re-submitting finds 撞单.
      if (c.phone && isDuplicateKey(err)) throw conflict('client.phone_taken', { phone: maskPhone(c.phone) });
      throw err;
    }
  }

  private async insertClient(c: NewClient, now: Date): Promise<Client> {
    const res = await this.repo.insert({
      reg_no: c.regNo ?? null,
      name: c.name,
      shop_name: c.shopName,
      contact_person: c.contactPerson,
      phone: c.phone,
      phone_rev: reversePhone(c.phone),
      category: c.category,
      client_type: c.clientType,
      source: c.source,
      grade: c.grade,
      state: c.state ?? 'intent',
      lost_reason: null,
      ...ownerColumns(c.owner),
      created_at: now,
      updated_at: now,
    });
    return (await this.get(Number(res.identifiers[0]?.id)))!;
  }

  async update(id: number, patch: Partial<Omit<Client, 'id' | 'createdAt'>>, now: Date): Promise<Client> {
    const cols: Partial<ClientRow> = { updated_at: now };
    if (patch.regNo !== undefined) cols.reg_no = patch.regNo;
    if (patch.name !== undefined) cols.name = patch.name;
    if (patch.shopName !== undefined) cols.shop_name = patch.shopName;
    if (patch.contactPerson !== undefined) cols.contact_person = patch.contactPerson;
    if (patch.phone !== undefined) {
      cols.phone = patch.phone;
      cols.phone_rev = reversePhone(patch.phone);
    }
    if (patch.category !== undefined) cols.category = patch.category;
    if (patch.clientType !== undefined) cols.client_type = patch.clientType;
    if (patch.source !== undefined) cols.source = patch.source;
    if (patch.grade !== undefined) cols.grade = patch.grade;
    if (patch.state !== undefined) cols.state = patch.state;
    if (patch.lostReason !== undefined) cols.lost_reason = patch.lostReason;
    if (patch.owner !== undefined) Object.assign(cols, ownerColumns(patch.owner));
    await this.repo.update({ id }, cols);
    return (await this.get(id))!;
  }

  async setOwner(id: number, owner: Owner, now: Date): Promise<void> {
    await this.repo.update({ id }, { ...ownerColumns(owner), updated_at: now });
  }

  async search(q: ClientSearch): Promise<{ items: Client[]; total: number }> {
    const qb = this.repo.createQueryBuilder('c');
    if (q.ownerOpenId) qb.andWhere('c.owner_open_id = :owner', { owner: q.ownerOpenId });
    if (q.grade) qb.andWhere('c.grade = :grade', { grade: q.grade });
    if (q.state) qb.andWhere('c.state = :state', { state: q.state });
    if (q.text) {
      // '!' as the escape character: a backslash means different things in MySQL and SQLite literals.
      const like = `%${likeEscape(q.text)}%`;
      qb.andWhere(
        "(c.name LIKE :like ESCAPE '!' OR c.shop_name LIKE :like ESCAPE '!' OR c.phone LIKE :like ESCAPE '!')",
        { like },
      );
    }
    qb.orderBy('c.updated_at', 'DESC').addOrderBy('c.id', 'DESC');
    const [rows, total] = await qb
      .skip(q.offset ?? 0)
      .take(q.limit ?? 10)
      .getManyAndCount();
    return { items: rows.map(toClient), total };
  }

  async findByText(q: {
    text: string;
    offset: number;
    limit: number;
    cap?: number;
  }): Promise<{ items: Client[]; total: number; capped: boolean }> {
    const cap = q.cap ?? 200;
    const text = q.text.trim();
    const digits = text.replace(/[\s-]/g, '');
    const prefix = `${likeEscape(text)}%`;
    const branches: Array<[string, string]> = [
      ['name', prefix],
      ['shop_name', prefix],
    ];
    if (/^\d{3,}$/.test(digits)) {
      branches.push(['phone', `${digits}%`]);
      branches.push(['phone_rev', `${digits.split('').reverse().join('')}%`]);
    }
    const ids = new Set(await this.idsUnion(branches, cap + 1));
    // A fragment inside a name ("查 五金" for 老王五金店) cannot use a B-tree: scan the narrow name
    // indexes (covering, so no table rows are read), and only when the prefixes found nothing.
    // Digits are phone fragments: prefix and tail are what people type, no scan for those.
    if (ids.size === 0 && text.length >= 2 && !/^\d+$/.test(digits)) {
      const like = `%${likeEscape(text)}%`;
      for (const id of await this.idsUnion(
        [
          ['name', like],
          ['shop_name', like],
        ],
        cap + 1,
      ))
        ids.add(id);
    }
    const sorted = [...ids].sort((a, b) => b - a);
    const capped = sorted.length > cap;
    const page = sorted.slice(0, cap).slice(q.offset, q.offset + q.limit);
    return { items: await this.getMany(page), total: Math.min(sorted.length, cap), capped };
  }

  /**
   * One round trip for several LIKE branches: each its own index range scan with its own LIMIT,
   * merged by UNION (no OR that would defeat the indexes). Same SQL on MySQL and SQLite.
   */
  private async idsUnion(branches: Array<[column: string, like: string]>, limit: number): Promise<number[]> {
    const parts = branches.map(
      ([column]) =>
        `SELECT id FROM (SELECT id FROM client WHERE ${column} LIKE ? ESCAPE '!' LIMIT ${Number(limit)}) AS b_${column}`,
    );
    const rows: Array<{ id: number | string }> = await this.em.query(
      parts.join(' UNION '),
      branches.map(([, like]) => like),
    );
    return rows.map((r) => Number(r.id));
  }

  async listByOwner(q: {
    ownerOpenId: string;
    grade?: Grade;
    state?: PipelineState;
    offset: number;
    limit: number;
  }): Promise<{ items: Client[]; total: number }> {
    const qb = this.repo.createQueryBuilder('c').where('c.owner_open_id = :owner', { owner: q.ownerOpenId });
    if (q.grade) qb.andWhere('c.grade = :grade', { grade: q.grade });
    if (q.state) qb.andWhere('c.state = :state', { state: q.state });
    const total = await qb.clone().getCount();
    // Deferred join: page through the narrow (owner, updated_at, id) index for ids only, then read
    // just that page's rows — a deep page does not read the rows it skips.
    const ids = await qb
      .select('c.id', 'id')
      .orderBy('c.updated_at', 'DESC')
      .addOrderBy('c.id', 'DESC')
      .offset(q.offset)
      .limit(q.limit)
      .getRawMany<{ id: number | string }>();
    return { items: await this.getMany(ids.map((r) => Number(r.id))), total };
  }

  async getMany(ids: number[]): Promise<Client[]> {
    if (ids.length === 0) return [];
    const rows = await this.repo.findBy({ id: In(ids) });
    const byId = new Map(rows.map((r) => [r.id, toClient(r)]));
    return ids.map((id) => byId.get(id)).filter((c): c is Client => c !== undefined);
  }
}

/** Digits only, reversed: 13812345678 → 87654321831; 0571-8888888 → 88888881750. */
export function reversePhone(phone: string | null): string | null {
  return phone ? phone.replace(/\D/g, '').split('').reverse().join('') : null;
}

/** `!` escapes LIKE wildcards on both dialects (a backslash would need doubling on MySQL only). */
function likeEscape(text: string): string {
  return text.replace(/[!%_]/g, (m) => `!${m}`);
}

function ownerColumns(owner: Owner): Pick<ClientRow, 'owner_kind' | 'owner_open_id'> {
  return owner.kind === 'pool'
    ? { owner_kind: 'pool', owner_open_id: null }
    : { owner_kind: 'agent', owner_open_id: owner.openId };
}

export function toClient(r: ClientRow): Client {
  return {
    id: r.id,
    regNo: r.reg_no,
    name: r.name,
    shopName: r.shop_name,
    contactPerson: r.contact_person,
    phone: r.phone,
    category: r.category,
    clientType: (r.client_type as Client['clientType']) ?? null,
    source: r.source,
    grade: (r.grade as Client['grade']) ?? null,
    state: r.state as Client['state'],
    lostReason: r.lost_reason,
    owner: r.owner_kind === 'pool' || !r.owner_open_id ? { kind: 'pool' } : { kind: 'agent', openId: r.owner_open_id },
    createdAt: new Date(r.created_at),
    updatedAt: new Date(r.updated_at),
  };
}

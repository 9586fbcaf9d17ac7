import type { EntityManager } from 'typeorm';
import type { Client, ClientRepository, ClientSearch, NewClient, Owner } from '../../domain/clients/client.js';
import { ClientEntity, type ClientRow } from '../entities/client.entities.js';

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

  async create(c: NewClient, now: Date): Promise<Client> {
    const res = await this.repo.insert({
      reg_no: c.regNo ?? null,
      name: c.name,
      shop_name: c.shopName,
      contact_person: c.contactPerson,
      phone: c.phone,
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
    if (patch.phone !== undefined) cols.phone = patch.phone;
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
      const like = `%${q.text.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
      qb.andWhere("(c.name LIKE :like ESCAPE '\\' OR c.shop_name LIKE :like ESCAPE '\\' OR c.phone LIKE :like ESCAPE '\\')", { like });
    }
    qb.orderBy('c.updated_at', 'DESC').addOrderBy('c.id', 'DESC');
    const [rows, total] = await qb.skip(q.offset ?? 0).take(q.limit ?? 10).getManyAndCount();
    return { items: rows.map(toClient), total };
  }
}

function ownerColumns(owner: Owner): Pick<ClientRow, 'owner_kind' | 'owner_open_id'> {
  return owner.kind === 'pool' ? { owner_kind: 'pool', owner_open_id: null } : { owner_kind: 'agent', owner_open_id: owner.openId };
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

import type { EntityManager } from 'typeorm';
import type { Material } from '../../domain/materials/material.js';
import type { MaterialRepository } from '../../domain/materials/material.ports.js';
import { MaterialEntity, type MaterialRow } from '../entities/materials.entities.js';

export class TypeOrmMaterialRepository implements MaterialRepository {
  constructor(private readonly em: EntityManager) {}

  private get repo() {
    return this.em.getRepository(MaterialEntity);
  }

  async create(
    m: Pick<Material, 'title' | 'kind' | 'body' | 'status' | 'createdBy' | 'approvedBy' | 'approvedAt'>,
    now: Date,
  ): Promise<Material> {
    const res = await this.repo.insert({
      title: m.title,
      kind: m.kind,
      body: m.body,
      status: m.status,
      created_by: m.createdBy,
      approved_by: m.approvedBy,
      approved_at: m.approvedAt,
      created_at: now,
      updated_at: now,
    });
    return (await this.get(Number(res.identifiers[0]?.id)))!;
  }

  async get(id: number): Promise<Material | undefined> {
    const row = await this.repo.findOneBy({ id });
    return row ? toMaterial(row) : undefined;
  }

  async list(f: { approvedOnly: boolean; limit: number }): Promise<Material[]> {
    const qb = this.repo.createQueryBuilder('m');
    if (f.approvedOnly) qb.where('m.status = :approved', { approved: 'approved' });
    const rows = await qb.orderBy('m.updated_at', 'DESC').addOrderBy('m.id', 'DESC').limit(f.limit).getMany();
    return rows.map(toMaterial);
  }

  async approve(id: number, by: string, at: Date): Promise<boolean> {
    const res = await this.repo
      .createQueryBuilder()
      .update()
      .set({ status: 'approved', approved_by: by, approved_at: at, updated_at: at })
      .where('id = :id AND status = :draft', { id, draft: 'draft' })
      .execute();
    return res.affected === 1;
  }
}

function toMaterial(r: MaterialRow): Material {
  return {
    id: r.id,
    title: r.title,
    kind: r.kind as Material['kind'],
    body: r.body,
    status: r.status as Material['status'],
    createdBy: r.created_by,
    approvedBy: r.approved_by,
    approvedAt: r.approved_at ? new Date(r.approved_at) : null,
    createdAt: new Date(r.created_at),
    updatedAt: new Date(r.updated_at),
  };
}

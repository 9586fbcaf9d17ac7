import { In, type EntityManager } from 'typeorm';
import type { ContractRepository } from '../../domain/forms/form.ports.js';
import type { ContractCollection, SignedContract, SigningPlan } from '../../domain/forms/form.js';
import { FormError } from '../../domain/shared/errors.js';
import {
  CollectionEntity,
  SignedContractEntity,
  SigningPlanEntity,
  type CollectionRow,
  type SignedContractRow,
  type SigningPlanRow,
} from '../entities/forms.entities.js';
import { isDuplicateKey } from '../json.js';

const num = (v: string | number | null): number | null => (v === null || v === undefined ? null : Number(v));

export class TypeOrmContractRepository implements ContractRepository {
  constructor(private readonly em: EntityManager) {}

  async addSigningPlan(p: Omit<SigningPlan, 'id' | 'createdAt' | 'status'>, now: Date): Promise<SigningPlan> {
    const repo = this.em.getRepository(SigningPlanEntity);
    const res = await repo.insert({
      client_id: p.clientId,
      agent_open_id: p.agentOpenId,
      deposit_amount: p.depositAmount,
      paid_date: p.paidDate,
      signing_date: p.signingDate,
      unit: p.unit,
      status: 'planned',
      created_at: now,
    });
    return toPlan((await repo.findOneBy({ id: Number(res.identifiers[0]?.id) }))!);
  }

  async listSigningsDue(date: string, agentOpenId?: string): Promise<SigningPlan[]> {
    const qb = this.em
      .getRepository(SigningPlanEntity)
      .createQueryBuilder('p')
      .where('p.status = :s', { s: 'planned' })
      .andWhere('p.signing_date = :date', { date });
    if (agentOpenId) qb.andWhere('p.agent_open_id = :a', { a: agentOpenId });
    return (await qb.orderBy('p.agent_open_id', 'ASC').addOrderBy('p.id', 'ASC').getMany()).map(toPlan);
  }

  async openSigningPlanFor(clientId: number): Promise<SigningPlan | undefined> {
    const row = await this.em
      .getRepository(SigningPlanEntity)
      .findOne({ where: { client_id: clientId, status: 'planned' }, order: { id: 'DESC' } });
    return row ? toPlan(row) : undefined;
  }

  async markSigningPlansSigned(clientId: number): Promise<void> {
    await this.em
      .getRepository(SigningPlanEntity)
      .update({ client_id: clientId, status: 'planned' }, { status: 'signed' });
  }

  async addCollection(c: Omit<ContractCollection, 'id' | 'createdAt'>, now: Date): Promise<ContractCollection> {
    const repo = this.em.getRepository(CollectionEntity);
    try {
      const res = await repo.insert({
        contract_no: c.contractNo,
        client_id: c.clientId,
        agent_open_id: c.agentOpenId,
        unit: c.unit,
        area: c.area,
        monthly_rent: c.monthlyRent,
        term_months: c.termMonths,
        collected_date: c.collectedDate,
        created_at: now,
      });
      return toCollection((await repo.findOneBy({ id: Number(res.identifiers[0]?.id) }))!);
    } catch (err) {
      if (isDuplicateKey(err)) throw contractNoTaken(c.contractNo);
      throw err;
    }
  }

  async findCollection(contractNo: string): Promise<ContractCollection | undefined> {
    const row = await this.em.getRepository(CollectionEntity).findOneBy({ contract_no: contractNo });
    return row ? toCollection(row) : undefined;
  }

  async addSigned(c: Omit<SignedContract, 'id' | 'createdAt'>, now: Date): Promise<SignedContract> {
    const repo = this.em.getRepository(SignedContractEntity);
    try {
      const res = await repo.insert({
        contract_no: c.contractNo,
        client_id: c.clientId,
        agent_open_id: c.agentOpenId,
        signed_date: c.signedDate,
        unit: c.unit,
        area: c.area,
        monthly_rent: c.monthlyRent,
        collection_id: c.collectionId,
        entered_by: c.enteredBy,
        created_at: now,
      });
      return toSigned((await repo.findOneBy({ id: Number(res.identifiers[0]?.id) }))!);
    } catch (err) {
      if (isDuplicateKey(err)) throw contractNoTaken(c.contractNo);
      throw err;
    }
  }

  async findSigned(contractNo: string): Promise<SignedContract | undefined> {
    const row = await this.em.getRepository(SignedContractEntity).findOneBy({ contract_no: contractNo });
    return row ? toSigned(row) : undefined;
  }

  async collectionsOn(date: string): Promise<ContractCollection[]> {
    return (
      await this.em.getRepository(CollectionEntity).find({ where: { collected_date: date }, order: { id: 'ASC' } })
    ).map(toCollection);
  }

  async signedOn(date: string): Promise<SignedContract[]> {
    return (
      await this.em.getRepository(SignedContractEntity).find({ where: { signed_date: date }, order: { id: 'ASC' } })
    ).map(toSigned);
  }

  async signedByNumbers(contractNos: string[]): Promise<SignedContract[]> {
    if (contractNos.length === 0) return [];
    return (await this.em.getRepository(SignedContractEntity).findBy({ contract_no: In(contractNos) })).map(toSigned);
  }

  async collectionsByNumbers(contractNos: string[]): Promise<ContractCollection[]> {
    if (contractNos.length === 0) return [];
    return (await this.em.getRepository(CollectionEntity).findBy({ contract_no: In(contractNos) })).map(toCollection);
  }
}

/** A contract number used twice is the user's to fix, on that field: the form comes back. */
function contractNoTaken(contractNo: string): FormError {
  return new FormError(
    { contract_no: { key: 'form.err.contract_no_taken', params: { value: contractNo } } },
    { contract_no: contractNo },
  );
}

function toPlan(r: SigningPlanRow): SigningPlan {
  return {
    id: r.id,
    clientId: r.client_id,
    agentOpenId: r.agent_open_id,
    depositAmount: Number(r.deposit_amount),
    paidDate: r.paid_date,
    signingDate: r.signing_date,
    unit: r.unit,
    status: r.status as SigningPlan['status'],
    createdAt: new Date(r.created_at),
  };
}

function toCollection(r: CollectionRow): ContractCollection {
  return {
    id: r.id,
    contractNo: r.contract_no,
    clientId: r.client_id,
    agentOpenId: r.agent_open_id,
    unit: r.unit,
    area: num(r.area),
    monthlyRent: num(r.monthly_rent),
    termMonths: r.term_months,
    collectedDate: r.collected_date,
    createdAt: new Date(r.created_at),
  };
}

function toSigned(r: SignedContractRow): SignedContract {
  return {
    id: r.id,
    contractNo: r.contract_no,
    clientId: r.client_id,
    agentOpenId: r.agent_open_id,
    signedDate: r.signed_date,
    unit: r.unit,
    area: num(r.area),
    monthlyRent: num(r.monthly_rent),
    collectionId: r.collection_id,
    enteredBy: r.entered_by,
    createdAt: new Date(r.created_at),
  };
}

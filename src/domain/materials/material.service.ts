import { hasRole, type Member } from '../members/roles.js';
import type { Clock } from '../shared/clock.js';
import { conflict, forbidden, FormError, notFound } from '../shared/errors.js';
import type { Tx } from '../shared/tx.js';
import type { FieldErrors } from '../field-visits/field-visit.rules.js';
import { MATERIAL_KINDS, type Material, type MaterialKind } from './material.js';

/**
 * R-INFO-1: only material the company approved is handed out by the bot. Managers add material as a
 * draft or approved; drafts are visible to managers only; agents list and receive approved ones.
 */
export class MaterialService {
  constructor(private readonly deps: { clock: Clock }) {}

  async add(
    tx: Tx,
    actor: Member,
    input: { title: string; kind: string; body: string; approved: boolean },
  ): Promise<Material> {
    if (!hasRole(actor, 'manager')) throw forbidden('material.only_manager');
    const title = input.title.trim();
    const body = input.body.trim();
    const errors: FieldErrors = {};
    if (!title) errors.title = { key: 'material.title_required' };
    else if (title.length > 100) errors.title = { key: 'material.title_too_long' };
    if (!(MATERIAL_KINDS as readonly string[]).includes(input.kind)) errors.kind = { key: 'material.bad_kind' };
    if (!body) errors.body = { key: 'material.body_required' };
    else if (input.kind !== 'text' && !/^https?:\/\/\S+$/.test(body)) errors.body = { key: 'material.body_url' };
    // One Feishu input holds at most 1000 characters (input.max_length 1–1000); longer texts go as a file or link.
    else if (body.length > 1000) errors.body = { key: 'material.body_too_long' };
    if (Object.keys(errors).length)
      throw new FormError(errors, {
        title: input.title,
        kind: input.kind,
        body: input.body,
        status: input.approved ? 'approved' : 'draft',
      });
    const now = this.deps.clock.now();
    const m = await tx.materials.create(
      {
        title,
        kind: input.kind as MaterialKind,
        body,
        status: input.approved ? 'approved' : 'draft',
        createdBy: actor.openId,
        approvedBy: input.approved ? actor.openId : null,
        approvedAt: input.approved ? now : null,
      },
      now,
    );
    await tx.audit.append(
      {
        actor: actor.openId,
        action: input.approved ? 'material.added_approved' : 'material.added_draft',
        subjectType: 'material',
        subjectId: String(m.id),
        after: { title, kind: m.kind },
        rule: 'R-INFO-1',
      },
      now,
    );
    return m;
  }

  async approve(tx: Tx, actor: Member, id: number): Promise<Material> {
    if (!hasRole(actor, 'manager')) throw forbidden('material.only_manager');
    const now = this.deps.clock.now();
    if (!(await tx.materials.get(id))) throw notFound('material.not_found', { id });
    if (!(await tx.materials.approve(id, actor.openId, now))) throw conflict('material.already_approved');
    await tx.audit.append(
      {
        actor: actor.openId,
        action: 'material.approved',
        subjectType: 'material',
        subjectId: String(id),
        before: { status: 'draft' },
        after: { status: 'approved' },
        rule: 'R-INFO-1',
      },
      now,
    );
    return (await tx.materials.get(id))!;
  }

  /** Managers see drafts too; everyone else only approved material. */
  async list(tx: Tx, actor: Member): Promise<Material[]> {
    return tx.materials.list({ approvedOnly: !hasRole(actor, 'manager'), limit: 30 });
  }

  /** One material to hand out: a draft is "not found" to anyone but a manager. */
  async get(tx: Tx, actor: Member, id: number): Promise<Material> {
    const m = await tx.materials.get(id);
    if (!m || (m.status !== 'approved' && !hasRole(actor, 'manager'))) throw notFound('material.not_found', { id });
    return m;
  }
}

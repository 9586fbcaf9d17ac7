import { EntitySchema } from 'typeorm';
import { datetime, generatedId, nullableDatetime, nullableVarchar, text, varchar } from './columns.js';

/** The approved materials (资料库); created with the tiers' tables (migrations/1763800000420-CreateTiersAndMaterials.ts). */
export interface MaterialRow {
  id: number;
  title: string;
  kind: string;
  body: string;
  status: string;
  created_by: string;
  approved_by: string | null;
  approved_at: Date | null;
  created_at: Date;
  updated_at: Date;
}
export const MaterialEntity = new EntitySchema<MaterialRow>({
  name: 'material',
  columns: {
    id: generatedId(),
    title: varchar(100),
    kind: varchar(8),
    body: text(),
    status: varchar(16),
    created_by: varchar(64),
    approved_by: nullableVarchar(64),
    approved_at: nullableDatetime(),
    created_at: datetime(),
    updated_at: datetime(),
  },
});

export const materialEntities = [MaterialEntity];

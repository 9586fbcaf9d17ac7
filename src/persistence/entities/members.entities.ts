import { EntitySchema } from 'typeorm';
import { boolean, datetime, nullableDatetime, varchar } from './columns.js';

/** Members and their roles. */

export interface MemberRow {
  open_id: string;
  name: string;
  roles: string;
  active: boolean;
  name_refreshed_at: Date | null;
  created_at: Date;
  updated_at: Date;
}
export const MemberEntity = new EntitySchema<MemberRow>({
  name: 'member',
  columns: {
    open_id: { ...varchar(64), primary: true },
    name: varchar(100),
    roles: varchar(191),
    active: boolean(),
    name_refreshed_at: nullableDatetime(),
    created_at: datetime(),
    updated_at: datetime(),
  },
});

export const memberEntities = [MemberEntity];

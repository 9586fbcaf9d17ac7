import { EntitySchema } from 'typeorm';
import {
  datetime,
  generatedId,
  integer,
  nullableDatetime,
  nullableText,
  nullableVarchar,
  text,
  varchar,
} from './columns.js';

/** The event inbox: every event stored once (event_id, message_id) before it is acknowledged. */

export interface InboxRow {
  id: number;
  event_id: string;
  message_id: string | null;
  event_type: string;
  payload: string;
  status: 'processing' | 'done' | 'failed';
  attempts: number;
  received_at: Date;
  lease_until: Date | null;
  processed_at: Date | null;
  last_error: string | null;
}
export const InboxEntity = new EntitySchema<InboxRow>({
  name: 'inbox_event',
  columns: {
    id: generatedId(),
    event_id: varchar(100),
    message_id: nullableVarchar(100),
    event_type: varchar(64),
    payload: text(),
    status: varchar(16),
    attempts: integer(),
    received_at: datetime(),
    lease_until: nullableDatetime(),
    processed_at: nullableDatetime(),
    last_error: nullableText(),
  },
});

export const inboxEntities = [InboxEntity];

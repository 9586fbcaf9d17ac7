import { EntitySchema } from 'typeorm';
import { datetime, text, varchar } from './columns.js';

/** Run-time settings an admin changes in chat (the department group, the calendar, schedules). */

export interface SettingRow {
  setting_key: string;
  value_json: string;
  updated_at: Date;
}
export const SettingEntity = new EntitySchema<SettingRow>({
  name: 'app_setting',
  columns: {
    setting_key: { ...varchar(100), primary: true },
    value_json: text(),
    updated_at: datetime(),
  },
});

export const settingEntities = [SettingEntity];

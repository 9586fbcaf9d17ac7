import { maskPhone } from '../../domain/clients/phone.js';
import type { FormNotices } from '../../domain/forms/form-settings.js';
import { t } from '../../i18n/index.js';
import { tmd } from './safe-text.js';
import { card, md } from './card-kit.js';
import { dateTime } from './time-format.js';

/** What the forms tell people other than the one filing. Phones are masked: these may be forwarded. */
export function formNotices(timezone: string): FormNotices {
  const time = (d: Date) => dateTime(d, timezone);
  return {
    duplicateToOwner: ({ client, byName }) =>
      card({
        title: t('notice.duplicate_title'),
        template: 'orange',
        elements: [
          md(
            tmd('notice.duplicate_owner', {
              by: byName,
              name: client.name,
              regNo: client.regNo ?? '—',
              phone: client.phone ? maskPhone(client.phone) : '—',
            }),
          ),
        ],
      }),
    duplicateToManagers: ({ client, byName }) =>
      card({
        title: t('notice.duplicate_title'),
        template: 'orange',
        elements: [
          md(
            tmd('notice.duplicate_pool', {
              by: byName,
              name: client.name,
              regNo: client.regNo ?? '—',
              phone: client.phone ? maskPhone(client.phone) : '—',
            }),
          ),
        ],
      }),
    falseInfoFlagged: ({ form, client, managerName, reason }) =>
      card({
        title: t('notice.flag_title'),
        template: 'red',
        elements: [
          md(
            tmd('notice.flag_body', {
              manager: managerName,
              kind: t(`form_kind.${form.kind}`),
              client: client?.name ?? '—',
              filed: time(form.filedAt),
              reason,
            }),
          ),
        ],
      }),
  };
}

import { t } from '../../i18n/index.js';

/**
 * The one way a card names a client by number, so staff see one client as one number: its
 * registration number (登记号) once registered; before that, the walk-in's arrival number, labelled
 * as such so nobody takes it for the client's. Every card that shows a client number calls this.
 */
export function clientNumber(o: { regNo?: string | null; walkInId?: number | null }): string {
  if (o.regNo) return t('client_no.registered', { regNo: o.regNo });
  if (o.walkInId) return t('client_no.arrival', { n: o.walkInId });
  return t('client_no.none');
}

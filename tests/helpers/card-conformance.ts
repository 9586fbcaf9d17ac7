import { afterAll, afterEach, expect } from 'vitest';
import { cardTitle, checkCard, type Violation } from '../../src/lark/card-rules.js';
import { cardViolationLog, type CardViolationRecord } from '../../src/sandbox/fake-lark-server.js';

/**
 * Feishu's card rules over every card the suite produces. The stand-in Open API (checkCards) checks
 * what is sent and patched; `checkCallbackResponse` checks what a card callback answers (its `card`
 * replaces the clicked card). Importing this module (test-app.ts and sandbox-app.ts do) makes any
 * violation fail the test during which it appeared, naming the card and the JSON path.
 */

const TOAST_TYPES = ['info', 'success', 'error', 'warning'];

/** Violations of the callback response protocol (K1, K3, K4) and of the card rules for its card. */
export function callbackResponseViolations(status: number, body: unknown): Violation[] {
  const out: Violation[] = [];
  // K1: anything but 200 is a client error (200671).
  if (status !== 200)
    out.push({ rule: 'K1', path: '$', message: `a callback is answered with HTTP 200, got ${status}` });
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    out.push({ rule: 'K3', path: '$', message: 'a callback response is a JSON object' });
    return out;
  }
  const b = body as Record<string, unknown>;
  for (const k of Object.keys(b))
    if (k !== 'toast' && k !== 'card')
      out.push({ rule: 'K3', path: `$.${k}`, message: `a callback response has toast and card only, not "${k}"` });
  if (b.toast !== undefined) {
    const toast = b.toast as Record<string, unknown>;
    if (!toast || typeof toast !== 'object' || !TOAST_TYPES.includes(toast.type as string))
      out.push({ rule: 'K3', path: '$.toast.type', message: `toast type is ${TOAST_TYPES.join('|')}` });
    else if (typeof toast.content !== 'string' && (!toast.i18n || typeof toast.i18n !== 'object'))
      out.push({ rule: 'K3', path: '$.toast.content', message: 'a toast has content or i18n' });
  }
  if (b.card !== undefined) {
    const card = b.card as Record<string, unknown>;
    if (!card || typeof card !== 'object' || !['raw', 'template'].includes(card.type as string))
      out.push({ rule: 'K3', path: '$.card.type', message: 'card is { type: raw | template, data }' });
    else if (card.type === 'raw') {
      // K4: a 2.0 card is replaced only by a 2.0 card; the rest are the card rules.
      out.push(...checkCard(card.data).map((x) => ({ ...x, path: x.path.replace(/^\$/, '$.card.data') })));
    }
  }
  return out;
}

/** Called by the test app for every request it posts; only card callbacks' answers are checked. */
export function checkCallbackResponse(payload: unknown, status: number, body: unknown): void {
  const eventType = (payload as { header?: { event_type?: string } } | undefined)?.header?.event_type;
  // A refused request (bad signature, stale timestamp…) is the test's own subject, not a callback answer.
  if (eventType !== 'card.action.trigger' || status !== 200) return;
  const violations = callbackResponseViolations(status, body);
  if (!violations.length) return;
  const card = (body as { card?: { data?: unknown } } | undefined)?.card?.data;
  cardViolationLog.push({ where: 'callback response', title: card ? cardTitle(card) : '(no card)', violations });
}

/** The log as one readable message per card. */
export function describeViolations(records: CardViolationRecord[]): string {
  return records
    .map(
      (r) => `“${r.title}” (${r.where}):\n${r.violations.map((x) => `  ${x.rule} ${x.path}: ${x.message}`).join('\n')}`,
    )
    .join('\n');
}

function failOnViolations(): void {
  if (!cardViolationLog.length) return;
  const records = cardViolationLog.splice(0);
  expect.fail(`Feishu would refuse ${records.length} card(s):\n${describeViolations(records)}`);
}

afterEach(failOnViolations);
// A card sent after the last test (a background relay pass) still fails the file.
afterAll(failOnViolations);

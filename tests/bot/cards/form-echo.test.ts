import { describe, expect, it } from 'vitest';
import { signedContractFormCard, visitorFormCard } from '../../../src/bot/cards/form-cards.js';
import { rawStrings } from '../../../src/domain/forms/form-schema.js';
import { checkCard } from '../../../src/lark/card-rules.js';

/** Every element of a card (containers opened). */
function all(node: unknown): any[] {
  if (Array.isArray(node)) return node.flatMap(all);
  if (!node || typeof node !== 'object') return [];
  const o = node as Record<string, unknown>;
  return [o, ...all(o.elements), ...all(o.columns)];
}
const field = (card: any, name: string) => all(card.body.elements).find((e) => e.name === name);

describe('forms that come back (R-FORM-1)', () => {
  it('R-FORM-1: what was typed is read whole up to what a Feishu input holds (1000), not cut at 500', () => {
    const typed = rawStrings({ note: '记'.repeat(999) + '尾', other: 'x'.repeat(5000) }, ['note', 'other']);
    expect(typed.note).toBe('记'.repeat(999) + '尾');
    expect(Array.from(typed.other!)).toHaveLength(1000);
  });

  it("R-FORM-1: a returned form shows each value up to its field's limit, and Feishu would take the card", () => {
    const card = visitorFormCard(
      2,
      {},
      {
        values: { name: '老王五金', note: '备'.repeat(200), category: '灯'.repeat(80) },
        errors: { phone: '电话不对' },
      },
    );
    expect(field(card, 'note').default_value).toBe('备'.repeat(200));
    expect(field(card, 'category').default_value).toBe('灯'.repeat(50));
    expect(checkCard(card)).toEqual([]);
  });

  it('R-FORM-1: fields a form cannot be stored without are required for the Feishu client; the rulebook-only ones are not', () => {
    const card = signedContractFormCard();
    expect(field(card, 'contract_no').required).toBe(true);
    expect(field(card, 'signed_date').required).toBe(true);
    // Missing, these make the contract "incomplete" but it is still stored (R-FORM-1).
    expect(field(card, 'unit').required).toBeUndefined();
    expect(checkCard(card)).toEqual([]);
  });
});

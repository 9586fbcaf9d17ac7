/** Parsing of the amounts and numbers typed into forms (deposits, rent, area). Pure. */

export type AmountParse = { ok: true; value: number } | { ok: false; reason: 'format' | 'not_positive' };

/**
 * 5000, 5,000, 5000.5, ¥5000, 5000元, 0.5万, 5万元 → yuan with at most two decimals.
 * Negative or zero amounts are refused ("not_positive"), anything else unreadable is "format".
 */
export function parseAmount(input: string): AmountParse {
  let s = input
    .trim()
    .replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[,，\s]/g, '')
    .replace(/^[¥￥]/, '')
    .replace(/(元|块|rmb|cny)$/i, '');
  let factor = 1;
  if (s.endsWith('万')) {
    factor = 10_000;
    s = s.slice(0, -1);
  }
  if (/^[-－]\d/.test(s)) return { ok: false, reason: 'not_positive' };
  if (!/^\d+(\.\d+)?$/.test(s)) return { ok: false, reason: 'format' };
  const value = Math.round(Number(s) * factor * 100) / 100;
  if (!Number.isFinite(value)) return { ok: false, reason: 'format' };
  if (value <= 0) return { ok: false, reason: 'not_positive' };
  return { ok: true, value };
}

/** Yuan for display: 12,345.5 → "12,345.50". */
export function formatYuan(value: number): string {
  return value.toLocaleString('en-US', { minimumFractionDigits: 0, maximumFractionDigits: 2 });
}

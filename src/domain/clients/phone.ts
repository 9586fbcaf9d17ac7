/**
 * Chinese phone numbers, normalised so that the same client is found however the number was typed
 * (R-ATT-3), and masked wherever someone other than the owner reads it (R-INFO-2).
 *
 * Mobile: 11 digits starting 1[3-9], with or without +86 / 0086 / 86, spaces or dashes → "13812345678".
 * Landline: area code 0 + 2–3 digits, then 7–8 digits → "010-12345678", "0571-8888888";
 * an extension after "-", "转" or "ext" is dropped.
 */
export type PhoneResult = { ok: true; value: string; kind: 'mobile' | 'landline' } | { ok: false };

const TWO_DIGIT_AREAS = new Set(['10', '20', '21', '22', '23', '24', '25', '27', '28', '29']);

export function normalizePhone(input: string): PhoneResult {
  if (typeof input !== 'string') return { ok: false };
  let s = input
    .trim()
    .replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(/(转|ext\.?|x)\s*\d{1,6}$/i, '');
  if (!/^[\d\s\-+()（）.]+$/.test(s)) return { ok: false };
  s = s.replace(/[\s\-().（）]/g, '');
  if (s.startsWith('+86')) s = s.slice(3);
  else if (s.startsWith('0086')) s = s.slice(4);
  else if (s.startsWith('86') && s.length === 13) s = s.slice(2);
  if (s.includes('+')) return { ok: false };

  if (/^1[3-9]\d{9}$/.test(s)) return { ok: true, value: s, kind: 'mobile' };

  // Landline with its area code (a leading 0 is required, as dialled within China).
  if (/^0\d{9,11}$/.test(s)) {
    const areaLen = TWO_DIGIT_AREAS.has(s.slice(1, 3)) ? 3 : 4;
    const area = s.slice(0, areaLen);
    const local = s.slice(areaLen);
    if (/^[2-9]\d{6,7}$/.test(local)) return { ok: true, value: `${area}-${local}`, kind: 'landline' };
  }
  return { ok: false };
}

/** 138****5678 for mobiles; 0571-****888 for landlines. */
export function maskPhone(normalized: string): string {
  if (/^1\d{10}$/.test(normalized)) return `${normalized.slice(0, 3)}****${normalized.slice(7)}`;
  const m = /^(0\d{2,3})-(\d+)$/.exec(normalized);
  if (m) return `${m[1]}-****${m[2]!.slice(-3)}`;
  return normalized.length > 4 ? `${'*'.repeat(normalized.length - 4)}${normalized.slice(-4)}` : '****';
}

/**
 * Money is counted in integer fen (分) so that sums and splits never drift the way floats do
 * (0.1 + 0.2). Yuan come in as decimal strings (MySQL DECIMAL) or numbers with at most two
 * decimals (SQLite, forms); they are turned into fen once, at the edge.
 */
export type Fen = number;

/** '12345.6' | 12345.6 → 1234560. A decimal string is parsed digit by digit (no float on the way). */
export function toFen(yuan: number | string | null | undefined): Fen {
  if (yuan === null || yuan === undefined || yuan === '') return 0;
  if (typeof yuan === 'number') {
    if (!Number.isFinite(yuan)) throw new Error(`not an amount: ${yuan}`);
    return Math.round(yuan * 100);
  }
  const m = /^\s*(-?)(\d+)(?:\.(\d*))?\s*$/.exec(yuan);
  if (!m) throw new Error(`not an amount: ${yuan}`);
  const frac = (m[3] ?? '').padEnd(3, '0');
  // Third decimal rounds half up, as a cashier would.
  const fen = Number(m[2]) * 100 + Number(frac.slice(0, 2)) + (Number(frac[2]) >= 5 ? 1 : 0);
  return m[1] === '-' ? -fen : fen;
}

/** 1234560 → '12345.60' (exact; for storage and text). */
export function fenToDecimal(fen: Fen): string {
  const sign = fen < 0 ? '-' : '';
  const a = Math.abs(Math.round(fen));
  return `${sign}${Math.floor(a / 100)}.${String(a % 100).padStart(2, '0')}`;
}

/** 1234560 → '12,345.60' for cards. */
export function formatFen(fen: Fen): string {
  const [int, frac] = fenToDecimal(fen).split('.') as [string, string];
  return `${int.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${frac}`;
}

/** Fen as a number of yuan for a spreadsheet cell (two decimals; the sum is computed in fen first). */
export function fenToYuanNumber(fen: Fen): number {
  return Number(fenToDecimal(fen));
}

/**
 * A multiple such as 1.2 or a share such as 0.8 as integer thousandths (1200, 800): the config is
 * read once into this form, so `rent × multiple` is integer arithmetic.
 */
export function toMilli(x: number): number {
  return Math.round(x * 1000);
}

/** fen × milli / 1000, rounded half up to the fen. */
export function mulMilli(fen: Fen, milli: number): Fen {
  return Math.round((fen * milli) / 1000);
}

/** Splits `total` by a percentage so that the two parts always add up to the total exactly. */
export function splitByPct(total: Fen, firstPct: number): [Fen, Fen] {
  const first = Math.round((total * firstPct) / 100);
  return [first, total - first];
}

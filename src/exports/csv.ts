import type { Writable } from 'node:stream';
import { once } from 'node:events';
import { Totals, toExcel } from './xlsx.js';
import type { Cell, Sheet } from './sheet.js';
import { csvText } from './cell-text.js';

/** The same sheet as CSV (UTF-8 with BOM so Excel reads the Chinese): the benchmark's baseline. */
function esc(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return csvText(v);
  // Numbers and dates are ours, never text someone typed: written as they are.
  return v instanceof Date
    ? v
        .toISOString()
        .slice(0, v.getUTCHours() || v.getUTCMinutes() ? 16 : 10)
        .replace('T', ' ')
    : String(v);
}

export async function writeCsv(sheet: Sheet, out: Writable, tz: string): Promise<{ rows: number }> {
  const write = async (line: string) => {
    if (!out.write(line)) await once(out, 'drain');
  };
  await write(`\ufeff${sheet.columns.map((c) => esc(c.header)).join(',')}\n`);
  const totals = new Totals(sheet.columns);
  const types = sheet.columns.map((c) => c.type);
  for await (const page of sheet.pages) {
    let chunk = '';
    for (const row of page) {
      totals.add(row);
      chunk += `${row.map((v: Cell, i) => esc(toExcel(types[i]!, v, tz))).join(',')}\n`;
    }
    await write(chunk);
  }
  await write(
    `${totals
      .row(sheet.totalLabel, sheet.totalOverride?.())
      .map((v, i) => (i === 0 ? esc(v) : esc(toExcel(types[i]!, v, tz))))
      .join(',')}\n`,
  );
  for (const row of sheet.afterTotal?.() ?? [])
    await write(`${row.map((v, i) => esc(toExcel(types[i]!, v, tz))).join(',')}\n`);
  return { rows: totals.rows };
}

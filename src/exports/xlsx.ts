import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { createRequire } from 'node:module';
import type ExcelJSTypes from 'exceljs';
import type { CellValue, Style, Worksheet } from 'exceljs';
import { wallClock } from '../domain/shared/zoned-time.js';
import type { Cell, Column, Sheet } from './sheet.js';
import { TEXT_FORMAT } from './cell-text.js';

// Required rather than imported: ExcelJS is CommonJS, and loading it through the ESM loader costs
// ≈ 9 MB more resident memory (measured) — a good part of an export's budget.
const ExcelJS = createRequire(import.meta.url)('exceljs') as typeof ExcelJSTypes;

/**
 * Writes one sheet with ExcelJS's streaming writer: each row is committed (and leaves memory) as
 * soon as it is written, so a year of a large department takes little more memory than a page.
 * Header row frozen and bold, column widths set, dates as real Excel dates showing the wall clock
 * of the department's timezone, and a bold totals row at the end.
 */
const NUM_FMT: Partial<Record<Column['type'], string>> = {
  // R-INFO-3: text columns are Text, so a typed `=…` stays text even when the cell is edited (see cell-text.ts).
  text: TEXT_FORMAT,
  int: '0',
  money: '#,##0.00',
  decimal2: '#,##0.00',
  pct: '0.00%',
  multiple: '0.0##',
  date: 'yyyy-mm-dd',
  datetime: 'yyyy-mm-dd hh:mm',
};

/**
 * An instant as the wall clock of `tz`, read as UTC. Intl is slow (µs per call, a second per 100k
 * rows), so the zone's offset is looked up once per six hours: when the offsets at both ends of
 * such a bucket agree, no DST change happened inside it; otherwise each instant is looked up.
 */
const BUCKET = 6 * 3_600_000;
const offsetCache = new Map<string, Map<number, number | null>>();
function offsetAt(ms: number, tz: string): number {
  const w = wallClock(new Date(ms), tz);
  const [y, m, d] = w.date.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d, w.hour, w.minute, w.second) - Math.floor(ms / 1000) * 1000;
}
function localAsUtc(at: Date, tz: string): Date {
  const ms = at.getTime();
  let zone = offsetCache.get(tz);
  if (!zone) offsetCache.set(tz, (zone = new Map()));
  const b = Math.floor(ms / BUCKET);
  let off = zone.get(b);
  if (off === undefined) {
    const start = offsetAt(b * BUCKET, tz);
    off = start === offsetAt((b + 1) * BUCKET - 1000, tz) ? start : null;
    if (zone.size > 20_000) zone.clear();
    zone.set(b, off);
  }
  // Excel shows whole seconds; the milliseconds are dropped like the wall clock drops them.
  return new Date(Math.floor((ms + (off ?? offsetAt(ms, tz))) / 1000) * 1000);
}

/** The cell value Excel gets: a calendar date or an instant becomes a Date whose UTC reading is the local wall clock. */
export function toExcel(type: Column['type'], v: Cell, tz: string): CellValue {
  if (v === null || v === undefined || v === '') return null;
  switch (type) {
    case 'money':
    case 'decimal2':
      return Number(v) / 100;
    case 'pct':
      return Number(v) / 10_000;
    case 'multiple':
      return Number(v) / 1000;
    case 'int':
      return Number(v);
    case 'date': {
      const [y, m, d] = String(v).split('-').map(Number) as [number, number, number];
      return new Date(Date.UTC(y, m - 1, d));
    }
    case 'datetime':
      return localAsUtc(v as Date, tz);
    default:
      return String(v);
  }
}

export class Totals {
  readonly sums: number[];
  rows = 0;
  constructor(private readonly columns: Column[]) {
    this.sums = columns.map(() => 0);
  }
  add(row: Cell[]): void {
    this.rows++;
    this.columns.forEach((c, i) => {
      // Integer units (fen, bp, units): exact sums.
      if (c.total === 'sum' && typeof row[i] === 'number') this.sums[i]! += row[i] as number;
    });
  }
  row(label: (rows: number) => string, override: Record<number, Cell> = {}): Cell[] {
    return this.columns.map((c, i) =>
      i in override ? override[i]! : i === 0 ? label(this.rows) : c.total === 'sum' ? this.sums[i]! : null,
    );
  }
}

const DRAIN_EVERY = 500;

/**
 * ExcelJS's sheet stream ignores backpressure: rows written faster than the zip deflates them pile
 * up as uncompressed XML (tens of MB for 100k rows — and with SQLite, whose driver is synchronous,
 * the event loop hardly turns between pages). So every few hundred rows we wait until the zip
 * entry the sheet is piped into has drained. Reaches into ExcelJS internals; without them it is a no-op.
 */
type Pipe = Writable & { _writableState?: { needDrain?: boolean } };
async function drained(ws: Worksheet): Promise<void> {
  // The zip entry is a readable-stream v2 PassThrough: no `writableNeedDrain`, but the state is there.
  const pipes = (ws as unknown as { stream?: { pipes?: Pipe[] } }).stream?.pipes ?? [];
  for (const p of pipes) if (p.writableNeedDrain ?? p._writableState?.needDrain) await once(p, 'drain');
}

export async function writeXlsx(sheet: Sheet, out: Writable, tz: string): Promise<{ rows: number }> {
  // Shared strings would keep every distinct string in memory until the end: off.
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const ws = wb.addWorksheet(sheet.name.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1, xSplit: 0 }] });
  ws.columns = sheet.columns.map((c, i) => ({ key: `c${i}`, width: c.width }));
  // One style object per column, shared by every cell of it: ExcelJS caches a style by object
  // identity, so a shared object is rendered once instead of once per cell (3× faster).
  const body = sheet.columns.map((c) => (NUM_FMT[c.type] ? { numFmt: NUM_FMT[c.type]! } : {}) as Partial<Style>);
  const bold = sheet.columns.map((_, i) => ({ ...body[i], font: { bold: true } }) as Partial<Style>);
  const header = sheet.columns.map(
    () =>
      ({
        font: { bold: true },
        fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } },
      }) as Partial<Style>,
  );
  const n = sheet.columns.length;
  const add = (values: CellValue[], styles: Array<Partial<Style>>) => {
    const row = ws.addRow(values);
    for (let i = 0; i < n; i++) row.getCell(i + 1).style = styles[i]!;
    row.commit();
  };
  add(
    sheet.columns.map((c) => c.header),
    header,
  );
  const totals = new Totals(sheet.columns);
  const types = sheet.columns.map((c) => c.type);
  for await (const page of sheet.pages) {
    for (let k = 0; k < page.length; k++) {
      const row = page[k]!;
      totals.add(row);
      add(
        row.map((v, i) => toExcel(types[i]!, v, tz)),
        body,
      );
      // Written: let the row go now rather than with the whole page (less survives into the old generation).
      page[k] = null as never;
      if (k % DRAIN_EVERY === DRAIN_EVERY - 1) await drained(ws);
    }
    await drained(ws);
  }
  add(
    totals.row(sheet.totalLabel, sheet.totalOverride?.()).map((v, i) => (i === 0 ? v : toExcel(types[i]!, v, tz))),
    bold,
  );
  for (const row of sheet.afterTotal?.() ?? [])
    add(
      row.map((v, i) => toExcel(types[i]!, v, tz)),
      body,
    );
  ws.commit();
  await wb.commit();
  return { rows: totals.rows };
}

/** The workbook as one Buffer (what Feishu's file upload takes); only the compressed bytes are held. */
export async function xlsxBuffer(sheet: Sheet, tz: string): Promise<{ buffer: Buffer; rows: number }> {
  const { PassThrough } = await import('node:stream');
  const chunks: Buffer[] = [];
  const pass = new PassThrough();
  pass.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    pass.on('end', resolve);
    pass.on('error', reject);
  });
  const { rows } = await writeXlsx(sheet, pass, tz);
  pass.end();
  await done;
  return { buffer: Buffer.concat(chunks), rows };
}

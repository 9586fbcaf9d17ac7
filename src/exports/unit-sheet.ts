import { createRequire } from 'node:module';
import type ExcelJSTypes from 'exceljs';
import { IMPORT_HEADERS } from '../domain/units/unit.rules.js';
import { TEXT_FORMAT } from './cell-text.js';

// Required rather than imported, like the export writer: ExcelJS is CommonJS (see xlsx.ts).
const ExcelJS = createRequire(import.meta.url)('exceljs') as typeof ExcelJSTypes;

/** An uploaded units sheet: each data row's cells as the admin sees them (Excel's shown text), with its row number. */
export type SheetRows =
  | { ok: true; rows: Array<{ row: number; cells: string[] }> }
  | { ok: false; reason: 'unreadable' | 'headers' };

/**
 * Reads the first worksheet of an .xlsx: row 1 must carry the template's headers (in order, so a
 * sheet from elsewhere is refused instead of misread); every later row is a unit. A cell's text is
 * what Excel shows, so 85.5 and "85.5" read the same.
 */
export async function readUnitSheet(bytes: Buffer, maxRows: number): Promise<SheetRows> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    return { ok: false, reason: 'unreadable' };
  }
  const ws = wb.worksheets[0];
  if (!ws) return { ok: false, reason: 'unreadable' };
  const cellText = (r: number, c: number) => {
    try {
      return String(ws.getRow(r).getCell(c).text ?? '').trim();
    } catch {
      return '';
    }
  };
  const headers = IMPORT_HEADERS.map((_, i) => cellText(1, i + 1).replace(/\s+/g, ''));
  if (headers.slice(0, 5).some((h, i) => !h.startsWith(IMPORT_HEADERS[i]!.replace(/\(.*$/, ''))))
    return { ok: false, reason: 'headers' };
  const rows: Array<{ row: number; cells: string[] }> = [];
  // One more than allowed, so the caller can say "too many" rather than cut silently.
  const last = Math.min(ws.rowCount, maxRows + 2);
  for (let r = 2; r <= last; r++) rows.push({ row: r, cells: IMPORT_HEADERS.map((_, i) => cellText(r, i + 1)) });
  return { ok: true, rows };
}

/** The template offered for download: the headers, text-formatted unit columns and two example rows. */
export async function unitTemplate(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('铺位');
  ws.columns = IMPORT_HEADERS.map((h, i) => ({
    header: h,
    width: i < 3 ? 12 : 16,
    ...(i < 3 || i === 5 ? { style: { numFmt: TEXT_FORMAT } } : {}),
  }));
  ws.getRow(1).font = { bold: true };
  ws.addRow(['A栋', '1F', '101', 120.5, 18000, '空置']);
  ws.addRow(['A栋', '2F', '201', 85.5, 12000, '意向']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

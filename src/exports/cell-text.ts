/**
 * R-INFO-3 for spreadsheets: text a user typed (a client's name, a purpose, an outcome) must never
 * be read as a formula. A spreadsheet program treats a field starting with `=`, `+`, `-` or `@` as
 * a formula when it reads CSV (and tab / carriage return can hide such a start), so, as OWASP's
 * CSV-injection advice says, such a field is written with a leading single quote — which Excel and
 * WPS read as "this is text" — and quoted. Numbers never pass through here: a negative rent stays a
 * number. In .xlsx the value is stored as a string cell, which is never evaluated; the text columns
 * are also formatted as Text (`@`) so that even editing the cell in Excel or WPS keeps it text.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function startsLikeFormula(text: string): boolean {
  return FORMULA_START.test(text);
}

/** A CSV field holding text: neutralised if it could start a formula, quoted when needed. */
export function csvText(text: string): string {
  if (startsLikeFormula(text)) return `"'${text.replace(/"/g, '""')}"`;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Excel's number format for text: what is in the cell is shown and kept as typed, never calculated. */
export const TEXT_FORMAT = '@';

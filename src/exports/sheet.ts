/**
 * A sheet as the exports describe it: typed columns and pages of rows. The writers (xlsx, csv)
 * turn the types into cells: money arrives in fen and is summed in fen before it becomes yuan,
 * calendar dates as `YYYY-MM-DD`, instants as Dates shown in the department's timezone.
 */
export type ColumnType = 'text' | 'int' | 'money' | 'decimal2' | 'pct' | 'multiple' | 'date' | 'datetime';

export interface Column {
  header: string;
  /** Excel width in characters (CJK counts about double). */
  width: number;
  type: ColumnType;
  /** `sum` adds the column up (exactly, in integer units) in the totals row. */
  total?: 'sum';
}

/** text/date: string; int: number; money/decimal2: hundredths (fen, centi-㎡); pct: basis points; multiple: thousandths; datetime: Date. */
export type Cell = string | number | Date | null;

export interface Sheet {
  /** Sheet tab name (≤ 31 chars). */
  name: string;
  columns: Column[];
  pages: AsyncIterable<Cell[][]>;
  /** The first cell of the totals row, given the number of data rows (e.g. 合计 12 条). */
  totalLabel: (rows: number) => string;
  /** Cells of the totals row the sums cannot give (e.g. a completion rate), by column index. */
  totalOverride?: () => Record<number, Cell>;
  /**
   * Rows written below the totals row and counted in none of its sums: a figure that belongs to no
   * column's total (the manager's bonus). Every totals row stays the exact sum of the rows above it.
   */
  afterTotal?: () => Cell[][];
}

import type { TableColumnOptions } from 'typeorm';

/**
 * Column shapes that mean the same on MySQL/MariaDB and SQLite, so that one set of migrations
 * serves both dialects. Times are DATETIME(3) in UTC; JSON is kept as text.
 */
export const col = {
  id: (name = 'id'): TableColumnOptions => ({
    name,
    type: 'integer',
    isPrimary: true,
    isGenerated: true,
    generationStrategy: 'increment',
  }),
  str: (name: string, length = 191, nullable = false): TableColumnOptions => ({
    name,
    type: 'varchar',
    length: String(length),
    isNullable: nullable,
  }),
  text: (name: string, nullable = true): TableColumnOptions => ({ name, type: 'text', isNullable: nullable }),
  /** Up to 16 MB on MySQL; inbox payloads may be 1 MB. */
  longText: (name: string, nullable = true): TableColumnOptions => ({ name, type: 'mediumtext', isNullable: nullable }),
  int: (name: string, nullable = false, def?: number): TableColumnOptions => ({
    name,
    type: 'integer',
    isNullable: nullable,
    ...(def === undefined ? {} : { default: def }),
  }),
  bool: (name: string, def: boolean): TableColumnOptions => ({
    name,
    type: 'boolean',
    isNullable: false,
    default: def ? 1 : 0,
  }),
  time: (name: string, nullable = false): TableColumnOptions => ({
    name,
    type: 'datetime',
    precision: 3,
    isNullable: nullable,
  }),
  date: (name: string, nullable = false): TableColumnOptions => ({
    name,
    type: 'varchar',
    length: '10',
    isNullable: nullable,
  }),
  money: (name: string, nullable = true): TableColumnOptions => ({
    name,
    type: 'decimal',
    precision: 14,
    scale: 2,
    isNullable: nullable,
  }),
};

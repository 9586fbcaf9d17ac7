import { CreateBackbone1763800000000 } from './1763800000000-CreateBackbone.js';
import { CreateClient1763800000100 } from './1763800000100-CreateClient.js';

/** Explicit order: one list serves MySQL/MariaDB and SQLite. Features append their migrations here. */
export const migrations = [
  CreateBackbone1763800000000,
  CreateClient1763800000100,
];

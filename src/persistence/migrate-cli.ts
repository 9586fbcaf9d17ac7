import { loadConfig } from '../config.js';
import { openDatabase, runMigrations } from './data-source.js';

/** `npm run migrate`: applies pending migrations and exits. */
const config = loadConfig();
const ds = await openDatabase(config.database);
const applied = await runMigrations(ds);
console.log(applied.length ? `applied: ${applied.join(', ')}` : 'schema is up to date');
await ds.destroy();

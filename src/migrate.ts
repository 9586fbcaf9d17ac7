import { loadConfig } from './config.js';
import { schema } from './features/index.js';
import { openDatabase, runMigrations } from './persistence/data-source.js';

/** `npm run migrate`: applies every feature's pending migrations and exits. */
const config = loadConfig();
const ds = await openDatabase(config.database, schema);
const applied = await runMigrations(ds);
console.log(applied.length ? `applied: ${applied.join(', ')}` : 'schema is up to date');
await ds.destroy();

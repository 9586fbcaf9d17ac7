import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDb, type TestDb } from '../helpers/test-db.js';

describe('migrations', () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await openTestDb();
  });
  afterAll(async () => t?.close());

  it('creates every mapped table, then reverts and re-applies cleanly', async () => {
    for (const meta of t.ds.entityMetadatas) {
      const rows = await t.ds.query(`SELECT COUNT(*) AS n FROM ${t.ds.driver.escape(meta.tableName)}`);
      expect(rows).toHaveLength(1);
    }
    const total = t.ds.migrations.length;
    for (let i = 0; i < total; i++) await t.ds.undoLastMigration();
    expect(await t.ds.showMigrations()).toBe(true);
    const reapplied = await t.ds.runMigrations();
    expect(reapplied).toHaveLength(total);
  });
});

import { openDatabase, runMigrations } from '../src/persistence/data-source.js';
import { Database } from '../src/persistence/database.js';
import { InboxStore } from '../src/persistence/repositories/inbox-store.js';
const ds = await openDatabase({ type: 'mysql', url: 'mysql://root@127.0.0.1:3306/zs_probe2' });
await runMigrations(ds);
const inbox = new InboxStore(new Database(ds));
const payload = 'x'.repeat(1200);
for (const conc of [1, 16, 64]) {
  let i = 0; const N = 1500; const lat: number[] = [];
  const t0 = performance.now();
  await Promise.all(Array.from({ length: conc }, async () => {
    while (i < N) { const k = i++; const s = performance.now(); await inbox.insertOnce({ eventId: `e_${conc}_${k}`, messageId: `m_${conc}_${k}`, eventType: 'im.message.receive_v1', payload }, new Date(), 60000); lat.push(performance.now() - s); }
  }));
  lat.sort((a, b) => a - b);
  console.log(`conc ${conc}: ${(N / ((performance.now() - t0) / 1000)).toFixed(0)} inserts/s p50 ${lat[N / 2 | 0]!.toFixed(2)} p99 ${lat[Math.floor(N * 0.99)]!.toFixed(2)}`);
}
await ds.query('DROP DATABASE zs_probe2'); await ds.destroy();

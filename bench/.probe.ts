import { createConnection } from 'mysql2/promise';
const c = await createConnection('mysql://root@127.0.0.1:3306');
await c.query('CREATE DATABASE IF NOT EXISTS zs_probe'); await c.query('CREATE TABLE IF NOT EXISTS zs_probe.t (id int auto_increment primary key, v varchar(100))');
const lat: number[] = [];
const t0 = performance.now();
for (let i = 0; i < 300; i++) { const s = performance.now(); await c.query('INSERT INTO zs_probe.t (v) VALUES (?)', ['x']); lat.push(performance.now() - s); }
lat.sort((a, b) => a - b);
console.log('inserts/s', (300 / ((performance.now() - t0) / 1000)).toFixed(0), 'p50', lat[150]!.toFixed(2), 'p99', lat[296]!.toFixed(2));
const [[v]] = await c.query("SHOW VARIABLES LIKE 'innodb_flush_log_at_trx_commit'") as any; console.log(v);
await c.query('DROP DATABASE zs_probe'); await c.end();

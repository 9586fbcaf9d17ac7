import { readFileSync } from 'node:fs';

/**
 * The Node/V8 flags `npm start` runs the service with (the heap sizing), read from package.json,
 * so that a benchmark's child process runs the way the service does: peak memory depends on them.
 * BENCH_NODE_FLAGS overrides them for an A/B run (`BENCH_NODE_FLAGS=` runs with Node's defaults).
 */
export function serviceNodeFlags(): string[] {
  const override = process.env.BENCH_NODE_FLAGS;
  if (override !== undefined) return override.split(/\s+/).filter(Boolean);
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    scripts: { start: string };
  };
  const words = pkg.scripts.start.split(/\s+/);
  return words.slice(words.indexOf('node') + 1).filter((w) => w.startsWith('--max-'));
}

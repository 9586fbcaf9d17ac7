import { Agent, request } from 'node:http';

/**
 * An open-loop load generator: request i is due at start + i/rate whatever happened to the others,
 * and its latency is measured from that due time (no coordinated omission). At most `maxInFlight`
 * requests are outstanding; a request due while the cap is reached is counted as `skipped`.
 */
export interface Prepared {
  path: string;
  headers: Record<string, string>;
  body: Buffer;
}

export interface LoadResult {
  offered: number;
  ok: number;
  non2xx: number;
  errors: number;
  skipped: number;
  seconds: number;
  latenciesMs: number[];
}

export async function runOpenLoop(
  baseUrl: string,
  requests: Prepared[],
  rate: number,
  maxInFlight: number,
): Promise<LoadResult> {
  const url = new URL(baseUrl);
  const agent = new Agent({ keepAlive: true, maxSockets: maxInFlight });
  const send = (r: Prepared) =>
    new Promise<Answer>((resolve) => {
      const req = request(
        {
          host: url.hostname,
          port: url.port,
          path: r.path,
          method: 'POST',
          agent,
          headers: { ...r.headers, 'content-length': String(r.body.length) },
        },
        (response) => {
          response.resume();
          response.on('end', () => resolve(response.statusCode === 200 ? 'ok' : 'non2xx'));
        },
      );
      req.on('error', () => resolve('error'));
      req.end(r.body);
    });
  try {
    return await runOpenLoopWith(requests, rate, maxInFlight, send);
  } finally {
    agent.destroy();
  }
}

export type Answer = 'ok' | 'non2xx' | 'error';

/** The open loop over any way of sending: item i is due at start + i/rate; latency until `send` answers. */
export async function runOpenLoopWith<T>(
  items: T[],
  rate: number,
  maxInFlight: number,
  send: (item: T) => Promise<Answer>,
): Promise<LoadResult> {
  const res: LoadResult = {
    offered: items.length,
    ok: 0,
    non2xx: 0,
    errors: 0,
    skipped: 0,
    seconds: 0,
    latenciesMs: [],
  };
  let inFlight = 0;
  const start = performance.now();
  const done: Array<Promise<void>> = [];
  for (let i = 0; i < items.length; i++) {
    const due = start + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    if (inFlight >= maxInFlight) {
      res.skipped++;
      continue;
    }
    inFlight++;
    // Sent a little early (timer granularity): measure from the send; late: from when it was due.
    const t0 = Math.min(due, performance.now());
    done.push(
      send(items[i]!).then((answer) => {
        inFlight--;
        if (answer === 'error') res.errors++;
        else {
          res.latenciesMs.push(performance.now() - t0);
          if (answer === 'ok') res.ok++;
          else res.non2xx++;
        }
      }),
    );
  }
  await Promise.all(done);
  res.seconds = (performance.now() - start) / 1000;
  return res;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

import http from 'node:http';
import { Pool } from 'undici';

/** Closed-loop HTTP load shared by the benchmarks (keep-alive clients, latency percentiles). */

export interface Run {
  reqPerSec: number;
  p50: number;
  p95: number;
  requests: number;
  bad: number;
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });

export function get(base: URL, p: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: base.hostname, port: base.port, path: p, agent, headers }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
      res.on('error', reject);
    });
    req.setTimeout(300_000, () => req.destroy(new Error(`timeout ${p}`)));
    req.on('error', reject);
  });
}

const pools = new Map<string, Pool>();

/**
 * POSTs a JSON body over a keep-alive connection pool per origin and parses the JSON answer. The load
 * generator shares the 2 cores with the api it measures, so its cost per request is taken from the api:
 * undici's fetch (WHATWG streams) cost ~3 ms per request until 2026-12-07 (3); node:http's client ~105 µs;
 * undici's `Pool.request` ~70 µs (same loopback server, 100 closed loops; 2026-12-08).
 */
export async function postJson(base: URL, p: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; json: Record<string, unknown> }> {
  let pool = pools.get(base.origin);
  if (!pool) pools.set(base.origin, (pool = new Pool(base.origin, { connections: 256, headersTimeout: 300_000, bodyTimeout: 300_000 })));
  const res = await pool.request({ method: 'POST', path: p, headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const text = await res.body.text();
  return { status: res.statusCode, json: JSON.parse(text || '{}') as Record<string, unknown> };
}

/**
 * `connections` concurrent keep-alive clients cycle through `paths` for `seconds`; requests still in
 * flight at the end are awaited and counted (a search slower than the window still yields numbers, and
 * leaves no queue behind for the next class). req/s = completed / (last completion − start).
 */
export async function load(baseUrl: string, paths: string[], seconds: number, connections: number, headers: Record<string, string> = {}): Promise<Run> {
  const base = new URL(baseUrl);
  const latencies: number[] = [];
  let bad = 0;
  let next = 0;
  const start = performance.now();
  const end = start + seconds * 1000;
  let last = start;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      do {
        const p = paths[next++ % paths.length];
        const t = performance.now();
        try {
          const status = await get(base, p, headers);
          if (status < 200 || status > 299) bad++;
        } catch {
          bad++;
        }
        last = performance.now();
        latencies.push(last - t);
      } while (performance.now() < end);
    }),
  );
  latencies.sort((x, y) => x - y);
  const q = (f: number) => latencies[Math.min(latencies.length - 1, Math.ceil(f * latencies.length) - 1)];
  return { reqPerSec: latencies.length / ((last - start) / 1000), p50: q(0.5), p95: q(0.95), requests: latencies.length, bad };
}


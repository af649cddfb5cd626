import http from 'node:http';

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


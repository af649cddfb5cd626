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
 * POSTs a JSON body over the shared keep-alive agent and parses the JSON answer. The market bench used
 * fetch before: undici's WHATWG streams cost the one load-generator process ~3 ms of CPU per request, so
 * at ~250 requests/s it was the saturated link of the api run (idle < 10 %) while the raw run's pg client
 * idled — the instrument, not the api, set the pace.
 */
export function postJson(base: URL, p: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; json: Record<string, unknown> }> {
  const payload = Buffer.from(JSON.stringify(body));
  return new Promise((resolve, reject) => {
    const req = http.request(
      { method: 'POST', host: base.hostname, port: base.port, path: p, agent, headers: { ...headers, 'content-type': 'application/json', 'content-length': String(payload.length) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          try {
            resolve({ status: res.statusCode ?? 0, json: JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown> });
          } catch (e) {
            reject(e);
          }
        });
        res.on('error', reject);
      },
    );
    req.setTimeout(300_000, () => req.destroy(new Error(`timeout ${p}`)));
    req.on('error', reject);
    req.end(payload);
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


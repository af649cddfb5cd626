/**
 * The raw-SQL floor of catalog search: the service's own bounded search statement (searchStatements, the
 * statement every uncached relevance search runs) per query class, and a primary-key row fetch, each driven
 * straight over a pg pool by `connections` closed loops — no HTTP, no Nest, no page assembly. An uncached
 * search request runs that statement and more, so the statement's rate bounds the endpoint's: if it is below
 * half the PK endpoint's req/s, no api layer over it can reach the target; what is left is the index design.
 */
import { Pool } from 'pg';
import { searchStatements } from '@ttx/api/catalog';

export interface SqlRun {
  perSec: number;
  p50: number;
  p95: number;
  statements: number;
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] : NaN;
};

/** `connections` loops, each running `next(i)` back to back for `seconds`. */
async function drive(pool: Pool, seconds: number, connections: number, next: (n: number) => { text: string; values: unknown[] }): Promise<SqlRun> {
  const latencies: number[] = [];
  const t0 = performance.now();
  const stopAt = t0 + seconds * 1000;
  await Promise.all(
    Array.from({ length: connections }, async (_, loop) => {
      for (let n = loop; performance.now() < stopAt; n += connections) {
        const s = performance.now();
        await pool.query(next(n));
        latencies.push(performance.now() - s);
      }
    }),
  );
  const elapsed = (performance.now() - t0) / 1000;
  return { perSec: latencies.length / elapsed, p50: pct(latencies, 50), p95: pct(latencies, 95), statements: latencies.length };
}

export async function rawSqlFloor(
  url: string,
  classes: { name: string; queries: string[] }[],
  ids: string[],
  seconds: number,
  connections: number,
  cap = 10_000,
): Promise<{ pk: SqlRun; classes: Record<string, SqlRun>; meanPerSec: number }> {
  const pool = new Pool({ connectionString: url, max: connections });
  // The service sets these per transaction (set_config …, true); a session-wide SET is the cheaper equivalent.
  pool.on('connect', (c) => void c.query(`SET work_mem = '32MB'; SET jit = off; SET enable_seqscan = off`));
  try {
    const pk = await drive(pool, seconds, connections, (n) => ({ text: 'SELECT * FROM achievements WHERE id = $1', values: [ids[n % ids.length]] }));
    const out: Record<string, SqlRun> = {};
    for (const c of classes) {
      const plans = c.queries.map((q) => searchStatements({ q, page: 1, pageSize: 20, sort: 'relevance' } as Parameters<typeof searchStatements>[0], cap).bounded);
      out[c.name] = await drive(pool, seconds, connections, (n) => {
        const p = plans[n % plans.length];
        return { text: p.sql, values: p.params };
      });
    }
    return { pk, classes: out, meanPerSec: Object.values(out).reduce((s, r) => s + r.perSec, 0) / classes.length };
  } finally {
    await pool.end();
  }
}

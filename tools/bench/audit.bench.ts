/**
 * Audit appends under concurrency: the chainer design (business transactions only INSERT; a short separate
 * transaction links committed entries) against the previous design as a baseline (the chain lock taken
 * inside the business transaction and held until it commits), on a fresh migrated database.
 *
 *   nx bench-audit bench              slow: 50 concurrent × 100 transactions holding 200 ms; fast: 20 × 1,000
 *                                     with no hold; chainer and verify over 20,000 pending entries
 *   nx bench-audit bench -c smoke     a tenth of that
 *
 * A chain that does not verify at the end makes the exit code non-zero; timings never do.
 */
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService, GENESIS_HASH, auditHash, dataSourceOptions, type AuditEntry } from '@ttx/api/core';
import { createTestDatabase } from '@ttx/api/core/testing';

const log = (msg: string) => process.stdout.write(`[bench-audit] ${msg}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The append of the previous design, verbatim in effect: lock, read the head, hash, insert — held to commit. */
async function lockedAppend(m: EntityManager, e: AuditEntry): Promise<void> {
  await m.query('SELECT pg_advisory_xact_lock(7431001)');
  const head: { chain_pos: string; hash: string }[] = await m.query(
    'SELECT chain_pos, hash FROM audit_log WHERE chain_pos IS NOT NULL ORDER BY chain_pos DESC LIMIT 1',
  );
  const prev = head[0]?.hash ?? GENESIS_HASH;
  const at = new Date().toISOString();
  await m.query(
    `INSERT INTO audit_log (occurred_at, actor_id, action, entity_type, entity_id, data, prev_hash, hash, chain_pos)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [at, e.actorId, e.action, e.entityType, e.entityId, e.data ?? {}, prev, auditHash(prev, at, e), Number(head[0]?.chain_pos ?? 0) + 1],
  );
}

/** n transactions, at most `concurrency` at once, each appending one entry and then holding `holdMs`. */
async function run(ds: DataSource, n: number, concurrency: number, holdMs: number, append: (m: EntityManager, e: AuditEntry) => Promise<void>): Promise<number> {
  let next = 0;
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < n) {
        const i = next++;
        await ds.transaction(async (m) => {
          await append(m, { actorId: null, action: 'bench.append', entityType: 'bench', entityId: String(i), data: { i, note: '审计' } });
          if (holdMs) await sleep(holdMs);
        });
      }
    }),
  );
  return Number(process.hrtime.bigint() - started) / 1e6;
}

async function untilChained(ds: DataSource): Promise<number> {
  const started = Date.now();
  while (Number((await ds.query('SELECT count(*) AS n FROM audit_log WHERE chain_pos IS NULL'))[0].n) > 0) await sleep(5);
  return Date.now() - started;
}

async function main(): Promise<void> {
  const smoke = process.argv.includes('--smoke');
  const k = smoke ? 10 : 1;
  const db = await createTestDatabase();
  const ds = await new DataSource({ ...dataSourceOptions(db.url), extra: { max: 56 } }).initialize();
  const audit = new AuditService(ds);
  let failed = false;
  try {
    await Promise.all(Array.from({ length: 54 }, () => ds.query('SELECT pg_sleep(0.05)'))); // open the pool
    const scenarios = [
      { name: 'slow (200 ms hold)', n: 100 / k, c: 50, hold: 200 },
      { name: 'fast (no hold)', n: 1000 / k, c: 20, hold: 0 },
    ];
    for (const s of scenarios) {
      const before = await run(ds, s.n, s.c, s.hold, lockedAppend);
      const after = await run(ds, s.n, s.c, s.hold, (m, e) => audit.append(m, e));
      const lag = await untilChained(ds);
      log(
        `${s.name}: ${s.n} tx, ${s.c} concurrent — lock held to commit ${before.toFixed(0)} ms (${((s.n * 1000) / before).toFixed(0)} tx/s), ` +
          `chainer ${after.toFixed(0)} ms (${((s.n * 1000) / after).toFixed(0)} tx/s, ×${(before / after).toFixed(1)}); all linked ${lag} ms after the last commit`,
      );
    }
    // Entries committed by processes that stopped before linking them: the worker's scheduled run links them.
    const pending = 20_000 / k;
    await ds.query(
      `INSERT INTO audit_log (occurred_at, actor_id, action, entity_type, entity_id, data)
       SELECT now(), NULL, 'bench.pending', 'bench', g::text, jsonb_build_object('i', g) FROM generate_series(1, $1) g`,
      [pending],
    );
    let t = Date.now();
    const linked = await audit.chainPending();
    const chainMs = Date.now() - t;
    t = Date.now();
    const verdict = await audit.verify();
    const verifyMs = Date.now() - t;
    log(`chainPending: ${linked} entries in ${chainMs} ms (${((linked * 1000) / chainMs).toFixed(0)}/s); verify: ${verdict.checked} entries in ${verifyMs} ms, ok=${verdict.ok}`);
    failed = !verdict.ok;
  } finally {
    await audit.onModuleDestroy();
    await ds.destroy();
    await db.drop();
  }
  if (failed) {
    log('FAILED: the chain does not verify');
    process.exitCode = 1;
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

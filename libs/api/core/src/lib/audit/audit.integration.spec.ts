import { DataSource } from 'typeorm';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database';
import { dataSourceOptions } from '../database/database.module';
import { AuditService, GENESIS_HASH, auditHash, type AuditEntry } from './audit.service';

let db: TestDatabase;
let ds: DataSource;
let audit: AuditService;
/** A second process: its own pool and its own chainer against the same database. */
let ds2: DataSource;
let audit2: AuditService;

beforeAll(async () => {
  db = await createTestDatabase();
  // 50 transactions held open at once plus the chainer.
  ds = await new DataSource({ ...dataSourceOptions(db.url), extra: { max: 56 } }).initialize();
  audit = new AuditService(ds);
  ds2 = await new DataSource({ ...dataSourceOptions(db.url), extra: { max: 4 } }).initialize();
  audit2 = new AuditService(ds2);
}, 60_000);
afterAll(async () => {
  await audit?.onModuleDestroy();
  await audit2?.onModuleDestroy();
  await ds?.destroy();
  await ds2?.destroy();
  await db?.drop();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const entry = (i: number, action = 'test.concurrent'): AuditEntry => ({
  actorId: null,
  action,
  entityType: 'test',
  entityId: String(i),
  data: { i, nested: { b: 2, a: [1, '二'] } },
});
const append = (i: number, action?: string) => ds.transaction((m) => audit.append(m, entry(i, action)));
const seqOf = async (action: string): Promise<{ seq: string; chain_pos: string | null }> =>
  (await ds.query(`SELECT seq, chain_pos FROM audit_log WHERE action = $1`, [action]))[0];

/** The chain is one line: positions 1..n without gaps, each prev_hash used once, nothing left unlinked. */
async function expectLinear(): Promise<number> {
  const [r] = await ds.query(`
    SELECT count(*)::int AS n, count(chain_pos)::int AS chained, coalesce(max(chain_pos), 0)::int AS top,
           count(DISTINCT prev_hash)::int AS prevs FROM audit_log`);
  expect(r.chained).toBe(r.n);
  expect(r.top).toBe(r.n);
  expect(r.prevs).toBe(r.n);
  return r.n;
}

describe('audit chain', () => {
  it('stays linear and verifiable under 200 appends from 20 concurrent transactions', async () => {
    await Promise.all(
      Array.from({ length: 20 }, (_, worker) => (async () => {
        for (let k = 0; k < 10; k++) await append(worker * 100 + k);
      })()),
    );
    const verdict = await audit.verify(37); // an odd page size also exercises paging
    expect(verdict).toEqual({ ok: true, checked: 200 });
    expect(await expectLinear()).toBe(200);
  });

  it('does not serialise business transactions: 50 that append and then work 200 ms finish in about one', async () => {
    // Open every pooled connection first, so the timing measures transactions and not connecting.
    await Promise.all(Array.from({ length: 50 }, () => ds.query('SELECT pg_sleep(0.05)')));
    const started = Date.now();
    await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        ds.transaction(async (m) => {
          await audit.append(m, entry(1000 + i, 'test.slow'));
          await sleep(200);
        }),
      ),
    );
    const elapsed = Date.now() - started;
    // Holding one chain lock to commit would take at least 50 × 200 ms = 10 s.
    expect(elapsed).toBeLessThan(4000); // ~1.5 s measured on 2 loaded cores; the margin is for busier CI machines
    expect(await audit.verify()).toEqual({ ok: true, checked: 250 });
  });

  it('links entries shortly after their transaction commits, without anyone calling the chainer', async () => {
    await append(1, 'test.auto');
    for (let t = 0; t < 100 && (await seqOf('test.auto')).chain_pos === null; t++) await sleep(20);
    expect((await seqOf('test.auto')).chain_pos).not.toBeNull();
  });

  it('rolls an entry back with its transaction, leaving the chain intact', async () => {
    await expect(
      ds.transaction(async (m) => {
        await audit.append(m, { actorId: null, action: 'test.rollback', entityType: 'test', entityId: null });
        throw new Error('business rule failed');
      }),
    ).rejects.toThrow('business rule failed');
    await append(999);
    expect((await audit.verify()).ok).toBe(true);
    expect(await ds.query(`SELECT seq FROM audit_log WHERE action = 'test.rollback'`)).toEqual([]);
  });

  it('chains a lower seq that commits after a higher one after it, without a gap', async () => {
    let releaseEarly: (() => void) | undefined;
    const early = ds.transaction(async (m) => {
      await audit.append(m, entry(1, 'test.early-seq'));
      await new Promise<void>((r) => (releaseEarly = r));
    });
    while (!releaseEarly) await sleep(5); // set once the early entry is inserted (uncommitted)
    await append(2, 'test.late-seq');
    await audit.chainPending();
    const late = await seqOf('test.late-seq');
    expect(late.chain_pos).not.toBeNull();
    releaseEarly();
    await early;
    await audit.chainPending();
    const lower = await seqOf('test.early-seq');
    expect(BigInt(lower.seq)).toBeLessThan(BigInt(late.seq));
    expect(BigInt(String(lower.chain_pos))).toBe(BigInt(String(late.chain_pos)) + 1n);
    expect((await audit.verify()).ok).toBe(true);
    await expectLinear();
  });

  it('produces one linear chain when two processes chain at once while entries keep committing', async () => {
    const before = await expectLinear();
    let done = false;
    const writers = Promise.all(
      Array.from({ length: 6 }, (_, w) => (async () => {
        for (let k = 0; k < 25; k++) await append(5000 + w * 100 + k, 'test.race');
      })()),
    ).finally(() => (done = true));
    // Small odd batches in both, so their transactions interleave many times.
    const chainer = (a: AuditService, batch: number) => (async () => {
      while (!done) await a.chainPending(batch);
      await a.chainPending(batch);
    })();
    await Promise.all([writers, chainer(audit, 7), chainer(audit2, 11)]);
    expect(await expectLinear()).toBe(before + 150);
    expect(await audit2.verify(13)).toEqual({ ok: true, checked: before + 150 });
  });

  it('refuses an append outside a transaction', async () => {
    await expect(audit.append(ds.manager, { actorId: null, action: 'x', entityType: 'x', entityId: null })).rejects.toThrow(/transaction/);
  });

  it('is append-only in the database: content updates, re-chaining, DELETE and TRUNCATE are refused', async () => {
    await expect(ds.query(`UPDATE audit_log SET action = 'forged' WHERE seq = (SELECT min(seq) FROM audit_log)`)).rejects.toThrow(/append-only/);
    await expect(ds.query(`UPDATE audit_log SET chain_pos = chain_pos + 100000 WHERE seq = (SELECT min(seq) FROM audit_log)`)).rejects.toThrow(/append-only/);
    await expect(ds.query('DELETE FROM audit_log')).rejects.toThrow(/append-only/);
    await expect(ds.query('TRUNCATE audit_log')).rejects.toThrow(/append-only/);
    // Not yet chained is not writable either: only the chain columns may be set, and only once.
    await expect(
      ds.transaction(async (m) => {
        await audit.append(m, entry(7, 'test.unchained'));
        await m.query(`UPDATE audit_log SET data = '{"i": -1}' WHERE action = 'test.unchained'`);
      }),
    ).rejects.toThrow(/append-only/);
  });

  it('detects a modified row and a deleted row (someone who bypasses the trigger; the verifier is the second line)', async () => {
    const total = await expectLinear();
    const [victim] = await ds.query(`SELECT seq, data FROM audit_log WHERE chain_pos = 6`);
    const bypass = async (sql: string, params: unknown[]) => {
      await ds.query('ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update_delete');
      try {
        await ds.query(sql, params);
      } finally {
        await ds.query('ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update_delete');
      }
    };
    await bypass(`UPDATE audit_log SET data = '{"i": -1}' WHERE seq = $1`, [victim.seq]);
    expect(await audit.verify()).toEqual({ ok: false, brokenAtSeq: String(victim.seq), checked: 5 });
    await bypass(`UPDATE audit_log SET data = $2 WHERE seq = $1`, [victim.seq, victim.data]);
    expect(await audit.verify()).toEqual({ ok: true, checked: total });

    const [next] = await ds.query(`SELECT seq FROM audit_log WHERE chain_pos = 11`);
    await bypass(`DELETE FROM audit_log WHERE chain_pos = 10`, []);
    expect(await audit.verify()).toEqual({ ok: false, brokenAtSeq: String(next.seq), checked: 9 });
  });
});

describe('audit chain migration', () => {
  it('keeps the hashes of rows chained before it and backfills chain_pos in seq order', async () => {
    const old = await createTestDatabase();
    const ods = await new DataSource(dataSourceOptions(old.url)).initialize();
    try {
      // Undo down to the chainer migration inclusive, whatever later migrations have been added since.
      const chainerRan = async () => (await ods.query(`SELECT 1 FROM migrations WHERE name = 'AuditChainer1765090400000'`)).length > 0;
      while (await chainerRan()) await ods.undoLastMigration({ transaction: 'each' });
      // Rows as the previous code wrote them: hashed in seq order inside the business transaction.
      let prev = GENESIS_HASH;
      for (let i = 0; i < 5; i++) {
        const at = new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString();
        const hash = auditHash(prev, at, entry(i, 'test.legacy'));
        await ods.query(
          `INSERT INTO audit_log (occurred_at, actor_id, action, entity_type, entity_id, data, prev_hash, hash) VALUES ($1, NULL, 'test.legacy', 'test', $2, $3, $4, $5)`,
          [at, String(i), entry(i).data, prev, hash],
        );
        prev = hash;
      }
      await ods.runMigrations({ transaction: 'each' });
      const chainer = new AuditService(ods);
      expect(await ods.query(`SELECT chain_pos::int AS p FROM audit_log ORDER BY seq`)).toEqual([1, 2, 3, 4, 5].map((p) => ({ p })));
      await ods.transaction((m) => chainer.append(m, entry(5, 'test.after-migration')));
      expect(await chainer.verify()).toEqual({ ok: true, checked: 6 });
      await chainer.onModuleDestroy();
    } finally {
      await ods.destroy();
      await old.drop();
    }
  }, 60_000);
});

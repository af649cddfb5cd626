import { DataSource } from 'typeorm';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database';
import { dataSourceOptions } from '../database/database.module';
import { AuditService } from './audit.service';

let db: TestDatabase;
let ds: DataSource;
let audit: AuditService;

beforeAll(async () => {
  db = await createTestDatabase();
  ds = await new DataSource({ ...dataSourceOptions(db.url), extra: { max: 24 } }).initialize();
  audit = new AuditService(ds);
}, 60_000);
afterAll(async () => {
  await ds?.destroy();
  await db?.drop();
});

const append = (i: number) =>
  ds.transaction((m) =>
    audit.append(m, { actorId: null, action: 'test.concurrent', entityType: 'test', entityId: String(i), data: { i, nested: { b: 2, a: [1, '二'] } } }),
  );

describe('audit chain', () => {
  it('stays linear and verifiable under 200 appends from 20 concurrent transactions', async () => {
    await Promise.all(
      Array.from({ length: 20 }, (_, worker) => (async () => {
        for (let k = 0; k < 10; k++) await append(worker * 100 + k);
      })()),
    );
    const verdict = await audit.verify(37); // an odd page size also exercises paging
    expect(verdict).toEqual({ ok: true, checked: 200 });
    const [{ forks }] = await ds.query('SELECT count(*) - count(DISTINCT prev_hash) AS forks FROM audit_log');
    expect(Number(forks)).toBe(0);
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
  });

  it('refuses an append outside a transaction', async () => {
    await expect(audit.append(ds.manager, { actorId: null, action: 'x', entityType: 'x', entityId: null })).rejects.toThrow(/transaction/);
  });

  it('is append-only in the database: UPDATE, DELETE and TRUNCATE are refused', async () => {
    await expect(ds.query(`UPDATE audit_log SET action = 'forged' WHERE seq = (SELECT min(seq) FROM audit_log)`)).rejects.toThrow(/append-only/);
    await expect(ds.query('DELETE FROM audit_log')).rejects.toThrow(/append-only/);
    await expect(ds.query('TRUNCATE audit_log')).rejects.toThrow(/append-only/);
  });

  it('detects tampering by someone who bypasses the trigger (the verifier is the second line)', async () => {
    await ds.query('ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update_delete');
    const [{ seq }] = await ds.query(`SELECT seq FROM audit_log ORDER BY seq OFFSET 5 LIMIT 1`);
    await ds.query(`UPDATE audit_log SET data = '{"i": -1}' WHERE seq = $1`, [seq]);
    await ds.query('ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update_delete');
    expect(await audit.verify()).toMatchObject({ ok: false, brokenAtSeq: String(seq), checked: 5 });
  });
});

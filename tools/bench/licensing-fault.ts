/**
 * Fault test of the invoice run (issue #6 acceptance): N active licences with something due (a lump sum each,
 * a confirmed milestone every second one), the BUILT worker process doing the run, and chaos — the worker is
 * killed with SIGKILL at random moments 5 times and restarted, and a dedicated redis-server (AOF on, own port
 * and dir) is killed and restarted once. Afterwards every due invoice must exist exactly once and no
 * notification may have been written twice; the figures are printed.
 *
 *   nx fault-licensing bench              N = 10,000
 *   nx fault-licensing bench -c smoke     N = 300 (CI)
 *   nx fault-licensing bench --n=2000
 *
 * Correctness failures make the exit code non-zero; timings never do.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Queue } from 'bullmq';
import { Pool } from 'pg';
import { bootBuiltPlatform, freePort, startNode, stopChild, tailLog, type BuiltPlatform } from '@ttx/api/core/testing';

const log = (msg: string) => process.stdout.write(`[fault-licensing] ${msg}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const KILLS = 5;
/** The bench's own licences (the demo seed has licences too). */
const FIELD = 'fault-test';
const OURS = `l.fields_of_use = '{${FIELD}}'`;

function parseArgs(argv: string[]): { n: number; smoke: boolean } {
  const smoke = argv.includes('--smoke');
  let n = smoke ? 300 : 10_000;
  for (const a of argv) {
    const m = /^--n=(\d+)$/.exec(a);
    if (m) n = Number(m[1]);
    else if (a !== '--smoke') throw new Error(`unknown option ${a} (--n=N, --smoke)`);
  }
  return { n, smoke };
}

/** A redis-server of our own: AOF fsynced on every write, so a SIGKILL loses no acknowledged job. */
class OwnRedis {
  child?: ChildProcess;
  constructor(
    readonly port: number,
    readonly dir: string,
  ) {}
  get url() {
    return `redis://127.0.0.1:${this.port}`;
  }
  async start(): Promise<void> {
    const out = fs.openSync(path.join(this.dir, 'redis.log'), 'a');
    this.child = spawn('redis-server', ['--port', String(this.port), '--bind', '127.0.0.1', '--dir', this.dir, '--appendonly', 'yes', '--appendfsync', 'always', '--save', '', '--maxmemory-policy', 'noeviction'], {
      stdio: ['ignore', out, out],
    });
    fs.closeSync(out);
    for (let i = 0; i < 100; i++) {
      if (fs.readFileSync(path.join(this.dir, 'redis.log'), 'utf8').split('Ready to accept connections').length > this.starts + 1) break;
      await sleep(100);
    }
    this.starts++;
  }
  private starts = 0;
  async kill(): Promise<void> {
    const c = this.child;
    if (!c || c.exitCode !== null) return;
    await new Promise<void>((r) => {
      c.once('exit', () => r());
      c.kill('SIGKILL');
    });
  }
}

async function main(): Promise<void> {
  const { n, smoke } = parseArgs(process.argv.slice(2));
  const t0 = Date.now();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ttx-fault-licensing-'));
  const redis = new OwnRedis(await freePort(), dir);
  await redis.start();
  let platform: BuiltPlatform | undefined;
  let worker: ChildProcess | undefined;
  let failed = false;
  try {
    platform = await bootBuiltPlatform({ seedDemo: true, worker: false, logPrefix: 'ttx-fault-licensing-', env: { REDIS_URL: redis.url } });
    const env = { ...process.env, ...platform.env };
    const workerLog = path.join(dir, 'worker.log');
    const pool = new Pool({ connectionString: platform.env['DATABASE_URL'], max: 2 });
    const q = async <T = Record<string, unknown>>(sql: string, params: unknown[] = []) => (await pool.query(sql, params)).rows as T[];

    // ---- N licences with something due, written set-based (the licensing tables of this run's database) ----
    const [a] = await q<{ id: string; institution_id: string }>(`SELECT id, institution_id FROM achievements WHERE institution_id = (SELECT id FROM organizations WHERE name LIKE '合肥科技大学%') LIMIT 1`);
    const [sme] = await q<{ id: string }>(`SELECT id FROM organizations WHERE name LIKE '合肥智能装备%'`);
    const policy = { policyId: null, teamNetIncomeSharePct: 50, ttoRetentionPct: 10, model: 'default', team: [] };
    const licensors = [{ holderType: 'institution', holderId: a.institution_id, name: 'institution', shareBp: 10_000 }];
    await q(
      `INSERT INTO licences (achievement_id, licensor_org_id, licensee_org_id, kind, status, territory, fields_of_use, starts_on, ends_on, terms, licensors, policy)
       SELECT $1, $2, $3, 'non_exclusive', 'active', '{000000}', '{${FIELD}}', current_date - 60, current_date + 3650,
              CASE WHEN g % 2 = 0 THEN $4::jsonb ELSE $5::jsonb END, $6, $7
         FROM generate_series(1, $8) g`,
      [a.id, a.institution_id, sme.id, { lumpSum: { amount: 100_000, dueDays: 30 }, milestones: [{ name: 'M1', amount: 50_000 }] }, { lumpSum: { amount: 100_000, dueDays: 30 } }, JSON.stringify(licensors), policy, n],
    );
    await q(
      `INSERT INTO licence_milestones (licence_id, position, name, amount_fen, confirmed_at)
       SELECT l.id, 1, 'M1', 50000, now() - interval '1 day' FROM licences l WHERE ${OURS} AND l.terms ? 'milestones'`,
    );
    const [{ expected }] = await q<{ expected: number }>(
      `SELECT ((SELECT count(*) FROM licences l WHERE ${OURS}) + (SELECT count(*) FROM licence_milestones m JOIN licences l ON l.id = m.licence_id WHERE ${OURS}))::int AS expected`,
    );
    const [{ members }] = await q<{ members: number }>(
      `SELECT count(*)::int AS members FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.organization_id = $1 AND m.role = 'enterprise_member' AND u.disabled_at IS NULL`,
      [sme.id],
    );
    log(`${n} licences, ${expected} invoices due, ${members} licensee member(s) to notify per invoice (set-up ${Date.now() - t0} ms)`);

    const count = async () => (await q<{ n: number }>(`SELECT count(*)::int AS n FROM invoices i JOIN licences l ON l.id = i.licence_id WHERE ${OURS}`))[0].n;
    const startWorker = () => (worker = startNode('worker', 'dist/apps/worker/main.js', env, workerLog));
    const queue = () => new Queue('licensing', { connection: { url: redis.url, maxRetriesPerRequest: null }, prefix: `${platform?.env['REDIS_PREFIX']}:bull` });

    // ---- the run, with chaos ----
    const runStart = Date.now();
    let producer = queue();
    await producer.add('licensing-sweep', {}, { jobId: 'fault-sweep-1', removeOnComplete: true });
    startWorker();
    const events: string[] = [];
    for (let k = 1; k <= KILLS; k++) {
      // A random point of the run: once this worker has issued something (or 20 s passed), then 0.2–2 s
      // (smoke) or 0.2–12 s later, so the kills spread over the whole run.
      const from = await count();
      for (let i = 0; i < 200 && (await count()) === from && from < expected; i++) await sleep(100);
      await sleep(200 + Math.random() * (smoke ? 1_800 : 12_000));
      const pid = worker?.pid;
      worker?.kill('SIGKILL');
      await new Promise((r) => worker?.once('exit', r));
      events.push(`kill ${k}: worker ${pid} SIGKILL at ${Date.now() - runStart} ms with ${await count()} invoices`);
      if (k === 3) {
        await producer.close();
        await redis.kill();
        await sleep(500);
        await redis.start();
        producer = queue();
        events.push(`redis-server SIGKILLed and restarted from its AOF at ${Date.now() - runStart} ms with ${await count()} invoices`);
      }
      startWorker();
    }
    events.forEach((e) => log(e));

    // ---- wait until the queue is drained and the count stands; then the next scheduled sweep (as the hourly one would) ----
    const settle = async (label: string) => {
      const deadline = Date.now() + (smoke ? 60_000 : 15 * 60_000);
      let last = -1;
      let stable = 0;
      while (Date.now() < deadline) {
        const c = await producer.getJobCounts('waiting', 'active', 'prioritized', 'wait');
        // Delayed jobs: invoice retries count; the hourly sweep's next iteration does not.
        const retries = (await producer.getDelayed()).filter((j) => j.name !== 'licensing-sweep').length;
        const pending = Object.values(c).reduce((x, y) => x + y, 0) + retries;
        const now = await count();
        stable = pending === 0 && now === last ? stable + 1 : 0;
        if (stable >= 2) break;
        last = now;
        await sleep(1_000);
      }
      log(`${label}: ${await count()} invoices at ${Date.now() - runStart} ms`);
    };
    await settle('after the interrupted run');
    const beforeResweep = await count();
    await producer.add('licensing-sweep', {}, { jobId: 'fault-sweep-2', removeOnComplete: true });
    await settle('after the next sweep');
    const runMs = Date.now() - runStart;

    // ---- checks ----
    const [dup] = await q<{ n: number }>(`SELECT count(*)::int AS n FROM (SELECT licence_id, period_key FROM invoices GROUP BY 1, 2 HAVING count(*) > 1) d`);
    // Invoices and notices of the demo data (seeded or from seeded market deals) are left out of the figures.
    const ourLinks = `(SELECT '/licensing/licences/' || l.id || '?invoice=' || i.id FROM invoices i JOIN licences l ON l.id = i.licence_id WHERE ${OURS})`;
    const [missing] = await q<{ n: number }>(
      `SELECT ((SELECT count(*) FROM licences l WHERE ${OURS} AND NOT EXISTS (SELECT 1 FROM invoices i WHERE i.licence_id = l.id AND i.period_key = 'lump-sum'))
            + (SELECT count(*) FROM licence_milestones m JOIN licences l ON l.id = m.licence_id WHERE ${OURS} AND NOT EXISTS (SELECT 1 FROM invoices i WHERE i.licence_id = m.licence_id AND i.period_key = 'milestone:' || m.id)))::int AS n`,
    );
    const [outbox] = await q<{ total: number; dup: number }>(
      `SELECT count(*)::int AS total, (count(*) - count(DISTINCT (payload->>'userId', payload->>'link')))::int AS dup FROM outbox WHERE payload->>'kind' = 'licence-invoice' AND payload->>'link' IN ${ourLinks}`,
    );
    const [sent] = await q<{ total: number; dup: number }>(
      `SELECT count(*)::int AS total, (count(*) - count(DISTINCT (user_id, link)))::int AS dup FROM notifications WHERE kind = 'licence-invoice' AND link IN ${ourLinks}`,
    );
    const created = await count();
    log(`invoices: expected ${expected}, created ${created}, missing ${missing.n}, duplicated ${dup.n} (${beforeResweep} before the next sweep)`);
    log(`notifications: outbox ${outbox.total} (expected ${expected * members}, ${outbox.dup} twice); delivered so far ${sent.total} (${sent.dup} twice)`);
    log(`run ${runMs} ms with ${KILLS} worker SIGKILLs and 1 redis restart; ${(created / (runMs / 1000)).toFixed(0)} invoices/s; total ${Date.now() - t0} ms`);
    failed = created !== expected || missing.n !== 0 || dup.n !== 0 || outbox.total !== expected * members || outbox.dup !== 0 || sent.dup !== 0;
    log(failed ? 'FAILED' : 'OK: every due invoice exists exactly once and no notification was written twice');
    await producer.close();
    await pool.end();
    if (failed) log(`worker log tail:\n${tailLog(workerLog, 40)}`);
  } finally {
    if (worker) await stopChild(worker);
    await platform?.stop();
    await redis.kill();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  process.exit(failed ? 1 : 0);
}

main().catch((e) => {
  process.stderr.write(`[fault-licensing] ${(e as Error).stack ?? e}\n`);
  process.exit(1);
});

// node --test tools/start/services.spec.mjs — the provisioning used by npm start and npm test.
// Starts a real embedded PostgreSQL and a real redis-server (when installed) on free ports in a
// scratch folder under .data/test, and stops them again.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import * as svc from './services.mjs';
import { dataDir } from './workspace.mjs';
import { summarise } from '../testing/run.mjs';

const scratch = path.join(dataDir, 'test', `spec-${process.pid}`);

before(() => {
  // 0755 all the way: as root, the embedded cluster runs as the postgres user and must reach it.
  fs.mkdirSync(scratch, { recursive: true, mode: 0o755 });
  fs.chmodSync(scratch, 0o755);
});
after(() => fs.rmSync(scratch, { recursive: true, force: true }));

describe('helpers', () => {
  test('URL helpers', () => {
    assert.equal(svc.redact('postgres://u:secret@h:1/db'), 'postgres://u:***@h:1/db');
    assert.equal(svc.withDatabase('postgres://u@h:1/postgres', 'ttx_1'), 'postgres://u@h:1/ttx_1');
    assert.equal(svc.databaseName('postgres://u@h:1/ttx'), 'ttx');
    assert.equal(svc.databaseName('postgres://u@h:1'), 'postgres');
  });

  test('a closed port does not answer', async () => {
    const port = await svc.pickPort(0);
    assert.equal(await svc.portAnswers(port), false);
  });

  test('secrets are generated once and reused', () => {
    const file = path.join(scratch, 'secrets.env');
    const a = svc.ensureSecrets(file, {});
    assert.ok(a.JWT_ACCESS_SECRET.length >= 32 && a.JWT_REFRESH_SECRET.length >= 32);
    assert.notEqual(a.JWT_ACCESS_SECRET, a.JWT_REFRESH_SECRET);
    assert.deepEqual(svc.ensureSecrets(file, {}), a);
    assert.equal(svc.ensureSecrets(file, { JWT_ACCESS_SECRET: 'x'.repeat(40) }).JWT_ACCESS_SECRET, 'x'.repeat(40));
  });

  test('test summary counts jest, node:test and failed tasks', () => {
    const out = [
      '> nx run a:test',
      '\u001b[1mTests:       \u001b[22m1 failed, 2 skipped, 10 passed, 13 total',
      '> nx run b:lint  [local cache]',
      '> nx run c:lint',
      'error  x is never used',
      '> nx run d:test',
      'Test Suites: 1 failed, 1 total',
      'Tests:       0 total',
      ' NX   Running target test for 4 projects failed',
      'Failed tasks:',
      '',
      '- a:test',
      '- c:lint',
      '- d:test',
      '',
    ].join('\n');
    assert.deepEqual(summarise(out, { countCleanTasks: true }), { passed: 11, failed: 3, failedTasks: ['a:test', 'c:lint', 'd:test'] });
  });
});

describe('Redis', { skip: !svc.which('redis-server') && 'redis-server not installed' }, () => {
  test('spawns redis-server with noeviction on a free port, adopts it, stops it', async () => {
    const dir = path.join(scratch, 'redis');
    const port = await svc.pickPort(0);
    const r = await svc.findOrStartRedis({ dir, port, persistent: false, forceSpawn: true });
    try {
      assert.equal(r.source, 'spawned');
      const check = await svc.redisCheck(r.url);
      assert.equal(check.error, null);
      assert.equal(check.policy, 'noeviction');
      // A second provisioning finds the running one through its pid file.
      const again = await svc.startRedisServer({ dir, port: await svc.pickPort(0), persistent: false });
      assert.equal(again.url, r.url);
    } finally {
      await r.stop();
    }
    assert.equal(await svc.portAnswers(r.port), false);
  });
});

describe('PostgreSQL', () => {
  test('embedded Postgres: UTF-8 database, data kept across restarts, clean stop', { timeout: 120000 }, async () => {
    const dataDirPg = path.join(scratch, 'pg');
    const first = await svc.findOrStartPostgres({ dataDir: dataDirPg, port: await svc.pickPort(0), forceEmbedded: true });
    try {
      assert.equal(first.source, 'embedded');
      assert.deepEqual(await svc.ensureDatabase(first.adminUrl, 'ttx_spec'), { created: true, ctype: 'C.UTF-8' });
      assert.equal((await svc.ensureDatabase(first.adminUrl, 'ttx_spec')).created, false);
      const url = svc.withDatabase(first.adminUrl, 'ttx_spec');
      const row = await svc.withPg(url, async (c) => {
        await c.query('CREATE TABLE t (s text)');
        await c.query("INSERT INTO t VALUES ('成果转化')");
        return (
          await c.query(
            "SELECT datctype, pg_encoding_to_char(encoding) AS enc, upper('é') AS up FROM pg_database WHERE datname = current_database()",
          )
        ).rows[0];
      });
      assert.deepEqual(row, { datctype: 'C.UTF-8', enc: 'UTF8', up: 'É' });
    } finally {
      await first.stop();
    }
    assert.equal(await svc.portAnswers(first.port), false);

    const second = await svc.findOrStartPostgres({ dataDir: dataDirPg, port: await svc.pickPort(0), forceEmbedded: true });
    try {
      const rows = await svc.withPg(svc.withDatabase(second.adminUrl, 'ttx_spec'), (c) => c.query('SELECT s FROM t'));
      assert.deepEqual(rows.rows, [{ s: '成果转化' }]);
      await svc.dropDatabase(second.adminUrl, 'ttx_spec');
    } finally {
      await second.stop();
    }
  });

  test('127.0.0.1:5432 is used when it accepts postgres without a password', async (t) => {
    if (await svc.pgLoginError(svc.DEFAULT_LOCAL_PG)) return t.skip('no trust-auth Postgres on 5432');
    const h = await svc.findOrStartPostgres({ dataDir: path.join(scratch, 'unused'), forceEmbedded: false });
    assert.equal(h.source, 'local');
    assert.equal(fs.existsSync(path.join(scratch, 'unused')), false);
  });
});

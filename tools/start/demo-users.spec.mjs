// node --test tools/start/demo-users.spec.mjs — the demo users npm start prints.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { demoUsers } from './demo-users.mjs';

test('lists every user of the demo identity seed, the enterprise and the applicant included', () => {
  const users = demoUsers();
  for (const u of ['admin@demo.ttx', 'sme@demo.ttx', 'enterprise@demo.ttx', 'applicant@demo.ttx', 'evaluator@demo.ttx']) assert.ok(users.includes(u), u);
  assert.equal(new Set(users).size, users.length);
});

test('follows the seed, not a copy of it (TTX_SEEDS_DIR layout)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ttx-seeds-'));
  try {
    fs.mkdirSync(path.join(dir, 'demo'));
    fs.writeFileSync(path.join(dir, 'demo', 'identity.json'), JSON.stringify({ organizations: [], users: [{ email: 'a@x.ttx' }, { email: 'b@x.ttx' }] }));
    assert.deepEqual(demoUsers(dir), ['a@x.ttx', 'b@x.ttx']);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

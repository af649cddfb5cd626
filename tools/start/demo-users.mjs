// The demo accounts `npm start` announces, read from the identity seed that `cli seed-demo` loads
// (seeds/demo/identity.json): one list, so a user added to the seed is announced too.
import fs from 'node:fs';
import path from 'node:path';
import { root } from './workspace.mjs';

/** E-mail addresses of every seeded demo user, in seed order. `seedsDir` as cli.js reads TTX_SEEDS_DIR. */
export function demoUsers(seedsDir = path.resolve(root, process.env.TTX_SEEDS_DIR ?? 'seeds')) {
  const { users } = JSON.parse(fs.readFileSync(path.join(seedsDir, 'demo', 'identity.json'), 'utf8'));
  return users.map((u) => u.email);
}

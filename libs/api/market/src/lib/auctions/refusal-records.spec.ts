import type { DataSource } from 'typeorm';
import type { RefusalFacts } from './bid-refusal';
import { MAX_WRITES, RefusalRecords } from './refusal-records';

const facts: RefusalFacts = { status: 'open', kind: 'english', own: false, start: 100, increment: 10, high: 200, started: true, running: true, bidder: 'approved' };
const tick = () => new Promise((r) => setImmediate(r));

/** A pool whose INSERTs answer when the test says so, storing every row (the unit under test is the grouping). */
function pool() {
  const writes: { users: string[]; keys: string[]; answer: () => void }[] = [];
  const query = (q: { values: string[][] }) =>
    new Promise((resolve) => {
      const [users, keys] = q.values;
      writes.push({ users, keys, answer: () => resolve({ rows: users.map((u, i) => ({ user_id: u, key: keys[i] })) }) });
    });
  return { writes, dataSource: { driver: { master: { query } } } as unknown as DataSource };
}

describe('RefusalRecords grouping', () => {
  it('writes the records of one event-loop turn as one statement', async () => {
    const p = pool();
    const records = new RefusalRecords(p.dataSource);
    const stored = ['a', 'b', 'c'].map((k) => records.store('u', k, 'h', facts));
    await tick();
    expect(p.writes).toHaveLength(1);
    expect(p.writes[0].keys).toEqual(['a', 'b', 'c']);
    p.writes[0].answer();
    expect(await Promise.all(stored)).toEqual([true, true, true]);
  });

  it(`keeps at most ${MAX_WRITES} writes in flight; records arriving meanwhile go together in the next one`, async () => {
    const p = pool();
    const records = new RefusalRecords(p.dataSource);
    const all: Promise<boolean>[] = [];
    for (let turn = 0; turn < 5; turn++) {
      all.push(records.store('u', `k${turn}a`, 'h', facts), records.store('u', `k${turn}b`, 'h', facts));
      await tick();
    }
    expect(p.writes).toHaveLength(MAX_WRITES);
    p.writes[0].answer();
    await tick();
    // The three turns that waited are one statement.
    expect(p.writes).toHaveLength(MAX_WRITES + 1);
    expect(p.writes[MAX_WRITES].keys).toEqual(['k2a', 'k2b', 'k3a', 'k3b', 'k4a', 'k4b']);
    p.writes.slice(1).forEach((w) => w.answer());
    expect(await Promise.all(all)).toEqual(Array(10).fill(true));
  });

  it('reports a key already recorded (the same key twice in a group) as not stored: a replay', async () => {
    const p = pool();
    const records = new RefusalRecords(p.dataSource);
    const first = records.store('u', 'k', 'h', facts);
    const second = records.store('u', 'k', 'h', facts);
    await tick();
    p.writes[0].answer();
    // RETURNING names the key once: the first caller stored it, the second is told "replay".
    expect(await Promise.all([first, second])).toEqual([true, false]);
  });
});

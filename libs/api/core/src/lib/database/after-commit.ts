import type { DataSource, EntityManager, EntitySubscriberInterface, QueryRunner } from 'typeorm';

/**
 * Runs side effects that others must only see once a transaction is durable (live pushes, audit chaining) after its
 * COMMIT, and drops them on ROLLBACK. Hooks TypeORM's transaction events: code that runs inside someone
 * else's transaction (a deal subscriber) cannot see where that transaction is committed.
 */
const pending = new WeakMap<QueryRunner, (() => void)[]>();
const hooked = new WeakSet<DataSource>();

const subscriber: EntitySubscriberInterface = {
  // TypeORM also fires these after a nested savepoint's release/rollback; only the outermost end counts.
  afterTransactionCommit({ queryRunner }) {
    if (queryRunner.isTransactionActive) return;
    const fns = pending.get(queryRunner);
    pending.delete(queryRunner);
    for (const fn of fns ?? []) {
      try {
        fn();
      } catch {
        /* best effort: the commit already happened and must not be reported as failed */
      }
    }
  },
  afterTransactionRollback({ queryRunner }) {
    if (!queryRunner.isTransactionActive) pending.delete(queryRunner);
  },
};

/** Calls `fn` after the transaction of `m` commits (at once when `m` is not in a transaction); never on rollback. */
export function afterCommit(m: EntityManager, fn: () => void): void {
  const qr = m.queryRunner;
  if (!qr || !qr.isTransactionActive) {
    fn();
    return;
  }
  const ds = m.connection;
  if (!hooked.has(ds)) {
    hooked.add(ds);
    ds.subscribers.push(subscriber);
  }
  const fns = pending.get(qr) ?? [];
  fns.push(fn);
  pending.set(qr, fns);
}

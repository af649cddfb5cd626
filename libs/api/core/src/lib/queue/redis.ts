import IORedis, { type RedisOptions } from 'ioredis';

/** BullMQ workers need maxRetriesPerRequest: null; producers fail fast instead of hanging. */
export function createRedis(url: string, opts: { forWorker?: boolean; name?: string } = {}): IORedis {
  const options: RedisOptions = {
    maxRetriesPerRequest: opts.forWorker ? null : 3,
    enableReadyCheck: true,
    connectionName: opts.name,
    lazyConnect: false,
  };
  const client = new IORedis(url, options);
  // Without a listener ioredis prints every reconnect failure; health and callers see the errors anyway.
  let last = 0;
  client.on('error', (err: Error) => {
    if (Date.now() - last > 30_000) {
      last = Date.now();
      process.stderr.write(`redis (${opts.name ?? 'client'}): ${err.message}\n`);
    }
  });
  return client;
}

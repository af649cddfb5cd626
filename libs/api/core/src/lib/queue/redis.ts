import IORedis, { type RedisOptions } from 'ioredis';

/** BullMQ workers need maxRetriesPerRequest: null; producers fail fast instead of hanging. */
export function createRedis(url: string, opts: { forWorker?: boolean; name?: string } = {}): IORedis {
  const options: RedisOptions = {
    maxRetriesPerRequest: opts.forWorker ? null : 3,
    enableReadyCheck: true,
    connectionName: opts.name,
    lazyConnect: false,
  };
  return new IORedis(url, options);
}

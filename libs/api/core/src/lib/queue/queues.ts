/** Every queue, job name and payload lives here so producers and processors cannot drift apart. */
export const QUEUES = {
  platform: 'platform',
  brokerage: 'brokerage',
} as const;
export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

export const JOBS = {
  outboxRelay: 'outbox-relay',
  brokerageSweep: 'brokerage-sweep',
} as const;

export interface JobPayloads {
  [JOBS.outboxRelay]: { reason: 'nudge' | 'schedule' };
  [JOBS.brokerageSweep]: Record<string, never>;
}

/** Deterministic ids: a nudge while one is waiting is a no-op; the schedule is upserted, not duplicated. */
export const JOB_IDS = {
  outboxNudge: 'outbox-relay-nudge',
  outboxSchedule: 'outbox-relay-every-5s',
  brokerageSweep: 'brokerage-sweep-every-10min',
} as const;

/** Every queue, job name and payload lives here so producers and processors cannot drift apart. */
export const QUEUES = {
  platform: 'platform',
  rights: 'rights',
  registry: 'registry',
} as const;
export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

export const JOBS = {
  outboxRelay: 'outbox-relay',
  empowermentNoticeEnd: 'empowerment-notice-end',
  contractImport: 'contract-import',
  reviewReminder: 'contract-review-reminder',
} as const;

export interface JobPayloads {
  [JOBS.outboxRelay]: { reason: 'nudge' | 'schedule' };
  [JOBS.empowermentNoticeEnd]: { empowermentId: string };
  /** jobId = importId: one job per upload. */
  [JOBS.contractImport]: { importId: string };
  [JOBS.reviewReminder]: { reason: 'schedule' };
}

/** Deterministic ids: a nudge while one is waiting is a no-op; the schedule is upserted, not duplicated. */
export const JOB_IDS = {
  outboxNudge: 'outbox-relay-nudge',
  outboxSchedule: 'outbox-relay-every-5s',
  /** One notice-end job per empowerment: scheduling it again while it waits is a no-op. */
  empowermentNoticeEnd: (empowermentId: string) => `empowerment-notice-end-${empowermentId}`,
  reviewReminderSchedule: 'contract-review-reminder-hourly',
} as const;

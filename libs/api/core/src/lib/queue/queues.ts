/** Every queue, job name and payload lives here so producers and processors cannot drift apart. */
export const QUEUES = {
  platform: 'platform',
  rights: 'rights',
  registry: 'registry',
  market: 'market',
  brokerage: 'brokerage',
  licensing: 'licensing',
} as const;
export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

export const JOBS = {
  outboxRelay: 'outbox-relay',
  auditChain: 'audit-chain',
  empowermentNoticeEnd: 'empowerment-notice-end',
  contractImport: 'contract-import',
  reviewReminder: 'contract-review-reminder',
  auctionClose: 'auction-close',
  listingPeriodEnd: 'listing-period-end',
  brokerageSweep: 'brokerage-sweep',
  licensingSweep: 'licensing-sweep',
  licenceInvoice: 'licence-invoice',
} as const;

export interface JobPayloads {
  [JOBS.outboxRelay]: { reason: 'nudge' | 'schedule' };
  /** Links audit entries whose own process did not (it crashed or stopped between commit and chaining). */
  [JOBS.auditChain]: { reason: 'schedule' };
  [JOBS.empowermentNoticeEnd]: { empowermentId: string };
  /** jobId = importId: one job per upload. */
  [JOBS.contractImport]: { importId: string };
  [JOBS.reviewReminder]: { reason: 'schedule' };
  [JOBS.auctionClose]: { auctionId: string };
  [JOBS.listingPeriodEnd]: { listingId: string };
  [JOBS.brokerageSweep]: Record<string, never>;
  [JOBS.licensingSweep]: Record<string, never>;
  /** One invoice of a licence: `periodKey` as on the invoice (`lump-sum`, `royalty:2026-Q3`, …). */
  [JOBS.licenceInvoice]: { licenceId: string; periodKey: string };
}

/** Deterministic ids: a nudge while one is waiting is a no-op; the schedule is upserted, not duplicated. */
export const JOB_IDS = {
  outboxNudge: 'outbox-relay-nudge',
  outboxSchedule: 'outbox-relay-every-5s',
  auditChainSchedule: 'audit-chain-every-10s',
  /** One notice-end job per empowerment: scheduling it again while it waits is a no-op. */
  empowermentNoticeEnd: (empowermentId: string) => `empowerment-notice-end-${empowermentId}`,
  reviewReminderSchedule: 'contract-review-reminder-hourly',
  /** One close job per (auction, end time): re-scheduling after a soft-close extension adds the next one. */
  auctionClose: (auctionId: string, endsAt: Date) => `auction-close-${auctionId}-${endsAt.getTime()}`,
  listingPeriodEnd: (listingId: string) => `listing-period-end-${listingId}`,
  brokerageSweep: 'brokerage-sweep-every-10min',
  licensingSweep: 'licensing-sweep-hourly',
  /** One job per licence and invoice period: a repeated or interrupted run adds nothing new (BullMQ ids cannot hold ':'). */
  licenceInvoice: (licenceId: string, periodKey: string) => `invoice-${licenceId}-${periodKey.replace(/:/g, '_')}`,
} as const;

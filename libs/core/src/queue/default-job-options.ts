import type { DefaultJobOptions } from 'bullmq';

/**
 * Defaults for every job. Failed jobs are kept for inspection; completed ones are kept for a day
 * so a relay that re-sends an outbox row (same jobId) is still deduplicated by BullMQ.
 */
export const DEFAULT_JOB_OPTIONS: DefaultJobOptions = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 2_000 },
  removeOnComplete: { age: 24 * 3600, count: 50_000 },
  removeOnFail: { age: 30 * 24 * 3600 },
};

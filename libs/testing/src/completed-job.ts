import type { Job, Queue } from 'bullmq';
import { waitFor } from './wait-for.js';

/**
 * Waits until the job `id` of `queue` has completed and returns it as stored then, with its
 * return value. The job is read again once complete: a copy read before it completed carries
 * `returnvalue: null` even though `isCompleted()`, which asks Redis afresh, already says yes.
 */
export async function completedJob(queue: Queue, id: string, timeoutMs?: number): Promise<Job> {
  await waitFor(
    `job ${id} completed`,
    async () => (await (await queue.getJob(id))?.isCompleted()) ?? false,
    timeoutMs,
  );
  return (await queue.getJob(id))!;
}

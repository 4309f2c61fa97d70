import { Processor } from '@nestjs/bullmq';
import { SetMetadata, applyDecorators } from '@nestjs/common';
import type { WorkerOptions } from 'bullmq';
import type { JobName, QueueName } from '../queue/index.js';

export const QUEUE_PROCESSOR = 'heqi:queue-processor';
export const JOB_HANDLER = 'heqi:job-handler';

/**
 * Worker settings a processor may choose. `lockDuration` / `stalledInterval` decide how soon a
 * job whose worker died (killed, crashed) is handed to another worker: short jobs can afford
 * short locks (BullMQ renews the lock at half its duration while the job runs).
 */
export type QueueProcessorOptions = Pick<
  WorkerOptions,
  'concurrency' | 'lockDuration' | 'stalledInterval'
>;

/**
 * Marks a class as the BullMQ processor of `queue`. Its methods marked {@link HandlesJob} receive
 * the jobs by name (see {@link JobDispatcher}).
 */
export const QueueProcessor = (queue: QueueName, options: QueueProcessorOptions = {}) =>
  applyDecorators(
    Processor(queue, { ...options, concurrency: options.concurrency ?? 4 }),
    SetMetadata(QUEUE_PROCESSOR, queue),
  );

/** Marks the method that runs the jobs named `name`: it is called with `(payload, job)`. */
export const HandlesJob = (name: JobName): MethodDecorator => SetMetadata(JOB_HANDLER, name);

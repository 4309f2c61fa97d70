import { Processor } from '@nestjs/bullmq';
import { SetMetadata, applyDecorators } from '@nestjs/common';
import type { JobName, QueueName } from '../queue/index.js';

export const QUEUE_PROCESSOR = 'heqi:queue-processor';
export const JOB_HANDLER = 'heqi:job-handler';

/**
 * Marks a class as the BullMQ processor of `queue`. Its methods marked {@link HandlesJob} receive
 * the jobs by name (see {@link JobDispatcher}).
 */
export const QueueProcessor = (queue: QueueName, options: { concurrency?: number } = {}) =>
  applyDecorators(
    Processor(queue, { concurrency: options.concurrency ?? 4 }),
    SetMetadata(QUEUE_PROCESSOR, queue),
  );

/** Marks the method that runs the jobs named `name`: it is called with `(payload, job)`. */
export const HandlesJob = (name: JobName): MethodDecorator => SetMetadata(JOB_HANDLER, name);

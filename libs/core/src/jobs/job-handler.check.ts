import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { JOB_QUEUE } from '../queue/index.js';
import { jobHandlerMarks } from './job-dispatcher.js';
import { QUEUE_PROCESSOR } from './queue-processor.decorator.js';

/** Thrown at worker start-up when the job catalogue and the handlers disagree. */
export class JobHandlerMismatchError extends Error {
  constructor(readonly problems: string[]) {
    super(`job handlers do not match the job catalogue:\n  - ${problems.join('\n  - ')}`);
    this.name = 'JobHandlerMismatchError';
  }
}

/**
 * Pure check: every job name has exactly one handler, on a processor of the queue that carries
 * it. `found` lists (processor class, its queue, the job names it handles).
 */
export function findJobHandlerProblems(
  found: { processor: string; queue: string; jobs: string[] }[],
  catalogue: Record<string, string> = JOB_QUEUE,
): string[] {
  const problems: string[] = [];
  const owners = new Map<string, string[]>();
  for (const { processor, queue, jobs } of found) {
    for (const job of jobs) {
      owners.set(job, [...(owners.get(job) ?? []), processor]);
      if (!Object.hasOwn(catalogue, job))
        problems.push(`${processor} handles unknown job "${job}"`);
      else if (catalogue[job] !== queue)
        problems.push(
          `${processor} (queue "${queue}") handles "${job}", which travels on "${catalogue[job]}"`,
        );
    }
  }
  for (const job of Object.keys(catalogue)) {
    const who = owners.get(job) ?? [];
    if (who.length === 0) problems.push(`no handler for job "${job}"`);
    if (who.length > 1) problems.push(`job "${job}" has ${who.length} handlers: ${who.join(', ')}`);
  }
  return problems;
}

/** Refuses to start a worker whose processors do not cover the job catalogue exactly once. */
@Injectable()
export class JobHandlerCheck implements OnModuleInit {
  constructor(private readonly discovery: DiscoveryService) {}

  onModuleInit(): void {
    const found = this.discovery
      .getProviders()
      .filter((w) => w.instance && w.metatype)
      .map((w) => ({
        processor: w.metatype!.name,
        queue: Reflect.getMetadata(QUEUE_PROCESSOR, w.metatype!) as string | undefined,
        jobs: jobHandlerMarks(w.instance as object).map((m) => m.job),
      }))
      .filter((p) => p.queue !== undefined || p.jobs.length > 0)
      .map((p) => ({ ...p, queue: p.queue ?? '(not a queue processor)' }));
    const problems = findJobHandlerProblems(found);
    if (problems.length) throw new JobHandlerMismatchError(problems);
  }
}

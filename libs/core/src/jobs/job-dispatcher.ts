import { WorkerHost } from '@nestjs/bullmq';
import { DelayedError, type Job } from 'bullmq';
import { JOB_HANDLER } from './queue-processor.decorator.js';

type Handler = (payload: unknown, job: Job) => Promise<unknown>;

/**
 * Every `@HandlesJob` mark on `instance`'s methods, own and inherited. A method overridden in a
 * subclass counts once; two methods marked for the same job both appear, so the start-up check
 * can refuse them.
 */
export function jobHandlerMarks(instance: object): { job: string; method: string }[] {
  const marks: { job: string; method: string }[] = [];
  const seen = new Set<string>();
  let proto = Object.getPrototypeOf(instance) as object | null;
  while (proto && proto !== Object.prototype) {
    for (const [key, descriptor] of Object.entries(Object.getOwnPropertyDescriptors(proto))) {
      // Read descriptors, not properties: touching a getter (e.g. ModuleRef's) would run it.
      const method: unknown = descriptor.value;
      if (key === 'constructor' || typeof method !== 'function' || seen.has(key)) continue;
      const job = Reflect.getMetadata(JOB_HANDLER, method) as string | undefined;
      // An undecorated override keeps its parent's mark: dispatch calls the override.
      if (!job) continue;
      seen.add(key);
      marks.push({ job, method: key });
    }
    proto = Object.getPrototypeOf(proto) as object | null;
  }
  return marks;
}

/** The method that handles each job name on `instance` (the first mark wins). */
export function jobHandlersOf(instance: object): Map<string, string> {
  const handlers = new Map<string, string>();
  for (const { job, method } of jobHandlerMarks(instance)) {
    if (!handlers.has(job)) handlers.set(job, method);
  }
  return handlers;
}

/** How long a job waits before retrying when Postgres is unreachable. */
const DEPENDENCY_RETRY_MS = 5_000;

/**
 * Errors that mean "Postgres is away", not "this job is wrong": connection refused or reset,
 * the server shutting down (57P01…), connection exceptions (class 08).
 */
export function isConnectionError(err: unknown): boolean {
  const e = err as { code?: string; name?: string; message?: string } | null;
  const code = e?.code ?? '';
  return (
    ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', '57P01', '57P02', '57P03'].includes(
      code,
    ) ||
    code.startsWith('08') ||
    e?.name === 'QueryRunnerProviderAlreadyReleasedError' ||
    /Connection terminated|timeout exceeded when trying to connect/i.test(e?.message ?? '')
  );
}

/**
 * Base of every processor: routes each job to the method marked for its name. A job with no
 * handler fails loudly (and is kept as failed) rather than being acknowledged and lost. A job
 * that fails because Postgres is away is put back as delayed without using up an attempt, so an
 * outage of any length delays work and loses none.
 */
export abstract class JobDispatcher extends WorkerHost {
  private handlers?: Map<string, string>;

  async process(job: Job, token?: string): Promise<unknown> {
    this.handlers ??= jobHandlersOf(this);
    const key = this.handlers.get(job.name);
    if (!key) throw new Error(`no handler for job "${job.name}" on ${this.constructor.name}`);
    const handler = (this as unknown as Record<string, Handler>)[key]!;
    try {
      return await handler.call(this, job.data, job);
    } catch (err) {
      if (!token || !isConnectionError(err)) throw err;
      await job.moveToDelayed(Date.now() + DEPENDENCY_RETRY_MS, token);
      throw new DelayedError();
    }
  }
}

import 'reflect-metadata';
import type { DiscoveryService } from '@nestjs/core';
import type { Job } from 'bullmq';
import { describe, expect, it } from 'vitest';
import { JOB_QUEUE, JobName, QueueName } from '../queue/index.js';
import { JobDispatcher, jobHandlerMarks, jobHandlersOf } from './job-dispatcher.js';
import {
  JobHandlerCheck,
  JobHandlerMismatchError,
  findJobHandlerProblems,
} from './job-handler.check.js';
import { HandlesJob, QueueProcessor } from './queue-processor.decorator.js';

/** A small catalogue of its own, so the cases below do not change when real jobs are added. */
const CATALOGUE = {
  'cases.offer-expired': 'assignment',
  'cases.deadline-due': 'deadlines',
  'hotline.send-reply': 'hotline',
};

const complete = () => [
  { processor: 'AssignmentProcessor', queue: 'assignment', jobs: ['cases.offer-expired'] },
  { processor: 'DeadlinesProcessor', queue: 'deadlines', jobs: ['cases.deadline-due'] },
  { processor: 'HotlineProcessor', queue: 'hotline', jobs: ['hotline.send-reply'] },
];

describe('findJobHandlerProblems', () => {
  it('finds nothing when every job has exactly one handler on its own queue', () => {
    expect(findJobHandlerProblems(complete(), CATALOGUE)).toEqual([]);
  });

  it('accepts one processor handling several jobs of its queue', () => {
    const found = [
      {
        processor: 'CasesProcessor',
        queue: 'cases',
        jobs: ['cases.offer-expired', 'cases.deadline-due'],
      },
    ];
    const catalogue = { 'cases.offer-expired': 'cases', 'cases.deadline-due': 'cases' };
    expect(findJobHandlerProblems(found, catalogue)).toEqual([]);
  });

  it('reports a job nobody handles', () => {
    const found = complete().filter((p) => p.processor !== 'HotlineProcessor');
    expect(findJobHandlerProblems(found, CATALOGUE)).toEqual([
      'no handler for job "hotline.send-reply"',
    ]);
  });

  it('reports a job handled twice, naming both handlers', () => {
    const found = [
      ...complete(),
      { processor: 'ReminderProcessor', queue: 'deadlines', jobs: ['cases.deadline-due'] },
    ];
    expect(findJobHandlerProblems(found, CATALOGUE)).toEqual([
      'job "cases.deadline-due" has 2 handlers: DeadlinesProcessor, ReminderProcessor',
    ]);
  });

  it('reports a handler on a processor of the wrong queue', () => {
    const found = complete().map((p) =>
      p.processor === 'HotlineProcessor' ? { ...p, queue: 'assignment' } : p,
    );
    expect(findJobHandlerProblems(found, CATALOGUE)).toEqual([
      'HotlineProcessor (queue "assignment") handles "hotline.send-reply", which travels on "hotline"',
    ]);
  });

  it('reports a handler for a job that is not in the catalogue', () => {
    const found = [
      ...complete(),
      { processor: 'HotlineProcessor', queue: 'hotline', jobs: ['hotline.send-sms'] },
    ];
    expect(findJobHandlerProblems(found, CATALOGUE)).toEqual([
      'HotlineProcessor handles unknown job "hotline.send-sms"',
    ]);
  });

  it('reports every problem at once', () => {
    const found = [
      { processor: 'AssignmentProcessor', queue: 'assignment', jobs: ['cases.offer-expired'] },
      { processor: 'OtherProcessor', queue: 'assignment', jobs: ['cases.offer-expired'] },
      { processor: 'DeadlinesProcessor', queue: 'hotline', jobs: ['cases.deadline-due'] },
      { processor: 'HotlineProcessor', queue: 'hotline', jobs: ['hotline.typo'] },
    ];
    expect(findJobHandlerProblems(found, CATALOGUE)).toHaveLength(4);
  });

  it('checks against the real job catalogue by default', () => {
    expect(findJobHandlerProblems([])).toEqual(
      Object.keys(JOB_QUEUE).map((job) => `no handler for job "${job}"`),
    );
    const found = Object.entries(JOB_QUEUE).map(([job, queue]) => ({
      processor: `${job}Processor`,
      queue,
      jobs: [job],
    }));
    expect(findJobHandlerProblems(found)).toEqual([]);
  });
});

describe('jobHandlersOf', () => {
  class BaseProcessor {
    getterCalls = 0;

    @HandlesJob(JobName.PipelineProbe)
    probe(): void {}

    /** Not a handler: plain methods are skipped. */
    helper(): void {}

    get touchy(): string {
      this.getterCalls += 1;
      throw new Error('a getter was invoked');
    }
  }

  class ChildProcessor extends BaseProcessor {
    @HandlesJob(JobName.OutboxPurge)
    purge(): void {}

    get alsoTouchy(): string {
      this.getterCalls += 1;
      throw new Error('a getter was invoked');
    }
  }

  it('finds the handlers of the class and of its ancestors, by method name', () => {
    expect(Object.fromEntries(jobHandlersOf(new ChildProcessor()))).toEqual({
      [JobName.OutboxPurge]: 'purge',
      [JobName.PipelineProbe]: 'probe',
    });
  });

  it('reads descriptors without invoking getters on the class or its ancestors', () => {
    const instance = new ChildProcessor();
    expect(() => jobHandlersOf(instance)).not.toThrow();
    expect(instance.getterCalls).toBe(0);
  });

  it('keeps the method name when a subclass overrides an inherited handler undecorated', () => {
    class OverridingProcessor extends BaseProcessor {
      override probe(): void {}
    }
    // Dispatch looks the name up on the instance, so the override is what runs.
    expect(Object.fromEntries(jobHandlersOf(new OverridingProcessor()))).toEqual({
      [JobName.PipelineProbe]: 'probe',
    });
  });

  it('finds nothing on a class without handlers', () => {
    expect(jobHandlersOf(new (class Plain {})()).size).toBe(0);
  });

  // WorkerHost's `worker` getter throws until BullMQ has registered the worker.
  it('does not touch WorkerHost.worker on a JobDispatcher', () => {
    class ProbeProcessor extends JobDispatcher {
      @HandlesJob(JobName.PipelineProbe)
      async probe(): Promise<void> {}
    }
    expect(Object.fromEntries(jobHandlersOf(new ProbeProcessor()))).toEqual({
      [JobName.PipelineProbe]: 'probe',
    });
  });
});

describe('JobDispatcher.process', () => {
  class EchoProcessor extends JobDispatcher {
    @HandlesJob(JobName.PipelineProbe)
    async probe(payload: unknown, job: Job): Promise<unknown> {
      return { payload, name: job.name, self: this instanceof EchoProcessor };
    }
  }

  const job = (name: string, data: unknown) => ({ name, data }) as Job;

  it('routes a job to the method marked for its name, with `this` bound', async () => {
    await expect(
      new EchoProcessor().process(job(JobName.PipelineProbe, { probeId: 'p1' })),
    ).resolves.toEqual({ payload: { probeId: 'p1' }, name: JobName.PipelineProbe, self: true });
  });

  it('fails a job it has no handler for, so BullMQ keeps it as failed', async () => {
    await expect(new EchoProcessor().process(job(JobName.OutboxPurge, {}))).rejects.toThrow(
      `no handler for job "${JobName.OutboxPurge}" on EchoProcessor`,
    );
  });
});

describe('JobHandlerCheck', () => {
  @QueueProcessor(QueueName.System)
  class SystemProcessor {
    @HandlesJob(JobName.PipelineProbe)
    probe(): void {}

    @HandlesJob(JobName.OutboxPurge)
    purge(): void {}
  }

  /** Handles a job but is not a queue processor: its jobs would never arrive. */
  class StrayHandler {
    @HandlesJob(JobName.OutboxPurge)
    purge(): void {}
  }

  class UnrelatedService {}

  /**
   * One processor per other queue, handling every job the contexts put on it: these cases are
   * about the system processor, and must not change when a context adds a job to the catalogue.
   */
  const otherProcessors = Object.values(QueueName)
    .filter((queue) => queue !== QueueName.System)
    .map((queue) => {
      const processor = class {};
      Object.defineProperty(processor, 'name', { value: `${queue}Processor` });
      for (const [job, on] of Object.entries(JOB_QUEUE)) {
        if (on !== queue) continue;
        const descriptor = { value: () => undefined, enumerable: false, configurable: true };
        HandlesJob(job as JobName)(processor.prototype, job, descriptor);
        Object.defineProperty(processor.prototype, job, descriptor);
      }
      QueueProcessor(queue)(processor);
      return processor;
    });

  const discovery = (...classes: (new () => object)[]) =>
    ({
      getProviders: () => [
        ...[...classes, ...otherProcessors].map((metatype) => ({
          metatype,
          instance: new metatype(),
        })),
        // Providers registered by value or not yet instantiated carry no metatype or instance.
        { metatype: null, instance: { some: 'value' } },
        { metatype: UnrelatedService, instance: undefined },
      ],
    }) as unknown as DiscoveryService;

  it('lets the worker start when the catalogue is covered', () => {
    const check = new JobHandlerCheck(discovery(SystemProcessor, UnrelatedService));
    expect(() => check.onModuleInit()).not.toThrow();
  });

  it('refuses to start with a handler outside a queue processor', () => {
    const check = new JobHandlerCheck(discovery(SystemProcessor, StrayHandler));
    let error: unknown;
    try {
      check.onModuleInit();
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(JobHandlerMismatchError);
    expect((error as JobHandlerMismatchError).problems).toEqual([
      `StrayHandler (queue "(not a queue processor)") handles "${JobName.OutboxPurge}", which travels on "${QueueName.System}"`,
      `job "${JobName.OutboxPurge}" has 2 handlers: SystemProcessor, StrayHandler`,
    ]);
  });

  it('refuses to start when a job has no handler', () => {
    const check = new JobHandlerCheck(discovery(UnrelatedService));
    expect(() => check.onModuleInit()).toThrow(JobHandlerMismatchError);
  });
});

describe('jobHandlerMarks', () => {
  it('lists two methods of one processor marked for the same job, so the check refuses them', () => {
    class TwiceProcessor {
      @HandlesJob(JobName.PipelineProbe)
      first(): void {}

      @HandlesJob(JobName.PipelineProbe)
      second(): void {}
    }
    const jobs = jobHandlerMarks(new TwiceProcessor()).map((m) => m.job);
    expect(jobs).toEqual([JobName.PipelineProbe, JobName.PipelineProbe]);
    const problems = findJobHandlerProblems(
      [{ processor: 'TwiceProcessor', queue: QueueName.System, jobs }],
      { [JobName.PipelineProbe]: QueueName.System },
    );
    expect(problems).toEqual([
      `job "${JobName.PipelineProbe}" has 2 handlers: TwiceProcessor, TwiceProcessor`,
    ]);
  });
});

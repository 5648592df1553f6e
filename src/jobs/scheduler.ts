// Persisted timers on agenda (MongoDB-backed): they survive restarts, and agenda's lock makes each run happen
// on one instance only. Handlers must still be idempotent (a crash mid-run means a second run). Recovery sweeps,
// which are idempotent and frequent, run on a plain timer in every instance instead: going through the job store
// costs an idle app a lock, a save and a look for every job name each time (about a dozen database round trips).
import { setTimeout as sleep } from 'node:timers/promises';
import { Agenda, InMemoryNotificationChannel, type Job } from 'agenda';
import { MongoBackend } from '@agendajs/mongo-backend';
import type { Db } from 'mongodb';
import type { DateTime } from 'luxon';
import type { Logger } from '../logger';

export type JobHandler<T> = (data: T) => Promise<void>;

/**
 * A job a capability handles. `every` (agenda's human interval, e.g. "30 seconds") makes it recurring, one instance
 * per run; `sweepEveryMs` makes it a sweep instead: run by every instance, at start and then every so many
 * milliseconds, for repairs that may run twice at once (each step is conditional).
 */
export interface JobDefinition<T extends object = never> {
  name: string;
  handler: JobHandler<T>;
  every?: string;
  sweepEveryMs?: number;
}

/** Names jobs without losing their data type in a capability's list of jobs. */
export const job = <T extends object>(definition: JobDefinition<T>): JobDefinition => definition as unknown as JobDefinition;

/** Defines every job and schedules the recurring ones (before the scheduler starts, so due work runs at once). */
export async function defineJobs(scheduler: Scheduler, jobs: JobDefinition[]): Promise<void> {
  const stored: Promise<void>[] = [];
  for (const { name, handler, every, sweepEveryMs } of jobs) {
    if (sweepEveryMs) {
      scheduler.sweep(name, sweepEveryMs, handler as () => Promise<void>);
      stored.push(scheduler.cancelAll(name)); // an earlier version kept it as a recurring job
    } else {
      scheduler.define(name, handler as JobHandler<object>);
      if (every) stored.push(scheduler.every(name, every));
    }
  }
  await Promise.all(stored);
}

export interface Scheduler {
  define<T extends object>(name: string, handler: JobHandler<T>): void;
  /** Schedule `name` at `at`; a job with the same name and key is moved, not duplicated. */
  scheduleOnce<T extends { key: string }>(name: string, at: DateTime, data: T): Promise<void>;
  /** Run a recurring job every `interval` (agenda's human interval, e.g. "30 seconds"). */
  every(name: string, interval: string): Promise<void>;
  /** Run `handler` in this instance once the scheduler starts, then `everyMs` after each run ends, until it stops. */
  sweep(name: string, everyMs: number, handler: () => Promise<void>): void;
  cancel(name: string, key: string): Promise<void>;
  /** Removes every stored job of that name (a recurring job from an earlier version that is now a sweep). */
  cancelAll(name: string): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export function createAgendaScheduler(db: Db, options: { logger: Logger; pollIntervalMs: number; instanceName?: string }): Scheduler {
  const agenda = new Agenda({
    backend: new MongoBackend({ mongo: db, collection: 'jobs' }),
    name: options.instanceName,
    // A job this instance schedules before the next poll is run on time without waiting for the poll, so the poll
    // can be slow (idle costs nothing); the poll finds other instances' jobs and ones due later.
    notificationChannel: new InMemoryNotificationChannel(),
    processEvery: options.pollIntervalMs,
    defaultLockLifetime: 5 * 60_000,
    removeOnComplete: true,
  });
  const log = options.logger.child({ component: 'jobs' });
  const sweeps: Array<{ name: string; everyMs: number; handler: () => Promise<void> }> = [];
  const stopping = new AbortController();
  const running: Promise<void>[] = [];
  const runSweep = async (sweep: (typeof sweeps)[number]) => {
    while (!stopping.signal.aborted) {
      try {
        await sweep.handler();
      } catch (error) {
        log.warn({ err: error, job: sweep.name }, 'sweep failed; it runs again at its next turn');
      }
      await sleep(sweep.everyMs, undefined, { signal: stopping.signal, ref: false }).catch(() => undefined);
    }
  };
  agenda.on('error', (error: Error) => log.error({ err: error }, 'scheduler error'));
  agenda.on('fail', (error: Error, job: Job) => log.warn({ err: error, job: job.attrs.name }, 'job failed'));

  return {
    define(name, handler) {
      agenda.define(name, async (job: Job) => {
        await handler(job.attrs.data as Parameters<typeof handler>[0]);
      });
    },
    async scheduleOnce(name, at, data) {
      await agenda.create(name, data).unique({ name, 'data.key': data.key }).schedule(at.toJSDate()).save();
    },
    async every(name, interval) {
      await agenda.every(interval, name, {}, { skipImmediate: false });
    },
    sweep(name, everyMs, handler) {
      sweeps.push({ name, everyMs, handler });
    },
    async cancel(name, key) {
      await agenda.cancel({ name, data: { key } });
    },
    async cancelAll(name) {
      await agenda.cancel({ name });
    },
    async start() {
      await agenda.start();
      for (const sweep of sweeps) running.push(runSweep(sweep));
    },
    async stop() {
      stopping.abort();
      await Promise.all(running);
      await agenda.stop();
    },
  };
}

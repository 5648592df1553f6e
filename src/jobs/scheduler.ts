// Persisted timers on agenda (MongoDB-backed): they survive restarts, and agenda's lock makes each run happen
// on one instance only. Handlers must still be idempotent (a crash mid-run means a second run).
import { Agenda, InMemoryNotificationChannel, type Job } from 'agenda';
import { MongoBackend } from '@agendajs/mongo-backend';
import type { Db } from 'mongodb';
import type { DateTime } from 'luxon';
import type { Logger } from '../logger';

export type JobHandler<T> = (data: T) => Promise<void>;

/** A job a capability handles; `every` (agenda's human interval, e.g. "30 seconds") makes it recurring. */
export interface JobDefinition<T extends object = never> {
  name: string;
  handler: JobHandler<T>;
  every?: string;
}

/** Names jobs without losing their data type in a capability's list of jobs. */
export const job = <T extends object>(definition: JobDefinition<T>): JobDefinition => definition as unknown as JobDefinition;

/** Defines every job and schedules the recurring ones (before the scheduler starts, so due work runs at once). */
export async function defineJobs(scheduler: Scheduler, jobs: JobDefinition[]): Promise<void> {
  for (const { name, handler } of jobs) scheduler.define(name, handler as JobHandler<object>);
  await Promise.all(jobs.map(({ name, every }) => (every ? scheduler.every(name, every) : undefined)));
}

export interface Scheduler {
  define<T extends object>(name: string, handler: JobHandler<T>): void;
  /** Schedule `name` at `at`; a job with the same name and key is moved, not duplicated. */
  scheduleOnce<T extends { key: string }>(name: string, at: DateTime, data: T): Promise<void>;
  /** Run a recurring job every `interval` (agenda's human interval, e.g. "30 seconds"). */
  every(name: string, interval: string): Promise<void>;
  cancel(name: string, key: string): Promise<void>;
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
    async cancel(name, key) {
      await agenda.cancel({ name, data: { key } });
    },
    async start() {
      await agenda.start();
    },
    async stop() {
      await agenda.stop();
    },
  };
}

// Agenda 6 with @agendajs/mongo-backend: a job is scheduled, locked, run and completed.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Agenda } from 'agenda';
import { MongoBackend } from '@agendajs/mongo-backend';
import { MongoClient, type Db } from 'mongodb';
import { startTestDatabase, type TestDatabase } from '../support/database';

const ctx = {} as { database: TestDatabase; client: MongoClient; db: Db };
beforeAll(async () => {
  ctx.database = await startTestDatabase();
  ctx.client = await MongoClient.connect(ctx.database.uri, { serverSelectionTimeoutMS: 5_000 });
  ctx.db = ctx.client.db();
});
afterAll(async () => {
  await ctx.client?.close();
  if (ctx.database?.embedded) expect(ctx.database.embedded.unknownCommands).toEqual([]);
  await ctx.database?.stop();
});

describe('agenda on this database', () => {
  it('runs a job scheduled now and one scheduled for later, recording lastFinishedAt', async () => {
    const agenda = new Agenda({
      backend: new MongoBackend({ mongo: ctx.db, collection: 'agendaJobs' }),
      processEvery: 100,
      defaultLockLifetime: 10_000,
    });
    const runs: Array<{ name: string; data: unknown }> = [];
    agenda.define('send-digest', async (job) => {
      runs.push({ name: job.attrs.name, data: job.attrs.data });
    });
    agenda.define('close-ticket', async (job) => {
      runs.push({ name: job.attrs.name, data: job.attrs.data });
    });
    await agenda.start();
    try {
      await agenda.now('send-digest', { channel: 'C1' });
      await agenda.schedule(new Date(Date.now() + 300), 'close-ticket', { ticket: 42 });
      const finished = () => ctx.db.collection('agendaJobs').countDocuments({ lastFinishedAt: { $exists: true, $ne: null } });
      await vi.waitUntil(async () => (await finished()) === 2, { timeout: 15_000, interval: 100 });
      expect(await finished()).toBe(2);
    } finally {
      await agenda.stop();
    }
    expect(runs).toEqual(
      expect.arrayContaining([
        { name: 'send-digest', data: { channel: 'C1' } },
        { name: 'close-ticket', data: { ticket: 42 } },
      ]),
    );
    const jobs = await ctx.db.collection('agendaJobs').find({}).sort({ name: 1 }).toArray();
    expect(jobs.map((job) => job.name)).toEqual(['close-ticket', 'send-digest']);
    for (const job of jobs) {
      expect(job.lastFinishedAt).toBeInstanceOf(Date);
      expect(job.lastRunAt).toBeInstanceOf(Date);
      expect(job.lockedAt ?? null).toBeNull();
      expect(job.failReason ?? null).toBeNull();
    }
    const indexes = (await ctx.db.collection('agendaJobs').indexes()).map((index) => index.name);
    expect(indexes).toContain('findAndLockNextJobIndex');
  });
});

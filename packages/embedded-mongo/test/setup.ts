// Shared wiring for the conformance suites: a fresh embedded server and database per file, a driver client, and the
// closing check that the server saw no command it does not implement. With MONGODB_URI set, the same suites run
// against that real mongod instead (each file uses, then drops, its own database), to check the expectations themselves.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, expect, vi } from 'vitest';
import { MongoClient, type Db, type MongoClientOptions } from 'mongodb';
import { startEmbeddedMongo, type EmbeddedMongo } from '../src';

export interface TestDatabase {
  kind: 'embedded' | 'external';
  dbName: string;
  /** Present with the embedded server: fault injection and the unknown-command log. */
  embedded?: EmbeddedMongo;
}

export interface DriverContext {
  database: TestDatabase;
  client: MongoClient;
  db: Db;
}

export function useDriverDatabase(options: MongoClientOptions = {}): DriverContext {
  const ctx = {} as DriverContext;
  beforeAll(async () => {
    const dbName = `test_${process.pid}_${randomBytes(3).toString('hex')}`;
    const external = process.env.MONGODB_URI;
    const embedded = external ? undefined : await startEmbeddedMongo({ ttlSweepMs: 250 });
    ctx.database = { kind: embedded ? 'embedded' : 'external', dbName, embedded };
    ctx.client = await MongoClient.connect(embedded?.uri ?? (external as string), { serverSelectionTimeoutMS: 5_000, ...options });
    ctx.db = ctx.client.db(dbName);
  });
  afterAll(async () => {
    if (ctx.database?.kind === 'external') await ctx.db?.dropDatabase();
    await ctx.client?.close();
    if (ctx.database?.embedded) expect(ctx.database.embedded.unknownCommands).toEqual([]);
    await ctx.database?.embedded?.stop();
  });
  return ctx;
}

/** Whether `check` returned true within `timeoutMs`, polling every `intervalMs`. */
export function waitFor(check: () => Promise<boolean> | boolean, timeoutMs: number, intervalMs = 100): Promise<boolean> {
  return vi.waitUntil(check, { timeout: timeoutMs, interval: intervalMs }).then(
    () => true,
    () => false,
  );
}

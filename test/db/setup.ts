// Shared wiring for the conformance suites: one database per file, a driver client, and the closing check that the
// embedded server saw no command it does not implement.
import { afterAll, beforeAll, expect } from 'vitest';
import { MongoClient, type Db, type MongoClientOptions } from 'mongodb';
import { startTestDatabase, type TestDatabase } from '../support/database';

export interface DriverContext {
  database: TestDatabase;
  client: MongoClient;
  db: Db;
}

export function useDriverDatabase(options: MongoClientOptions = {}): DriverContext {
  const ctx = {} as DriverContext;
  beforeAll(async () => {
    ctx.database = await startTestDatabase();
    ctx.client = await MongoClient.connect(ctx.database.uri, { serverSelectionTimeoutMS: 5_000, ...options });
    ctx.db = ctx.client.db();
  });
  afterAll(async () => {
    await ctx.client?.close();
    if (ctx.database?.embedded) expect(ctx.database.embedded.unknownCommands).toEqual([]);
    await ctx.database?.stop();
  });
  return ctx;
}

/** Wait until `check` returns true, polling every `intervalMs`, for at most `timeoutMs`. */
export async function waitFor(check: () => Promise<boolean> | boolean, timeoutMs: number, intervalMs = 100): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  return check();
}

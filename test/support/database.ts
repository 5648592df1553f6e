// A database for one test file: MONGODB_URI when set (a real mongod), otherwise a local mongod found by
// mongodb-memory-server, otherwise the embedded server. Every call gets its own database name.
import { randomBytes } from 'node:crypto';
import { MongoClient } from 'mongodb';
import type { Connection } from 'mongoose';
import { connectDatabase } from '../../src/db/connection';
import { resolveMongoBackend, type MongoBackendKind } from '../../src/db/backend';
import { startEmbeddedMongo, type EmbeddedMongo } from '@goodtime-help/embedded-mongo';

export interface TestDatabase {
  /** Connection string including this call's database name. */
  uri: string;
  dbName: string;
  kind: MongoBackendKind;
  /** Present with the embedded backend: fault injection and the unknown-command log. */
  embedded?: EmbeddedMongo;
  /** Drops the database (external) or stops the local server. */
  stop(): Promise<void>;
}

const quietLogger = {
  info: () => {},
  warn: (obj: object, msg?: string) => console.warn(msg ?? '', obj),
};

let counter = 0;

function uniqueDbName(): string {
  counter += 1;
  return `test_${process.pid}_${counter}_${randomBytes(3).toString('hex')}`;
}

/** Put `dbName` in the path of a mongodb:// URI, keeping hosts, credentials and query options. */
export function withDatabase(uri: string, dbName: string): string {
  const match = /^(mongodb(?:\+srv)?:\/\/[^/?]+)(?:\/[^?]*)?(\?.*)?$/.exec(uri);
  if (!match) throw new Error('MONGODB_URI is not a mongodb:// URI');
  return `${match[1]}/${dbName}${match[2] ?? ''}`;
}

export async function startTestDatabase(): Promise<TestDatabase> {
  const dbName = uniqueDbName();
  const external = process.env.MONGODB_URI;
  if (external) {
    const uri = withDatabase(external, dbName);
    return {
      uri,
      dbName,
      kind: 'external',
      async stop() {
        const client = await MongoClient.connect(uri, { serverSelectionTimeoutMS: 5_000 });
        try {
          await client.db(dbName).dropDatabase();
        } finally {
          await client.close();
        }
      },
    };
  }
  const backend = await resolveMongoBackend({ logger: quietLogger, env: process.env, fastTtl: true, inProcess: startEmbeddedMongo });
  return {
    uri: withDatabase(backend.uri, dbName),
    dbName,
    kind: backend.kind,
    embedded: backend.embedded,
    stop: () => backend.stop(),
  };
}

/** A mongoose connection to a fresh test database, for store and service tests without the app. */
export async function startTestConnection(): Promise<{ connection: Connection; stop(): Promise<void> }> {
  const db = await startTestDatabase();
  const connection = await connectDatabase(db.uri);
  return {
    connection,
    async stop() {
      await connection.close();
      await db.stop();
    },
  };
}

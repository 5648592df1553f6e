// One mongoose connection per app instance (no global mongoose singleton), so tests can run several apps.
import { MongoClient } from 'mongodb';
import mongoose, { type Connection } from 'mongoose';

export interface ConnectOptions {
  /** Names the database when the URI has none (local servers). */
  dbName?: string;
  /** How often the driver checks the server is alive; the driver's 10 s default suits a replica set's failover. */
  heartbeatFrequencyMS?: number;
}

/**
 * How often each connection pool looks for connections to open or retire. The driver checks every 100 ms, waking an
 * idle app ten times a second for a pool whose minimum is 0; it offers no public option for it (its option parser
 * refuses the name), so it is set on the client's parsed options before the pools are made. With no minimum and no
 * idle limit the check only drops connections already closed, which a checkout drops anyway: once a minute is plenty.
 */
const POOL_CHECK_EVERY_MS = 60_000;

export async function connectDatabase(uri: string, options: ConnectOptions = {}): Promise<Connection> {
  const client = new MongoClient(uri, {
    ...(options.dbName ? { dbName: options.dbName } : {}),
    ...(options.heartbeatFrequencyMS ? { heartbeatFrequencyMS: options.heartbeatFrequencyMS } : {}),
    serverSelectionTimeoutMS: 5_000,
  });
  Object.assign(client.options, { minPoolSizeCheckFrequencyMS: POOL_CHECK_EVERY_MS });
  await client.connect();
  return mongoose.createConnection().setClient(client);
}

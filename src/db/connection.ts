// One mongoose connection per app instance (no global mongoose singleton), so tests can run several apps.
import mongoose, { type Connection } from 'mongoose';

/** `dbName` names the database when the URI has none (local servers). */
export async function connectDatabase(uri: string, dbName?: string): Promise<Connection> {
  const connection = mongoose.createConnection(uri, {
    ...(dbName ? { dbName } : {}),
    serverSelectionTimeoutMS: 5_000,
    autoIndex: true,
    autoCreate: true,
  });
  await connection.asPromise();
  return connection;
}

// Embedded-server-only behaviour: fault injection, unknown commands, the legacy handshake and standalone refusals.
// These tests start their own server, whatever backend the rest of the suite uses.
import net from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { BSON, Long, MongoClient, MongoServerError } from 'mongodb';
import { startEmbeddedMongo, type EmbeddedMongo } from '../src';

let server: EmbeddedMongo;
let client: MongoClient;
const warnings: Array<{ obj: object; msg?: string }> = [];

beforeAll(async () => {
  server = await startEmbeddedMongo({ ttlSweepMs: 200, logger: { warn: (obj, msg) => warnings.push({ obj, msg }) } });
  client = await MongoClient.connect(`${server.uri}/faults`, { serverSelectionTimeoutMS: 2_000, heartbeatFrequencyMS: 500 });
});

afterEach(() => server.faults.reset());

afterAll(async () => {
  await client?.close();
  await server?.stop();
});

/** Send one raw message and read one reply. */
async function roundTrip(port: number, message: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.write(message));
    const chunks: Buffer[] = [];
    socket.on('data', (chunk) => {
      chunks.push(chunk);
      const all = Buffer.concat(chunks);
      if (all.length >= 4 && all.length >= all.readInt32LE(0)) {
        socket.destroy();
        resolve(all);
      }
    });
    socket.on('error', reject);
  });
}

function header(length: number, requestId: number, opCode: number): Buffer {
  const head = Buffer.alloc(16);
  head.writeInt32LE(length, 0);
  head.writeInt32LE(requestId, 4);
  head.writeInt32LE(0, 8);
  head.writeInt32LE(opCode, 12);
  return head;
}

describe('wire protocol', () => {
  it('answers a legacy OP_QUERY isMaster with OP_REPLY', async () => {
    const query = Buffer.from(BSON.serialize({ isMaster: 1, helloOk: true, compression: ['zlib'] }));
    const body = Buffer.concat([Buffer.alloc(4), Buffer.from('admin.$cmd\0'), Buffer.alloc(4), Buffer.from([0xff, 0xff, 0xff, 0xff]), query]);
    const reply = await roundTrip(server.port, Buffer.concat([header(16 + body.length, 7, 2004), body]));
    expect(reply.readInt32LE(8)).toBe(7); // responseTo
    expect(reply.readInt32LE(12)).toBe(1); // OP_REPLY
    expect(reply.readInt32LE(32)).toBe(1); // numberReturned
    const doc = BSON.deserialize(reply.subarray(36));
    expect(doc).toMatchObject({ ismaster: true, helloOk: true, ok: 1 });
    expect(doc.maxWireVersion).toBeGreaterThanOrEqual(8);
    expect(doc).not.toHaveProperty('compression');
    expect(doc).not.toHaveProperty('setName');
  });

  it('reads OP_MSG document sequences and tolerates a checksum', async () => {
    const bodyDoc = Buffer.from(BSON.serialize({ insert: 'raw', $db: 'wire', ordered: true }));
    const docs = [{ a: 1 }, { a: 2 }].map((d) => Buffer.from(BSON.serialize(d)));
    const identifier = Buffer.from('documents\0');
    const seqSize = 4 + identifier.length + docs.reduce((n, d) => n + d.length, 0);
    const seqLength = Buffer.alloc(4);
    seqLength.writeInt32LE(seqSize, 0);
    const flags = Buffer.alloc(4);
    flags.writeUInt32LE(1, 0); // checksumPresent
    const payload = Buffer.concat([flags, Buffer.from([0]), bodyDoc, Buffer.from([1]), seqLength, identifier, ...docs, Buffer.alloc(4)]);
    const reply = await roundTrip(server.port, Buffer.concat([header(16 + payload.length, 9, 2013), payload]));
    expect(reply.readInt32LE(12)).toBe(2013);
    expect(BSON.deserialize(reply.subarray(21))).toEqual({ n: 2, ok: 1 });
    expect(await client.db('wire').collection('raw').countDocuments()).toBe(2);
  });

  it('only accepts the handshake over legacy OP_QUERY, like MongoDB 6.0+', async () => {
    const query = Buffer.from(BSON.serialize({ find: 'anything' }));
    const body = Buffer.concat([Buffer.alloc(4), Buffer.from('wire.$cmd\0'), Buffer.alloc(4), Buffer.from([0xff, 0xff, 0xff, 0xff]), query]);
    const reply = await roundTrip(server.port, Buffer.concat([header(16 + body.length, 8, 2004), body]));
    expect(BSON.deserialize(reply.subarray(36))).toMatchObject({ ok: 0, code: 352, codeName: 'UnsupportedOpQueryCommand' });
  });

  it('returns cursor ids as Long', async () => {
    await client.db('faults').collection('longs').insertMany(Array.from({ length: 5 }, (_, i) => ({ i })));
    const reply = await client.db('faults').command({ find: 'longs', batchSize: 2 });
    expect(reply.cursor.id).toBeInstanceOf(Long);
    expect(reply.cursor.firstBatch).toHaveLength(2);
    expect(reply.cursor.ns).toBe('faults.longs');
    await client.db('faults').command({ killCursors: 'longs', cursors: [reply.cursor.id] });
  });
});

describe('commands', () => {
  it('answers unknown commands with CommandNotFound, logs and records them', async () => {
    const error = (await client.db('faults').command({ frobnicate: 1 }).catch((err: unknown) => err)) as MongoServerError;
    expect(error).toBeInstanceOf(MongoServerError);
    expect(error.code).toBe(59);
    expect(error.codeName).toBe('CommandNotFound');
    expect(error.message).toBe("no such command: 'frobnicate'");
    expect(server.unknownCommands).toEqual(['frobnicate']);
    expect(warnings.some((w) => JSON.stringify(w.obj).includes('frobnicate'))).toBe(true);
    server.unknownCommands.length = 0;
  });

  it('refuses transactions like a standalone mongod', async () => {
    const coll = client.db('faults').collection('tx');
    const session = client.startSession();
    try {
      session.startTransaction();
      const readError = (await coll.findOne({}, { session }).catch((err: unknown) => err)) as MongoServerError;
      expect(readError).toBeInstanceOf(MongoServerError);
      expect(readError.code).toBe(20);
      expect(readError.message).toBe('Transaction numbers are only allowed on a replica set member or mongos');
      await session.abortTransaction().catch(() => undefined);

      // For writes the driver rewrites mongod's code 20 into its "does not support retryable writes" error.
      const writeError = (await session
        .withTransaction(async () => {
          await coll.insertOne({ a: 1 }, { session });
        })
        .catch((err: unknown) => err)) as MongoServerError & { originalError?: MongoServerError };
      expect(writeError).toBeInstanceOf(MongoServerError);
      expect(writeError.message).toContain('does not support retryable writes');
      expect(writeError.originalError?.code).toBe(20);
    } finally {
      await session.endSession();
    }
    expect(await coll.countDocuments()).toBe(0);
  });

  it('serves indexed equality from the index (explain)', async () => {
    const coll = client.db('faults').collection('plans');
    await coll.createIndex({ email: 1 }, { unique: true });
    await coll.createIndex({ team: 1, at: -1 });
    await coll.insertMany(Array.from({ length: 2_000 }, (_, i) => ({ email: `u${i}@x`, team: `t${i % 10}`, at: i })));
    const plan = async (filter: object) => (await coll.find(filter).explain()).queryPlanner.winningPlan;
    expect(await plan({ email: 'u5@x' })).toMatchObject({ inputStage: { stage: 'IXSCAN', indexName: 'email_1' } });
    expect(await plan({ team: 't1', at: { $gt: 5 } })).toMatchObject({ inputStage: { stage: 'IXSCAN', indexName: 'team_1_at_-1' } });
    expect(await plan({ email: { $in: ['u1@x', 'u2@x'] } })).toMatchObject({ inputStage: { indexName: 'email_1' } });
    expect(await plan({ at: 5 })).toMatchObject({ stage: 'COLLSCAN' });
    expect(await coll.countDocuments({ team: 't1', at: { $gt: 1_000 } })).toBe(100);
  });

  it('runs a TTL pass on demand', async () => {
    const coll = client.db('faults').collection('ttl');
    await coll.createIndex({ at: 1 }, { expireAfterSeconds: 1 });
    await coll.insertOne({ at: new Date(Date.now() - 5_000) });
    server.sweepTtl();
    expect(await coll.countDocuments()).toBe(0);
  });
});

describe('fault injection', () => {
  it('fails the next matching commands with the given error', async () => {
    const coll = client.db('faults').collection('failing');
    server.faults.failNext(2, { code: 50, codeName: 'MaxTimeMSExpired', errmsg: 'operation exceeded time limit' }, { commands: ['insert'] });
    await coll.findOne({}); // not targeted
    for (let i = 0; i < 2; i++) {
      const error = (await coll.insertOne({ i }).catch((err: unknown) => err)) as MongoServerError;
      expect(error).toBeInstanceOf(MongoServerError);
      expect(error.code).toBe(50);
      expect(error.message).toBe('operation exceeded time limit');
    }
    await coll.insertOne({ ok: true });
    expect(await coll.countDocuments()).toBe(1);
  });

  it('fails only commands on the named collections', async () => {
    const db = client.db('faults');
    server.faults.failNext(1, { code: 1, codeName: 'InternalError', errmsg: 'injected' }, { commands: ['insert'], collections: ['target'] });
    await db.collection('bystander').insertOne({ fine: true });
    const error = (await db.collection('target').insertOne({ hit: true }).catch((err: unknown) => err)) as MongoServerError;
    expect(error.code).toBe(1);
    await db.collection('target').insertOne({ second: true });
    expect(await db.collection('target').countDocuments()).toBe(1);
  });

  it('drops every connection and the driver reconnects', async () => {
    const coll = client.db('faults').collection('dropping');
    await coll.insertOne({ before: true });
    expect(server.connectionCount()).toBeGreaterThan(0);
    server.faults.dropConnections();
    // A retryable read survives the dropped socket; the next write goes over a new connection.
    expect(await coll.findOne({ before: true })).toMatchObject({ before: true });
    await coll.insertOne({ after: true });
    expect(await coll.countDocuments()).toBe(2);
  });

  it('delays replies', async () => {
    server.faults.delay(150);
    const started = Date.now();
    await client.db('faults').command({ ping: 1 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    server.faults.delay(0);
    const again = Date.now();
    await client.db('faults').command({ ping: 1 });
    expect(Date.now() - again).toBeLessThan(140);
  });

  it('refuses connections during an outage and recovers afterwards', async () => {
    await server.faults.refuseConnections(true);
    const fresh = new MongoClient(`${server.uri}/faults`, { serverSelectionTimeoutMS: 300 });
    await expect(fresh.connect()).rejects.toThrow();
    await expect(client.db('faults').command({ ping: 1 }, { timeoutMS: 500 })).rejects.toThrow();
    await server.faults.refuseConnections(false);
    const back = await MongoClient.connect(`${server.uri}/faults`, { serverSelectionTimeoutMS: 2_000 });
    expect(await back.db('faults').command({ ping: 1 })).toMatchObject({ ok: 1 });
    await back.close();
    await fresh.close();
    expect(await client.db('faults').command({ ping: 1 })).toMatchObject({ ok: 1 });
  });
});

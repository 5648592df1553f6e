// A data directory: what was acknowledged is there after a restart, with its indexes; a torn or corrupt journal tail
// is cut off with a warning; compaction keeps the files bounded; one server per directory.
import { appendFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MongoClient } from 'mongodb';
import { BSON } from 'bson';
import { startEmbeddedMongo, startEmbeddedMongoWorker, type EmbeddedMongo, type EmbeddedMongoOptions, type EmbeddedMongoWorker } from '../src';
import { discardPrewarmedWorker, prewarmEmbeddedMongoWorker } from '../src/worker';
import type * as WorkerLauncher from '../src/worker';
import { encodeRecord, readRecords } from '../src/journal';

interface Warning {
  msg?: string;
  obj: object;
}

let root: string;
let dataDir: string;
let warnings: Warning[];
const running: Array<{ server: EmbeddedMongo | EmbeddedMongoWorker; client: MongoClient }> = [];

beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), 'embedded-mongo-'));
  dataDir = path.join(root, 'data');
  warnings = [];
});

afterEach(async () => {
  for (const { server, client } of running.splice(0)) {
    await client.close();
    await server.stop();
  }
  rmSync(root, { recursive: true, force: true });
});

async function open(options: EmbeddedMongoOptions = {}) {
  const server = await startEmbeddedMongo({ dataDir, ttlSweepMs: 100, logger: { warn: (obj, msg) => warnings.push({ obj, msg }) }, ...options });
  const client = await MongoClient.connect(server.uri, { serverSelectionTimeoutMS: 2_000 });
  running.push({ server, client });
  return { server, client, db: client.db('app') };
}

async function restart(options: EmbeddedMongoOptions = {}) {
  const last = running.pop();
  await last?.client.close();
  await last?.server.stop();
  return open(options);
}

function journalFiles(): string[] {
  return readdirSync(dataDir).filter((name) => name.startsWith('journal-')).map((name) => path.join(dataDir, name));
}

describe('a data directory', () => {
  it('keeps documents, collections and indexes (unique, TTL, text) across a restart', async () => {
    let { db } = await open();
    const questions = db.collection('questions');
    await questions.createIndex({ number: 1 }, { unique: true });
    await questions.createIndex({ text: 'text' });
    await db.collection('claims').createIndex({ expiresAt: 1 }, { expireAfterSeconds: 0 });
    await questions.insertMany([
      { number: 1, text: 'Panel invites went out twice', askedAt: new Date('2026-12-01T10:00:00Z'), count: BSON.Long.fromNumber(7) },
      { number: 2, text: 'Calendar sync is slow for Outlook users' },
    ]);
    await questions.updateOne({ number: 2 }, { $set: { answered: true } });
    await questions.deleteOne({ number: 1 });
    await questions.insertOne({ number: 3, text: 'Candidate emails show the wrong time zone' });
    await db.collection('claims').insertOne({ key: 'event-1', expiresAt: new Date(Date.now() + 1_500) });

    ({ db } = await restart());
    const after = db.collection('questions');
    expect(await after.find({}, { projection: { _id: 0 } }).sort({ number: 1 }).toArray()).toEqual([
      { number: 2, text: 'Calendar sync is slow for Outlook users', answered: true },
      { number: 3, text: 'Candidate emails show the wrong time zone' },
    ]);
    expect((await after.indexes()).map((index) => index.name).sort()).toEqual(['_id_', 'number_1', 'text_text']);
    await expect(after.insertOne({ number: 3 })).rejects.toMatchObject({ code: 11000 });
    expect(await after.find({ $text: { $search: 'outlook' } }).project({ _id: 0, number: 1 }).toArray()).toEqual([{ number: 2 }]);
    expect(await db.collection('claims').countDocuments()).toBe(1);
    await expect.poll(() => db.collection('claims').countDocuments(), { timeout: 5_000 }).toBe(0); // TTL still runs

    ({ db } = await restart());
    expect(await db.collection('claims').countDocuments()).toBe(0); // and its removal was journaled
  });

  it('reads back the same BSON after a restart as before it (Long, Int32, Double, Decimal128, Binary, dates, nested arrays)', async () => {
    let { db } = await open();
    const doc = {
      _id: new BSON.ObjectId(),
      long: BSON.Long.fromString('9007199254740993'),
      int: new BSON.Int32(5),
      double: new BSON.Double(5.25),
      decimal: BSON.Decimal128.fromString('1.10'),
      binary: new BSON.Binary(Buffer.from([1, 2, 3]), 0),
      at: new Date('2026-12-02T15:00:00.123Z'),
      nested: [{ a: [1, 2, { b: null }] }],
    };
    await db.collection('types').insertOne(doc);
    const read = async () => BSON.serialize((await db.collection('types').findOne({ _id: doc._id }, { promoteValues: false, promoteLongs: false })) ?? {});
    const before = await read();
    expect(before).toEqual(BSON.serialize(doc));
    ({ db } = await restart());
    expect(await read()).toEqual(before);
  });

  it('drops, renames and dropped databases stay dropped after a restart', async () => {
    let { db, client } = await open();
    await db.collection('a').insertOne({ x: 1 });
    await db.collection('b').insertOne({ x: 2 });
    await db.collection('c').insertOne({ x: 3 });
    await client.db('other').collection('z').insertOne({ x: 4 });
    await db.collection('a').drop();
    await db.collection('b').rename('renamed');
    await client.db('other').dropDatabase();
    await db.collection('c').dropIndexes();

    ({ db, client } = await restart());
    expect((await db.listCollections().toArray()).map((c) => c.name).sort()).toEqual(['c', 'renamed']);
    expect(await db.collection('renamed').findOne({}, { projection: { _id: 0 } })).toEqual({ x: 2 });
    expect((await client.db().admin().listDatabases()).databases.map((d) => d.name)).not.toContain('other');
  });

  it('cuts off a torn journal tail (a crash mid-append) with a warning, keeps everything before it, and goes on writing', async () => {
    let { db } = await open();
    await db.collection('q').insertMany([{ n: 1 }, { n: 2 }, { n: 3 }]);
    const last = running.pop();
    await last?.client.close();
    await last?.server.stop();
    const [journal] = journalFiles();
    const size = statSync(journal as string).size;
    appendFileSync(journal as string, Buffer.from([200, 0, 0, 0, 1, 2, 3, 4, 5, 6])); // a record header promising 200 bytes, then the crash

    const reopened = await open();
    db = reopened.db;
    const server = reopened.server;
    expect(warnings.map((w) => w.msg)).toContainEqual(expect.stringMatching(/journal tail torn or corrupt/));
    expect(server.recovery?.truncatedBytes).toBe(10);
    expect(statSync(journal as string).size).toBe(size);
    expect(await db.collection('q').countDocuments()).toBe(3);
    await db.collection('q').insertOne({ n: 4 });
    ({ db } = await restart());
    expect(await db.collection('q').distinct('n')).toEqual([1, 2, 3, 4]);
  });

  it('reads the zeros a journal grows ahead of its records (left there by a crash) as its end, not as damage', async () => {
    let { db } = await open();
    await db.collection('q').insertMany([{ n: 1 }, { n: 2 }]);
    const last = running.pop();
    await last?.client.close();
    await last?.server.stop();
    const [journal] = journalFiles();
    const size = statSync(journal as string).size;
    expect(readRecords(readFileSync(journal as string), () => {}).rejectedBytes).toBe(0); // a clean stop cuts the grown space off
    appendFileSync(journal as string, Buffer.alloc(40_000)); // what a crash leaves after the last record

    const reopened = await open();
    db = reopened.db;
    expect(warnings).toEqual([]);
    expect(reopened.server.recovery?.truncatedBytes).toBe(0);
    await db.collection('q').insertOne({ n: 3 }); // written over the zeros, right after the records
    ({ db } = await restart());
    expect(warnings).toEqual([]);
    expect(await db.collection('q').distinct('n')).toEqual([1, 2, 3]);
    expect(statSync(journal as string).size).toBeGreaterThan(size);
    expect(statSync(journal as string).size).toBeLessThan(size + 40_000);
  });

  it('zeros followed by anything else are a torn tail: a record after the zeros is not replayed', async () => {
    let { db } = await open();
    await db.collection('q').insertOne({ n: 1 });
    const last = running.pop();
    await last?.client.close();
    await last?.server.stop();
    const [journal] = journalFiles();
    const size = statSync(journal as string).size;
    // A write whose first page never reached the disk while a later one did.
    const ghost = encodeRecord({ o: 'p', d: 'app', c: 'q', doc: { _id: 'ghost', n: 2 } });
    appendFileSync(journal as string, Buffer.concat([Buffer.alloc(4096), ghost]));

    const reopened = await open();
    db = reopened.db;
    expect(warnings.map((w) => w.msg)).toContainEqual(expect.stringMatching(/journal tail torn or corrupt/));
    expect(reopened.server.recovery?.truncatedBytes).toBe(4096 + ghost.length);
    expect(statSync(journal as string).size).toBe(size);
    expect(await db.collection('q').distinct('n')).toEqual([1]);
  });

  it('a thread warmed up before its options are known touches no file until it is started, then serves that directory', async () => {
    prewarmEmbeddedMongoWorker();
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(existsSync(dataDir)).toBe(false);
    const server = await startEmbeddedMongoWorker({ dataDir });
    const client = await MongoClient.connect(server.uri, { serverSelectionTimeoutMS: 2_000 });
    running.push({ server, client });
    await client.db('app').collection('notes').insertOne({ text: 'kept' });
    expect(server.dataDir).toBe(dataDir);
    expect(readdirSync(dataDir).length).toBeGreaterThan(0);
  });

  it('a warm thread made by another copy of the launcher (a host bundled as two files) is the one that is started', async () => {
    const otherCopy = '../src/worker.ts?another-copy'; // a module of its own for the test runner, as in a second bundle
    const second = (await import(otherCopy)) as typeof WorkerLauncher;
    expect(second.prewarmEmbeddedMongoWorker).not.toBe(prewarmEmbeddedMongoWorker);
    const warm = prewarmEmbeddedMongoWorker();
    const server = await second.startEmbeddedMongoWorker({ dataDir });
    const client = await MongoClient.connect(server.uri, { serverSelectionTimeoutMS: 2_000 });
    running.push({ server, client });
    expect(server.threadId).toBe(warm);
    await client.db('app').collection('notes').insertOne({ text: 'kept' });
  });

  it('a warm thread that is discarded is not used: the next start makes its own', async () => {
    const warm = prewarmEmbeddedMongoWorker();
    discardPrewarmedWorker();
    const server = await startEmbeddedMongoWorker({ dataDir });
    expect(server.threadId).not.toBe(warm);
    const client = await MongoClient.connect(server.uri, { serverSelectionTimeoutMS: 2_000 });
    running.push({ server, client });
    expect(await client.db('app').collection('notes').countDocuments()).toBe(0);
  });

  for (const journalWrites of ['inline', 'threadpool'] as const) {
    it(`answers a write only once its record is in the journal file (${journalWrites} writes, in a worker thread)`, async () => {
      const server = await startEmbeddedMongoWorker({ dataDir, journalWrites });
      const client = await MongoClient.connect(server.uri, { serverSelectionTimeoutMS: 2_000 });
      running.push({ server, client });
      const db = client.db('app');
      const counters = db.collection<{ _id: number; n: number }>('counters');
      const inFile = () => {
        const seen = new Map<number, number>();
        for (const file of journalFiles()) {
          readRecords(readFileSync(file), (record) => {
            const doc = record.doc as { _id?: unknown; n?: unknown } | undefined;
            if (record.o === 'p' && typeof doc?._id === 'number' && typeof doc.n === 'number') seen.set(doc._id, doc.n);
          });
        }
        return seen;
      };
      await Promise.all(
        Array.from({ length: 8 }, async (_, id) => {
          for (let n = 1; n <= 25; n++) {
            await counters.updateOne({ _id: id }, { $set: { n } }, { upsert: true });
            expect(inFile().get(id)).toBeGreaterThanOrEqual(n);
          }
        }),
      );
      expect(await counters.countDocuments({ n: 25 })).toBe(8);
    });
  }

  it('stops at a record whose checksum fails: nothing from there on is trusted', async () => {
    let { db } = await open();
    for (let n = 1; n <= 5; n++) await db.collection('q').insertOne({ n, text: `question ${n}` });
    const last = running.pop();
    await last?.client.close();
    await last?.server.stop();
    const [journal] = journalFiles();
    const bytes = readFileSync(journal as string);
    const at = bytes.indexOf(Buffer.from('question 3'));
    bytes[at] = bytes[at] === 0x71 ? 0x51 : 0x71; // flip one byte inside the third document
    writeFileSync(journal as string, bytes);

    ({ db } = await open());
    expect(await db.collection('q').distinct('n')).toEqual([1, 2]);
    expect(warnings.map((w) => w.msg)).toContainEqual(expect.stringMatching(/torn or corrupt/));
  });

  it('compaction keeps the files within a small multiple of the live data, and the data survives it', async () => {
    let { db, server } = await open({ compactMinBytes: 64 * 1024 });
    const docs = db.collection('tickets');
    await docs.insertMany(Array.from({ length: 200 }, (_, n) => ({ _id: n as never, phase: 'new', body: 'x'.repeat(200) })));
    for (let round = 0; round < 30; round++) await docs.updateMany({}, { $set: { phase: `round ${round}` } });
    const live = (await docs.find().toArray()).reduce((sum, doc) => sum + BSON.calculateObjectSize(doc), 0);
    expect(server.dataSizeBytes()).toBeLessThan(3 * live + 64 * 1024);
    await server.compact();
    expect(server.dataSizeBytes()).toBeLessThan(1.5 * live); // each record adds its namespace and a header

    ({ db, server } = await restart({ compactMinBytes: 64 * 1024 }));
    expect(await db.collection('tickets').countDocuments({ phase: 'round 29' })).toBe(200);
    expect(server.recovery?.documents).toBe(200);
  });

  it('refuses a damaged snapshot with a message saying what to do, instead of starting empty', async () => {
    const { db, server } = await open();
    await db.collection('q').insertOne({ n: 1 });
    await server.compact();
    const last = running.pop();
    await last?.client.close();
    await last?.server.stop();
    const snapshot = path.join(dataDir, 'snapshot.bson');
    writeFileSync(snapshot, readFileSync(snapshot).subarray(0, 40));
    await expect(startEmbeddedMongo({ dataDir })).rejects.toThrow(/snapshot\.bson is damaged.*backup/);
  });

  it('is served by one server at a time; a lock left by a process that is gone is taken over', async () => {
    await open();
    await expect(startEmbeddedMongo({ dataDir })).rejects.toThrow(/already in use/);
    const last = running.pop();
    await last?.client.close();
    await last?.server.stop();
    writeFileSync(path.join(dataDir, 'LOCK'), '2147483646\n'); // no such process
    const { db } = await open();
    expect(await db.command({ ping: 1 })).toMatchObject({ ok: 1 });
  });

  it('in memory (":memory:") writes no files', async () => {
    const server = await startEmbeddedMongo({ dataDir: ':memory:' });
    expect(server.dataDir).toBeNull();
    expect(server.dataSizeBytes()).toBe(0);
    await server.stop();
  });
});

// Driver-level CRUD conformance: written against documented MongoDB behaviour, runs on a real mongod too.
import { describe, expect, it } from 'vitest';
import { Binary, Decimal128, Long, MongoBulkWriteError, MongoServerError, ObjectId, type CommandStartedEvent } from 'mongodb';
import { useDriverDatabase } from './setup';

const ctx = useDriverDatabase({ monitorCommands: true });

describe('insert and find', () => {
  it('generates ObjectIds and finds with filter, sort, skip, limit and projection', async () => {
    const people = ctx.db.collection('people');
    const result = await people.insertMany([
      { name: 'ada', age: 36, address: { city: 'London', zip: 'N1' }, tags: ['math', 'code'] },
      { name: 'grace', age: 85, address: { city: 'New York', zip: '10001' }, tags: ['navy', 'code'] },
      { name: 'linus', age: 54, address: { city: 'Portland', zip: '97201' }, tags: ['kernel'] },
      { name: 'barbara', age: 80, address: { city: 'Boston', zip: '02101' }, tags: [] },
    ]);
    expect(result.insertedCount).toBe(4);
    expect(Object.values(result.insertedIds).every((id) => id instanceof ObjectId)).toBe(true);

    const byAge = await people.find({ age: { $gt: 40 } }).sort({ age: -1 }).skip(1).limit(2).toArray();
    expect(byAge.map((p) => p.name)).toEqual(['barbara', 'linus']);

    const projected = await people.find({ tags: 'code' }, { projection: { name: 1, 'address.city': 1, _id: 0 } }).sort({ name: 1 }).toArray();
    expect(projected).toEqual([
      { name: 'ada', address: { city: 'London' } },
      { name: 'grace', address: { city: 'New York' } },
    ]);

    const excluded = await people.findOne({ name: 'linus' }, { projection: { address: 0, tags: 0 } });
    expect(Object.keys(excluded ?? {}).sort()).toEqual(['_id', 'age', 'name']);

    expect(await people.findOne({ name: { $in: ['nobody'] } })).toBeNull();
    expect(await people.countDocuments({ 'address.city': { $regex: /^B/ } })).toBe(1);
    expect(await people.countDocuments({ $or: [{ age: { $lt: 40 } }, { tags: { $size: 0 } }] })).toBe(2);
  });

  it('round-trips BSON types exactly', async () => {
    const types = ctx.db.collection('types');
    const doc = {
      _id: new ObjectId(),
      when: new Date('2024-02-29T12:34:56.789Z'),
      big: Long.fromString('9007199254740993'),
      money: Decimal128.fromString('12.3400'),
      bytes: new Binary(Buffer.from([0, 1, 2, 255]), 0),
      nested: { list: [1, 'two', null, { three: 3.5 }], empty: {} },
      ref: new ObjectId(),
      flag: false,
      nothing: null,
    };
    await types.insertOne(doc);
    const back = await types.findOne({ _id: doc._id }, { promoteLongs: false });
    expect(back).toEqual(doc);
    expect(back?.big).toBeInstanceOf(Long);
    expect(back?.money.toString()).toBe('12.3400');
    expect(await types.countDocuments({ when: { $gte: new Date('2024-01-01') } })).toBe(1);
    expect(await types.countDocuments({ ref: doc.ref })).toBe(1);
  });

  it('rejects a duplicate _id with E11000', async () => {
    const coll = ctx.db.collection<{ _id: string }>('ids');
    await coll.insertOne({ _id: 'fixed' });
    const error = await coll.insertOne({ _id: 'fixed' }).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(MongoServerError);
    expect((error as MongoServerError).code).toBe(11000);
    expect((error as MongoServerError).message).toMatch(/E11000 duplicate key error collection: .*\.ids index: _id_ dup key/);
  });
});

describe('cursors', () => {
  it('streams 250 documents in batches of 50 across getMore and closes the cursor', async () => {
    const items = ctx.db.collection('items');
    await items.insertMany(Array.from({ length: 250 }, (_, i) => ({ i, even: i % 2 === 0 })));
    const getMores: CommandStartedEvent[] = [];
    const listener = (event: CommandStartedEvent) => {
      if (event.commandName === 'getMore') getMores.push(event);
    };
    ctx.client.on('commandStarted', listener);
    const cursor = items.find({}).sort({ i: 1 }).batchSize(50);
    const seen: number[] = [];
    for await (const doc of cursor) seen.push(doc.i as number);
    ctx.client.off('commandStarted', listener);
    expect(seen).toEqual(Array.from({ length: 250 }, (_, i) => i));
    expect(getMores.length).toBeGreaterThanOrEqual(4);
    expect(getMores.length).toBeLessThanOrEqual(5);
    expect(cursor.closed).toBe(true);
  });

  it('kills a cursor that is closed early', async () => {
    const items = ctx.db.collection('items');
    const cursor = items.find({ even: true }).batchSize(10);
    await cursor.next();
    const id = cursor.id;
    expect(id).toBeDefined();
    await cursor.close();
    const error = await ctx.db.command({ getMore: id, collection: 'items' }).catch((err: unknown) => err);
    expect((error as MongoServerError).code).toBe(43);
  });
});

describe('updates', () => {
  it('applies $inc/$push/$addToSet/$pull/$set/$unset on nested paths', async () => {
    interface Tracked {
      stats: { views: number; likes?: number };
      list: number[];
      meta: Record<string, unknown>;
      tags: string[];
    }
    const docs = ctx.db.collection<Tracked>('updates');
    const { insertedId } = await docs.insertOne({ stats: { views: 1 }, list: [1, 2, 3], meta: { a: 1, b: 2 }, tags: ['x'] });
    const result = await docs.updateOne(
      { _id: insertedId },
      {
        $inc: { 'stats.views': 2, 'stats.likes': 1 },
        $push: { list: { $each: [4, 5] } },
        $addToSet: { tags: { $each: ['x', 'y'] } },
        $set: { 'meta.c.d': true },
        $unset: { 'meta.a': '' },
      },
    );
    expect(result).toMatchObject({ matchedCount: 1, modifiedCount: 1 });
    await docs.updateOne({ _id: insertedId }, { $pull: { list: { $gte: 4 } } });
    const doc = await docs.findOne({ _id: insertedId });
    expect(doc).toMatchObject({ stats: { views: 3, likes: 1 }, list: [1, 2, 3], meta: { b: 2, c: { d: true } }, tags: ['x', 'y'] });
    expect(doc?.meta).not.toHaveProperty('a');

    const noop = await docs.updateOne({ _id: insertedId }, { $set: { 'meta.b': 2 } });
    expect(noop).toMatchObject({ matchedCount: 1, modifiedCount: 0 });
  });

  it('supports arrayFilters and the positional operator', async () => {
    const docs = ctx.db.collection('grades');
    const { insertedId } = await docs.insertOne({
      grades: [
        { subject: 'math', score: 80 },
        { subject: 'art', score: 95 },
        { subject: 'music', score: 70 },
      ],
    });
    await docs.updateOne({ _id: insertedId }, { $inc: { 'grades.$[low].score': 10 } }, { arrayFilters: [{ 'low.score': { $lt: 85 } }] });
    await docs.updateOne({ _id: insertedId, 'grades.subject': 'art' }, { $set: { 'grades.$.best': true } });
    const doc = await docs.findOne({ _id: insertedId });
    expect(doc?.grades).toEqual([
      { subject: 'math', score: 90 },
      { subject: 'art', score: 95, best: true },
      { subject: 'music', score: 80 },
    ]);
  });

  it('upserts from the equality fields of the filter, with $setOnInsert only on insert', async () => {
    const docs = ctx.db.collection('upserts');
    const first = await docs.updateOne(
      { tenant: 'acme', 'meta.kind': 'counter', n: { $gt: 5 } },
      { $inc: { hits: 1 }, $setOnInsert: { createdBy: 'test' } },
      { upsert: true },
    );
    expect(first.upsertedCount).toBe(1);
    expect(first.upsertedId).toBeInstanceOf(ObjectId);
    const created = await docs.findOne({ _id: first.upsertedId ?? undefined });
    expect(created).toEqual({ _id: first.upsertedId, tenant: 'acme', meta: { kind: 'counter' }, hits: 1, createdBy: 'test' });

    const second = await docs.updateOne({ tenant: 'acme', 'meta.kind': 'counter' }, { $inc: { hits: 1 }, $setOnInsert: { createdBy: 'other' } }, { upsert: true });
    expect(second).toMatchObject({ matchedCount: 1, modifiedCount: 1, upsertedCount: 0, upsertedId: null });
    expect(await docs.findOne({ tenant: 'acme' }, { projection: { _id: 0 } })).toEqual({ tenant: 'acme', meta: { kind: 'counter' }, hits: 2, createdBy: 'test' });

    const withId = await docs.updateOne({ _id: 'key-1' as never }, { $set: { v: 1 } }, { upsert: true });
    expect(withId.upsertedId).toBe('key-1');

    const replaced = await docs.replaceOne({ tenant: 'globex' }, { tenant: 'globex', plan: 'pro' }, { upsert: true });
    expect(replaced.upsertedCount).toBe(1);
    const many = await docs.updateMany({ tenant: { $in: ['acme', 'globex'] } }, { $set: { touched: true } });
    expect(many).toMatchObject({ matchedCount: 2, modifiedCount: 2 });
  });

  it('applies aggregation-pipeline updates', async () => {
    const docs = ctx.db.collection('pipeline_updates');
    const { insertedId } = await docs.insertOne({ a: 2, b: 3, old: true });
    await docs.updateOne({ _id: insertedId }, [{ $set: { total: { $add: ['$a', '$b'] } } }, { $unset: 'old' }]);
    expect(await docs.findOne({ _id: insertedId }, { projection: { _id: 0 } })).toEqual({ a: 2, b: 3, total: 5 });
    const after = await docs.findOneAndUpdate({ _id: insertedId }, [{ $set: { total: { $multiply: ['$total', 10] } } }], { returnDocument: 'after' });
    expect(after?.total).toBe(50);
  });

  it('lets exactly one of many concurrent upserts on a unique key insert', async () => {
    const keys = ctx.db.collection('idempotency');
    await keys.createIndex({ key: 1 }, { unique: true });
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => keys.updateOne({ key: 'evt-1' }, { $setOnInsert: { firstWriter: i } }, { upsert: true })),
    );
    expect(results.reduce((sum, r) => sum + r.upsertedCount, 0)).toBe(1);
    expect(results.reduce((sum, r) => sum + r.matchedCount, 0)).toBe(9);
    expect(await keys.countDocuments({ key: 'evt-1' })).toBe(1);
  });

  it('keeps int64 counters as Long and refuses $inc on non-numbers', async () => {
    const docs = ctx.db.collection('arith');
    const { insertedId } = await docs.insertOne({ big: Long.fromNumber(5), label: 'x' });
    await docs.updateOne({ _id: insertedId }, { $inc: { big: 1, fresh: Long.fromNumber(2) } });
    const doc = await docs.findOne({ _id: insertedId }, { promoteLongs: false });
    expect(doc?.big).toEqual(Long.fromNumber(6));
    expect(doc?.fresh).toEqual(Long.fromNumber(2));
    const error = (await docs.updateOne({ _id: insertedId }, { $inc: { label: 1 } }).catch((err: unknown) => err)) as MongoServerError;
    expect(error).toBeInstanceOf(MongoServerError);
    expect(error.code).toBe(14);
  });

  it('refuses to change _id', async () => {
    const docs = ctx.db.collection('immutable');
    const { insertedId } = await docs.insertOne({ v: 1 });
    const error = await docs.updateOne({ _id: insertedId }, { $set: { _id: new ObjectId() } }).catch((err: unknown) => err);
    expect((error as MongoServerError).code).toBe(66);
  });
});

describe('findOneAndUpdate / findOneAndDelete / findOneAndReplace', () => {
  it('returns the document before or after, honours sort and projection', async () => {
    const jobs = ctx.db.collection('queue');
    await jobs.insertMany([
      { name: 'a', priority: 1, state: 'ready' },
      { name: 'b', priority: 5, state: 'ready' },
      { name: 'c', priority: 3, state: 'ready' },
    ]);
    const before = await jobs.findOneAndUpdate({ state: 'ready' }, { $set: { state: 'locked' } }, { sort: { priority: -1 }, returnDocument: 'before' });
    expect(before).toMatchObject({ name: 'b', state: 'ready' });
    const after = await jobs.findOneAndUpdate(
      { state: 'ready' },
      { $set: { state: 'locked' } },
      { sort: { priority: -1 }, returnDocument: 'after', projection: { _id: 0, name: 1, state: 1 } },
    );
    expect(after).toEqual({ name: 'c', state: 'locked' });
    expect(await jobs.findOneAndUpdate({ state: 'missing' }, { $set: { x: 1 } })).toBeNull();

    const meta = await jobs.findOneAndUpdate({ name: 'z' }, { $set: { state: 'new' } }, { upsert: true, returnDocument: 'after', includeResultMetadata: true });
    expect(meta.lastErrorObject).toMatchObject({ n: 1, updatedExisting: false });
    expect(meta.lastErrorObject?.upserted).toBeInstanceOf(ObjectId);
    expect(meta.value).toMatchObject({ name: 'z', state: 'new' });
    expect(await jobs.findOneAndUpdate({ name: 'y' }, { $set: { state: 'new' } }, { upsert: true, returnDocument: 'before' })).toBeNull();

    const replaced = await jobs.findOneAndReplace({ name: 'a' }, { name: 'a2', priority: 0 }, { returnDocument: 'after' });
    expect(replaced).toMatchObject({ name: 'a2', priority: 0 });
    expect(replaced).not.toHaveProperty('state');
    const deleted = await jobs.findOneAndDelete({ state: 'locked' }, { sort: { priority: 1 } });
    expect(deleted).toMatchObject({ name: 'c' });
    expect(await jobs.countDocuments({})).toBe(4);
  });

  it('hands out distinct counter values under concurrency', async () => {
    const counters = ctx.db.collection<{ _id: string; seq: number }>('counters');
    const values = await Promise.all(
      Array.from({ length: 25 }, () => counters.findOneAndUpdate({ _id: 'ticket' }, { $inc: { seq: 1 } }, { upsert: true, returnDocument: 'after' })),
    );
    expect(values.map((doc) => doc?.seq).sort((a, b) => (a ?? 0) - (b ?? 0))).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
  });
});

describe('bulkWrite and deletes', () => {
  it('stops at the first error when ordered and carries on when unordered', async () => {
    const users = ctx.db.collection('bulk_users');
    await users.createIndex({ email: 1 }, { unique: true });
    const ops = [
      { insertOne: { document: { email: 'a@x.io' } } },
      { insertOne: { document: { email: 'a@x.io' } } },
      { insertOne: { document: { email: 'b@x.io' } } },
      { updateOne: { filter: { email: 'c@x.io' }, update: { $set: { seen: true } }, upsert: true } },
    ];
    const ordered = await users.bulkWrite(ops, { ordered: true }).catch((err: unknown) => err);
    expect(ordered).toBeInstanceOf(MongoBulkWriteError);
    const orderedError = ordered as MongoBulkWriteError;
    expect(orderedError.code).toBe(11000);
    const orderedErrors = [orderedError.writeErrors].flat();
    expect(orderedErrors).toHaveLength(1);
    expect(orderedError.result.insertedCount).toBe(1);
    expect(orderedErrors[0]?.index).toBe(1);
    expect(await users.countDocuments()).toBe(1);

    await users.deleteMany({});
    const unordered = (await users.bulkWrite(ops, { ordered: false }).catch((err: unknown) => err)) as MongoBulkWriteError;
    expect(unordered).toBeInstanceOf(MongoBulkWriteError);
    const unorderedErrors = [unordered.writeErrors].flat();
    expect(unorderedErrors.map((e) => e.index)).toEqual([1]);
    expect(unordered.result.insertedCount).toBe(2);
    expect(unordered.result.upsertedCount).toBe(1);
    expect(await users.countDocuments()).toBe(3);

    const error = unorderedErrors[0];
    expect(error?.code).toBe(11000);
    expect(error?.errmsg).toContain('dup key: { email: "a@x.io" }');
  });

  it('deletes one or many and counts', async () => {
    const logs = ctx.db.collection('logs');
    await logs.insertMany(Array.from({ length: 10 }, (_, i) => ({ level: i < 7 ? 'info' : 'error', i })));
    expect((await logs.deleteOne({ level: 'info' })).deletedCount).toBe(1);
    expect((await logs.deleteMany({ level: 'info' })).deletedCount).toBe(6);
    expect(await logs.estimatedDocumentCount()).toBe(3);
    expect(await logs.countDocuments({ level: 'error' }, { limit: 2 })).toBe(2);
    expect((await logs.deleteMany({ level: 'nothing' })).deletedCount).toBe(0);
  });

  it('lists distinct values, flattening arrays', async () => {
    const posts = ctx.db.collection('posts_distinct');
    await posts.insertMany([{ tags: ['a', 'b'], kind: 'x' }, { tags: ['b', 'c'], kind: 'y' }, { tags: 'd', kind: 'x' }, { kind: 'y' }]);
    expect((await posts.distinct('tags')).sort()).toEqual(['a', 'b', 'c', 'd']);
    expect((await posts.distinct('tags', { kind: 'x' })).sort()).toEqual(['a', 'b', 'd']);
    expect(await posts.distinct('missing')).toEqual([]);
  });
});

// Index conformance: unique (single, compound, sparse, partial), conflicts, TTL expiry and text search.
import { describe, expect, it } from 'vitest';
import { MongoServerError } from 'mongodb';
import { useDriverDatabase, waitFor } from './setup';

const ctx = useDriverDatabase();

async function failure(promise: Promise<unknown>): Promise<MongoServerError> {
  const error = await promise.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(error).toBeInstanceOf(MongoServerError);
  return error as MongoServerError;
}

describe('unique indexes', () => {
  it('reports duplicates with code 11000, keyPattern and keyValue', async () => {
    const users = ctx.db.collection('users');
    expect(await users.createIndex({ email: 1 }, { unique: true })).toBe('email_1');
    await users.insertOne({ email: 'a@b.c' });
    const error = await failure(users.insertOne({ email: 'a@b.c' }));
    expect(error.code).toBe(11000);
    expect(error.keyPattern).toEqual({ email: 1 });
    expect(error.keyValue).toEqual({ email: 'a@b.c' });
    expect(error.message).toBe(`E11000 duplicate key error collection: ${ctx.database.dbName}.users index: email_1 dup key: { email: "a@b.c" }`);

    const { insertedId } = await users.insertOne({ email: 'other@b.c' });
    const updateError = await failure(users.updateOne({ _id: insertedId }, { $set: { email: 'a@b.c' } }));
    expect(updateError.code).toBe(11000);
    const upsertError = await failure(users.findOneAndUpdate({ email: 'x@b.c', kind: 'new' }, { $set: { email: 'a@b.c' } }, { upsert: true }));
    expect(upsertError.code).toBe(11000);
    expect(await users.countDocuments()).toBe(2);
  });

  it('treats compound keys as one value', async () => {
    const members = ctx.db.collection('members');
    await members.createIndex({ org: 1, user: 1 }, { unique: true, name: 'org_user' });
    await members.insertMany([
      { org: 'a', user: 1 },
      { org: 'a', user: 2 },
      { org: 'b', user: 1 },
    ]);
    const error = await failure(members.insertOne({ org: 'a', user: 2 }));
    expect(error.code).toBe(11000);
    expect(error.keyPattern).toEqual({ org: 1, user: 1 });
    expect(error.keyValue).toEqual({ org: 'a', user: 2 });
    expect(error.message).toContain('index: org_user dup key: { org: "a", user: 2 }');
    expect(await members.countDocuments({ org: 'a' })).toBe(2);
  });

  it('lets many documents miss a sparse unique field, but not a plain unique one', async () => {
    const sparse = ctx.db.collection('sparse');
    await sparse.createIndex({ slackTs: 1 }, { unique: true, sparse: true });
    await sparse.insertMany([{ n: 1 }, { n: 2 }, { slackTs: '1.1' }]);
    expect((await failure(sparse.insertOne({ slackTs: '1.1' }))).code).toBe(11000);

    const plain = ctx.db.collection('plain_unique');
    await plain.createIndex({ code: 1 }, { unique: true });
    await plain.insertOne({ n: 1 });
    const error = await failure(plain.insertOne({ n: 2 }));
    expect(error.code).toBe(11000);
    expect(error.keyValue).toEqual({ code: null });
  });

  it('only enforces a partial unique index on matching documents', async () => {
    const tickets = ctx.db.collection('tickets');
    await tickets.createIndex({ thread: 1 }, { unique: true, partialFilterExpression: { status: 'open' } });
    await tickets.insertMany([
      { thread: 't1', status: 'closed' },
      { thread: 't1', status: 'closed' },
      { thread: 't1', status: 'open' },
    ]);
    expect((await failure(tickets.insertOne({ thread: 't1', status: 'open' }))).code).toBe(11000);
    await tickets.updateOne({ thread: 't1', status: 'open' }, { $set: { status: 'closed' } });
    await tickets.insertOne({ thread: 't1', status: 'open' });
    expect(await tickets.countDocuments({ thread: 't1' })).toBe(4);
  });

  it('fails to build a unique index over duplicates', async () => {
    const dupes = ctx.db.collection('dupes');
    await dupes.insertMany([{ k: 1 }, { k: 1 }]);
    const error = await failure(dupes.createIndex({ k: 1 }, { unique: true }));
    expect(error.code).toBe(11000);
    expect((await dupes.indexes()).map((index) => index.name)).toEqual(['_id_']);
  });
});

describe('index management', () => {
  it('is idempotent for identical indexes and reports conflicts like mongod', async () => {
    const coll = ctx.db.collection('managed');
    await coll.createIndex({ a: 1 }, { name: 'a_idx' });
    expect(await coll.createIndex({ a: 1 }, { name: 'a_idx' })).toBe('a_idx');
    expect((await failure(coll.createIndex({ b: 1 }, { name: 'a_idx' }))).code).toBe(86);
    expect((await failure(coll.createIndex({ a: 1 }, { name: 'a_idx', unique: true }))).code).toBe(85);
    expect((await failure(coll.createIndex({ a: 1 }, { name: 'other_name' }))).code).toBe(85);

    await coll.createIndex({ b: -1, c: 1 }, { sparse: true });
    await coll.createIndex({ d: 1 }, { partialFilterExpression: { d: { $exists: true } } });
    await coll.createIndex({ at: 1 }, { expireAfterSeconds: 3600 });
    const indexes = await coll.indexes();
    expect(indexes.map((index) => index.name)).toEqual(['_id_', 'a_idx', 'b_-1_c_1', 'd_1', 'at_1']);
    expect(indexes.find((index) => index.name === 'b_-1_c_1')).toMatchObject({ key: { b: -1, c: 1 }, sparse: true });
    expect(indexes.find((index) => index.name === 'd_1')).toMatchObject({ partialFilterExpression: { d: { $exists: true } } });
    expect(indexes.find((index) => index.name === 'at_1')).toMatchObject({ expireAfterSeconds: 3600 });

    await coll.dropIndex('a_idx');
    expect((await failure(coll.dropIndex('a_idx'))).code).toBe(27);
    expect((await failure(coll.dropIndex('_id_'))).code).toBe(72);
    expect((await failure(ctx.db.collection('never_created').indexes())).code).toBe(26);
  });

  it('creates collections explicitly and refuses a conflicting re-create', async () => {
    await ctx.db.createCollection('explicit');
    const error = await failure(ctx.db.createCollection('explicit', { capped: true, size: 4096 }));
    expect(error.code).toBe(48);
    const names = (await ctx.db.listCollections({ name: 'explicit' }, { nameOnly: true }).toArray()).map((c) => c.name);
    expect(names).toEqual(['explicit']);
    expect(await ctx.db.collection('explicit').drop()).toBe(true);
  });
});

describe('TTL indexes', () => {
  it('removes expired documents', { timeout: 100_000 }, async () => {
    const sessions = ctx.db.collection('sessions');
    if (ctx.database.kind !== 'embedded') {
      // A real mongod runs the TTL monitor every 60 s; ask for 1 s where allowed (ignored otherwise).
      await ctx.client.db('admin').command({ setParameter: 1, ttlMonitorSleepSecs: 1 }).catch(() => undefined);
    }
    await sessions.createIndex({ expiresAt: 1 }, { expireAfterSeconds: 0 });
    await sessions.insertMany([
      { name: 'stale', expiresAt: new Date(Date.now() - 60_000) },
      { name: 'fresh', expiresAt: new Date(Date.now() + 3_600_000) },
      { name: 'no-date', expiresAt: 'not a date' },
    ]);
    const limit = ctx.database.kind === 'embedded' ? 10_000 : 90_000;
    expect(await waitFor(async () => (await sessions.countDocuments({ name: 'stale' })) === 0, limit, 200)).toBe(true);
    expect((await sessions.find({}, { projection: { _id: 0, name: 1 } }).sort({ name: 1 }).toArray()).map((d) => d.name)).toEqual([
      'fresh',
      'no-date',
    ]);
  });
});

describe('text indexes', () => {
  it('searches stemmed terms and sorts by textScore', async () => {
    const articles = ctx.db.collection('articles');
    await articles.createIndex({ title: 'text', body: 'text' }, { weights: { title: 10, body: 1 }, name: 'kb_text' });
    await articles.insertMany([
      { slug: 'interviews', title: 'Scheduling interviews', body: 'How the scheduling engine picks interview slots.' },
      { slug: 'meeting', title: 'Moving a meeting', body: 'You can schedule or reschedule a meeting from the dashboard.' },
      { slug: 'password', title: 'Password reset', body: 'Reset your password from the login page.' },
      { slug: 'calendar', title: 'Calendar sync', body: 'Connect a calendar. The schedule syncs every minute. Scheduled events appear.' },
    ]);
    const hits = await articles
      .find({ $text: { $search: 'schedule' } }, { projection: { slug: 1, score: { $meta: 'textScore' } } })
      .sort({ score: { $meta: 'textScore' } })
      .toArray();
    expect(hits.map((hit) => hit.slug)).toEqual(['interviews', 'calendar', 'meeting']);
    for (const hit of hits) expect(hit.score).toBeGreaterThan(0);
    expect(hits[0]?.score).toBeGreaterThan(hits[1]?.score);

    const phrase = await articles.find({ $text: { $search: '"password reset"' } }).toArray();
    expect(phrase.map((d) => d.slug)).toEqual(['password']);
    const negated = await articles.find({ $text: { $search: 'schedule -calendar' } }).toArray();
    expect(negated.map((d) => d.slug).sort()).toEqual(['interviews', 'meeting']);
    const combined = await articles.countDocuments({ $text: { $search: 'schedule' }, slug: { $ne: 'meeting' } });
    expect(combined).toBe(2);
    expect(await articles.countDocuments({ $text: { $search: 'the and of' } })).toBe(0);

    const pipeline = await articles
      .aggregate([
        { $match: { $text: { $search: 'password' } } },
        { $project: { _id: 0, slug: 1, score: { $meta: 'textScore' } } },
        { $sort: { score: { $meta: 'textScore' } } },
      ])
      .toArray();
    expect(pipeline).toHaveLength(1);
    expect(pipeline[0]?.slug).toBe('password');
    expect(pipeline[0]?.score).toBeGreaterThan(0);
  });

  it('allows one text index per collection and needs one for $text', async () => {
    const articles = ctx.db.collection('articles');
    expect((await failure(articles.createIndex({ slug: 'text' }))).code).toBe(85);
    expect((await failure(ctx.db.collection('no_text').find({ $text: { $search: 'x' } }).toArray())).code).toBe(27);
  });
});

// Mongoose conformance: schemas with unique indexes, duplicate-key errors, upserts, populate, syncIndexes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import mongoose, { Schema, Types, type Connection } from 'mongoose';
import { MongoServerError } from 'mongodb';
import { startTestDatabase, type TestDatabase } from '../support/database';

let database: TestDatabase;
let conn: Connection;

const userSchema = new Schema(
  {
    email: { type: String, required: true, unique: true },
    name: String,
    tags: [String],
    profile: { age: Number, city: String },
  },
  { timestamps: true },
);
const membershipSchema = new Schema({ org: String, user: { type: Schema.Types.ObjectId, ref: 'User' }, role: String });
membershipSchema.index({ org: 1, user: 1 }, { unique: true });
const postSchema = new Schema({ title: String, author: { type: Schema.Types.ObjectId, ref: 'User' }, publishedAt: Date });
const counterSchema = new Schema({ _id: String, seq: { type: Number, default: 0 } });

function models(connection: Connection) {
  return {
    User: connection.model('User', userSchema),
    Membership: connection.model('Membership', membershipSchema),
    Post: connection.model('Post', postSchema),
    Counter: connection.model('Counter', counterSchema),
  };
}

let m: ReturnType<typeof models>;

beforeAll(async () => {
  database = await startTestDatabase();
  conn = await mongoose.createConnection(database.uri, { serverSelectionTimeoutMS: 5_000 }).asPromise();
  m = models(conn);
  await Promise.all(Object.values(m).map((model) => model.init()));
});

afterAll(async () => {
  await conn?.close();
  if (database?.embedded) expect(database.embedded.unknownCommands).toEqual([]);
  await database?.stop();
});

describe('mongoose models', () => {
  it('creates documents with timestamps and round-trips dates and ObjectIds', async () => {
    const user = await m.User.create({ email: 'ada@example.com', name: 'Ada', tags: ['math'], profile: { age: 36 } });
    expect(user._id).toBeInstanceOf(Types.ObjectId);
    const found = await m.User.findById(user._id).lean();
    expect(found?.email).toBe('ada@example.com');
    expect(found?.createdAt).toBeInstanceOf(Date);
    expect(found?.createdAt.getTime()).toBe(user.createdAt.getTime());
    expect(found?._id.equals(user._id)).toBe(true);
  });

  it('raises code 11000 with keyPattern and keyValue on unique violations', async () => {
    await m.User.create({ email: 'dup@example.com' });
    const error = await m.User.create({ email: 'dup@example.com' }).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(MongoServerError);
    expect((error as MongoServerError).code).toBe(11000);
    expect((error as MongoServerError).keyPattern).toEqual({ email: 1 });
    expect((error as MongoServerError).keyValue).toEqual({ email: 'dup@example.com' });

    const user = new Types.ObjectId();
    await m.Membership.create({ org: 'acme', user, role: 'admin' });
    await m.Membership.create({ org: 'globex', user, role: 'admin' });
    const compound = (await m.Membership.create({ org: 'acme', user, role: 'viewer' }).catch((err: unknown) => err)) as MongoServerError;
    expect(compound.code).toBe(11000);
    expect(compound.keyPattern).toEqual({ org: 1, user: 1 });
    expect(compound.keyValue).toEqual({ org: 'acme', user });
  });

  it('updates with operators on nested paths and findOneAndUpdate (new / returnDocument)', async () => {
    const user = await m.User.create({ email: 'grace@example.com', tags: ['navy'], profile: { age: 84 } });
    const before = await m.User.findOneAndUpdate({ _id: user._id }, { $inc: { 'profile.age': 1 } }, { returnDocument: 'before' }).lean();
    expect(before?.profile?.age).toBe(84);
    const after = await m.User.findOneAndUpdate({ _id: user._id }, { $addToSet: { tags: { $each: ['navy', 'cobol'] } } }, { new: true }).lean();
    expect(after?.tags).toEqual(['navy', 'cobol']);
    await m.User.updateOne({ _id: user._id }, { $pull: { tags: 'navy' }, $set: { 'profile.city': 'Arlington' }, $unset: { name: 1 } });
    await m.User.updateOne({ _id: user._id }, { $push: { tags: 'compilers' } });
    const latest = await m.User.findById(user._id).lean();
    expect(latest?.tags).toEqual(['cobol', 'compilers']);
    expect(latest?.profile).toEqual({ age: 85, city: 'Arlington' });
    expect(latest?.updatedAt.getTime()).toBeGreaterThanOrEqual(latest?.createdAt.getTime() ?? 0);
  });

  it('upserts atomic counters', async () => {
    const next = async () => (await m.Counter.findOneAndUpdate({ _id: 'question' }, { $inc: { seq: 1 } }, { upsert: true, returnDocument: 'after' }).lean())?.seq;
    const values = await Promise.all(Array.from({ length: 10 }, next));
    expect([...values].sort((a, b) => (a ?? 0) - (b ?? 0))).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const result = await m.Counter.updateOne({ _id: 'other' }, { $setOnInsert: { seq: 100 } }, { upsert: true });
    expect(result.upsertedCount).toBe(1);
    expect(result.upsertedId).toBe('other');
  });

  it('populates references, counts and lists distinct values', async () => {
    const author = await m.User.create({ email: 'linus@example.com', name: 'Linus' });
    await m.Post.create([
      { title: 'Kernel', author: author._id, publishedAt: new Date('2024-03-01') },
      { title: 'Git', author: author._id, publishedAt: new Date('2024-03-02') },
    ]);
    const posts = await m.Post.find({ author: author._id }).sort({ publishedAt: -1 }).populate<{ author: { name: string } }>('author').lean();
    expect(posts.map((post) => [post.title, post.author.name])).toEqual([
      ['Git', 'Linus'],
      ['Kernel', 'Linus'],
    ]);
    expect(await m.Post.countDocuments({ author: author._id })).toBe(2);
    expect(await m.Post.estimatedDocumentCount()).toBe(2);
    expect((await m.Post.distinct('title')).sort()).toEqual(['Git', 'Kernel']);
    const grouped = await m.Post.aggregate<{ _id: Types.ObjectId; n: number }>([{ $group: { _id: '$author', n: { $sum: 1 } } }]);
    expect(grouped).toHaveLength(1);
    expect(grouped[0]?.n).toBe(2);
  });

  it('syncIndexes drops indexes removed from the schema and creates new ones', async () => {
    const v1 = new Schema({ a: String, b: String });
    v1.index({ a: 1 });
    const Old = conn.model('Evolving', v1, 'evolving');
    await Old.init();
    expect((await Old.listIndexes()).map((index) => index.name).sort()).toEqual(['_id_', 'a_1']);

    const v2 = new Schema({ a: String, b: String }, { autoIndex: false });
    v2.index({ b: 1 }, { unique: true });
    const other = conn.useDb(database.dbName, { useCache: false });
    const New = other.model('Evolving', v2, 'evolving');
    const diff = await New.diffIndexes();
    expect(diff).toEqual({ toDrop: ['a_1'], toCreate: [{ b: 1 }] });
    const dropped = await New.syncIndexes();
    expect(dropped).toEqual(['a_1']);
    const indexes = await New.listIndexes();
    expect(indexes.map((index) => index.name).sort()).toEqual(['_id_', 'b_1']);
    expect(indexes.find((index) => index.name === 'b_1')?.unique).toBe(true);
  });

  it('leaves matching text, TTL, sparse and partial indexes alone on syncIndexes', async () => {
    const schema = new Schema({
      title: String,
      body: String,
      tags: [String],
      status: String,
      slug: { type: String, unique: true, sparse: true },
      expiresAt: { type: Date, expires: 3600 },
    });
    schema.index({ title: 'text', body: 'text', tags: 'text' }, { weights: { title: 10, tags: 5 }, name: 'kb_text' });
    schema.index({ status: 1 }, { partialFilterExpression: { status: { $exists: true } } });
    const Article = conn.model('Article', schema);
    await Article.init();
    expect(await Article.diffIndexes()).toEqual({ toDrop: [], toCreate: [] });
    expect(await Article.syncIndexes()).toEqual([]);
    const text = (await Article.listIndexes()).find((index) => index.name === 'kb_text');
    expect(text?.weights).toEqual({ body: 1, tags: 5, title: 10 });

    await Article.create([
      { title: 'Scheduling interviews', body: 'Pick slots', slug: 'a' },
      { title: 'Calendar', body: 'Your schedule syncs', tags: ['scheduling'] },
      { title: 'Passwords', body: 'Reset it' },
    ]);
    const hits = await Article.find({ $text: { $search: 'schedule' } }, { score: { $meta: 'textScore' } })
      .sort({ score: { $meta: 'textScore' } })
      .lean();
    expect(hits.map((hit) => hit.title)).toEqual(['Scheduling interviews', 'Calendar']);
  });
});

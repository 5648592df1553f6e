// What mongoose relies on, exercised through mongoose models the way an app uses them. Expectations follow MongoDB
// 7.0's documentation and server source; with MONGODB_URI set the file runs unchanged against that mongod instead.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import mongoose, { Schema, Types, type Connection } from 'mongoose';
import type { CommandStartedEvent, Document } from 'mongodb';
import { startEmbeddedMongo, type EmbeddedMongo } from '../src';

let embedded: EmbeddedMongo | undefined;
let conn: Connection;
/** Commands the driver sent, for checking that mongoose produced the shape a test is about. */
const sent: CommandStartedEvent[] = [];

beforeAll(async () => {
  const external = process.env.MONGODB_URI;
  embedded = external ? undefined : await startEmbeddedMongo({ ttlSweepMs: 250 });
  conn = mongoose.createConnection(embedded?.uri ?? (external as string), {
    dbName: `test_${process.pid}_${randomBytes(3).toString('hex')}`,
    serverSelectionTimeoutMS: 5_000,
    monitorCommands: true,
  });
  await conn.asPromise();
  conn.getClient().on('commandStarted', (event) => sent.push(event));
});

afterAll(async () => {
  if (!embedded) await conn?.dropDatabase();
  await conn?.close();
  if (embedded) expect(embedded.unknownCommands).toEqual([]);
  await embedded?.stop();
});

/** The rejection of `promise`, failing the test if it resolves. */
async function rejection(promise: Promise<unknown>): Promise<{ code?: number; codeName?: string; message: string }> {
  const outcome = await promise.then(
    () => undefined,
    (err: unknown) => err as { code?: number; codeName?: string; message: string },
  );
  if (!outcome) throw new Error('expected the operation to fail');
  return outcome;
}

/** The last update statement (`u`) or findAndModify update the driver sent to `collection`. */
function lastUpdateTo(collection: string): Document | undefined {
  for (const event of [...sent].reverse()) {
    const { command } = event;
    if (event.commandName === 'update' && command.update === collection) return (command.updates as Document[])[0]?.u as Document;
    if (event.commandName === 'findAndModify' && command.findAndModify === collection) return command.update as Document;
  }
  return undefined;
}

const itemSchema = new Schema({ name: String, qty: Number }, { timestamps: true });
const orderSchema = new Schema({ title: String, items: [itemSchema], tags: [String], scores: [Number] }, { timestamps: true });
const orders = () => conn.model('Order', orderSchema);
let Order: ReturnType<typeof orders>;
beforeAll(() => {
  Order = orders();
});

describe('updates through a positional element', () => {
  it('sets two fields of the matched subdocument (subdocument timestamps)', async () => {
    const order = await Order.create({ title: 'first', items: [{ name: 'a', qty: 1 }, { name: 'b', qty: 2 }] });
    const [first, second] = order.items;
    const before = second?.updatedAt as Date;

    await Order.updateOne({ _id: order._id, 'items._id': second?._id }, { $set: { 'items.$.qty': 5 } });

    expect(Object.keys(lastUpdateTo('orders')?.$set ?? {})).toEqual(expect.arrayContaining(['items.$.qty', 'items.$.updatedAt']));
    const stored = await Order.findById(order._id).lean();
    expect(stored?.items.map((item) => item.qty)).toEqual([1, 5]);
    expect(stored?.items[1]?.updatedAt.getTime()).toBeGreaterThanOrEqual(before.getTime());
    expect(stored?.items[0]?.updatedAt).toEqual(first?.updatedAt);
  });

  it('still refuses truly conflicting paths with ConflictingUpdateOperators', async () => {
    const order = await Order.create({ title: 'conflict', items: [{ name: 'a', qty: 1 }] });
    const samePath = await rejection(
      Order.updateOne({ _id: order._id, 'items.name': 'a' }, { $set: { 'items.$.qty': 2 }, $inc: { 'items.$.qty': 1 } }),
    );
    expect(samePath).toMatchObject({ code: 40 });
    expect(samePath.message).toMatch(/Updating the path 'items\.\$\.qty' would create a conflict at 'items\.\$\.qty'/);

    const prefix = await rejection(Order.updateOne({ _id: order._id }, { $set: { title: 'x' }, $unset: { 'title.sub': '' } }, { strict: false }));
    expect(prefix).toMatchObject({ code: 40 });
    expect((await Order.findById(order._id).lean())?.items[0]?.qty).toBe(1);
  });
});

describe('$pull with a condition', () => {
  it('removes the subdocuments DocumentArray#pull() names, through save()', async () => {
    const lineSchema = new Schema({ sku: String, qty: Number }, { _id: false });
    const Cart = conn.model('Cart', new Schema({ owner: String, lines: [lineSchema] }));
    const created = await Cart.create({ owner: 'ann', lines: [{ sku: 'a', qty: 1 }, { sku: 'b', qty: 2 }, { sku: 'c', qty: 3 }] });
    const cart = await Cart.findById(created._id).orFail();
    cart.lines.pull(cart.lines[0], cart.lines[2]);
    await cart.save();

    expect(lastUpdateTo('carts')?.$pull).toEqual({ lines: { $or: [{ sku: 'a', qty: 1 }, { sku: 'c', qty: 3 }] } });
    const stored = await Cart.findById(cart._id).lean();
    expect(stored?.lines).toEqual([{ sku: 'b', qty: 2 }]);
  });

  it('matches $or / $and conditions against document elements and operators against scalars', async () => {
    const order = await Order.create({ title: 'pull2', items: [{ name: 'a', qty: 1 }, { name: 'b', qty: 5 }, { name: 'c', qty: 9 }], scores: [1, 50, 90] });
    await Order.updateOne(
      { _id: order._id },
      { $pull: { items: { $and: [{ qty: { $gt: 2 } }, { $or: [{ name: 'c' }, { name: 'z' }] }] }, scores: { $gte: 50 } } },
    );
    const stored = await Order.findById(order._id).lean();
    expect(stored?.items.map((item) => item.name)).toEqual(['a', 'b']);
    expect(stored?.scores).toEqual([1]);
  });
});

describe('updates that do not fit the document', () => {
  it('refuses $push and $addToSet onto a field that is not an array', async () => {
    const { insertedId } = await Order.collection.insertOne({ title: 'scalar tags', tags: 'solo' });

    const push = await rejection(Order.updateOne({ _id: insertedId }, { $push: { tags: 'more' } }));
    expect(push).toMatchObject({ code: 2 });
    expect(push.message).toBe(`The field 'tags' must be an array but is of type string in document {_id: ObjectId('${insertedId.toHexString()}')}`);

    const addToSet = await rejection(Order.updateOne({ _id: insertedId }, { $addToSet: { tags: 'more' } }));
    expect(addToSet).toMatchObject({ code: 2 });
    expect(addToSet.message).toBe("Cannot apply $addToSet to non-array field. Field named 'tags' has non-array type string");

    expect((await Order.findById(insertedId).lean())?.tags).toBe('solo');
  });

  it('refuses to create a field inside an array of scalars or inside a scalar (PathNotViable)', async () => {
    const order = await Order.create({ title: 'plain', tags: ['a', 'b'] });

    const inArray = await rejection(Order.updateOne({ _id: order._id }, { $set: { 'tags.name': 'x' } }, { strict: false }));
    expect(inArray).toMatchObject({ code: 28 });
    expect(inArray.message).toBe(`Cannot create field 'name' in element {tags: [ "a", "b" ]}`);

    const inScalar = await rejection(Order.updateOne({ _id: order._id }, { $set: { 'title.sub': 'x' } }, { strict: false }));
    expect(inScalar).toMatchObject({ code: 28 });
    expect(inScalar.message).toBe(`Cannot create field 'sub' in element {title: "plain"}`);

    const stored = await Order.findById(order._id).lean();
    expect(stored).toMatchObject({ title: 'plain', tags: ['a', 'b'] });
  });
});

describe('the 16 MB document limit', () => {
  const MB = 1024 * 1024;
  const blobs = () => conn.model('Blob', new Schema({ name: String, a: String, b: String }));
  let Blob: ReturnType<typeof blobs>;
  beforeAll(() => {
    Blob = blobs();
  });

  it('refuses an insert whose command exceeds the limit with BSONObjectTooLarge', async () => {
    const error = await rejection(Blob.create({ name: 'huge', a: 'x'.repeat(16 * MB + 64 * 1024) }));
    expect(error).toMatchObject({ code: 10334, codeName: 'BSONObjectTooLarge' });
    expect(await Blob.countDocuments({ name: 'huge' })).toBe(0);
  });

  it('refuses a document just over 16 MB inside a valid command as "object to insert too large"', async () => {
    const error = await rejection(Blob.create({ name: 'just over', a: 'x'.repeat(16 * MB) }));
    expect(error).toMatchObject({ code: 2 });
    expect(error.message).toMatch(/^object to insert too large\. size in bytes: \d+, max size: 16777216$/);
    expect(await Blob.countDocuments({ name: 'just over' })).toBe(0);
  });

  it('refuses an update whose result exceeds the limit with BSONObjectTooLarge', async () => {
    const doc = await Blob.create({ name: 'growing', a: 'x'.repeat(9 * MB) });
    const update = await rejection(Blob.updateOne({ _id: doc._id }, { $set: { b: 'y'.repeat(9 * MB) } }));
    expect(update).toMatchObject({ code: 10334 });
    expect(update.message).toMatch(/Resulting document after update is larger than 16777216/);

    const findAndModify = await rejection(Blob.findOneAndUpdate({ _id: doc._id }, { $set: { b: 'z'.repeat(9 * MB) } }));
    expect(findAndModify).toMatchObject({ code: 10334 });
    expect(findAndModify.message).toMatch(/Resulting document after update is larger than 16777216/);

    const stored = await Blob.findById(doc._id).lean();
    expect(stored?.a?.length).toBe(9 * MB);
    expect(stored?.b).toBeUndefined();
  });
});

describe('projections mongoose sends', () => {
  it('keeps every other field with a $slice-only projection', async () => {
    const order = await Order.create({ title: 'sliced', tags: ['a', 'b', 'c', 'd'], scores: [1, 2, 3] });

    const firstTwo = await Order.findById(order._id).select({ tags: { $slice: 2 } }).lean();
    expect(firstTwo).toMatchObject({ _id: order._id, title: 'sliced', tags: ['a', 'b'], scores: [1, 2, 3] });
    expect(firstTwo?.createdAt).toBeInstanceOf(Date);

    const lastOne = await Order.findById(order._id).slice('tags', -1).lean();
    expect(lastOne).toMatchObject({ title: 'sliced', tags: ['d'], scores: [1, 2, 3] });

    const skipLimit = await Order.findById(order._id).select({ tags: { $slice: [1, 2] } }).lean();
    expect(skipLimit?.tags).toEqual(['b', 'c']);

    const withInclusion = await Order.findById(order._id).select({ title: 1, tags: { $slice: 1 } }).lean();
    expect(withInclusion).toEqual({ _id: order._id, title: 'sliced', tags: ['a'] });

    const withExclusion = await Order.findById(order._id).select({ scores: 0, tags: { $slice: -2 } }).lean();
    expect(withExclusion).toMatchObject({ title: 'sliced', tags: ['c', 'd'] });
    expect(withExclusion).not.toHaveProperty('scores');
  });

  it('returns the first matching element for $elemMatch, on scalar and document arrays', async () => {
    const good = await Order.create({ title: 'good', scores: [70, 85, 90], items: [{ name: 'a', qty: 1 }, { name: 'b', qty: 4 }, { name: 'c', qty: 7 }] });
    const poor = await Order.create({ title: 'poor', scores: [10, 20] });

    const scalar = await Order.find({ _id: { $in: [good._id, poor._id] } }, { scores: { $elemMatch: { $gte: 80 } } })
      .sort({ title: 1 })
      .lean();
    expect(scalar).toEqual([{ _id: good._id, scores: [85] }, { _id: poor._id }]);

    const documents = await Order.findById(good._id, { title: 1, items: { $elemMatch: { qty: { $gt: 2 } } } }).lean();
    expect(documents).toMatchObject({ _id: good._id, title: 'good', items: [{ name: 'b', qty: 4 }] });
  });

  it('leaves the stored document whole after excluding sub-fields', async () => {
    const order = await Order.create({ title: 'whole', items: [{ name: 'a', qty: 1 }] });
    const partial = await Order.findById(order._id).select('-items.qty').lean();
    expect(partial?.items[0]).not.toHaveProperty('qty');
    expect((await Order.findById(order._id).lean())?.items[0]).toMatchObject({ name: 'a', qty: 1 });
  });
});

describe('query operators', () => {
  const typed = () =>
    conn.model(
      'Typed',
      new Schema({
        label: String,
        count: Number,
        ratio: Number,
        big: Schema.Types.BigInt,
        ref: Schema.Types.ObjectId,
        data: Buffer,
        tag: String,
        tags: [String],
      }),
    );
  let Typed: ReturnType<typeof typed>;
  beforeAll(() => {
    Typed = typed();
  });

  it('matches $type by alias and numeric code for long, objectId, binData, int, double and number', async () => {
    await Typed.create({ label: 'typed', count: 5, ratio: 0.5, big: 9007199254740993n, ref: new Types.ObjectId(), data: Buffer.from([1, 2, 3]) });
    const labels = async (filter: Record<string, unknown>) => (await Typed.find({ label: 'typed', ...filter }).lean()).length;

    expect(await labels({ big: { $type: 'long' } })).toBe(1);
    expect(await labels({ big: { $type: 18 } })).toBe(1);
    expect(await labels({ count: { $type: 'long' } })).toBe(0);
    expect(await labels({ ref: { $type: 'objectId' } })).toBe(1);
    expect(await labels({ ref: { $type: 7 } })).toBe(1);
    expect(await labels({ data: { $type: 'binData' } })).toBe(1);
    expect(await labels({ data: { $type: 5 } })).toBe(1);
    expect(await labels({ count: { $type: 'int' } })).toBe(1);
    expect(await labels({ count: { $type: 16 } })).toBe(1);
    expect(await labels({ ratio: { $type: 'int' } })).toBe(0);
    expect(await labels({ ratio: { $type: 'double' } })).toBe(1);
    expect(await labels({ big: { $type: 'int' } })).toBe(0);
    for (const field of ['count', 'ratio', 'big']) expect(await labels({ [field]: { $type: 'number' } })).toBe(1);
    expect(await labels({ label: { $type: 'number' } })).toBe(0);
    expect(await labels({ data: { $type: ['string', 'binData'] } })).toBe(1);
  });

  it('matches $all against a scalar field like an equality', async () => {
    await Typed.create([
      { label: 'all', tag: 'a', tags: ['a', 'b'] },
      { label: 'all', tag: 'b', tags: ['b'] },
    ]);
    const tags = async (filter: Record<string, unknown>) => (await Typed.find({ label: 'all', ...filter }).sort({ tag: 1 }).lean()).map((doc) => doc.tag);

    expect(await tags({ tag: { $all: ['a'] } })).toEqual(['a']);
    expect(await tags({ tag: { $all: ['a', 'b'] } })).toEqual([]);
    expect(await tags({ tags: { $all: ['b'] } })).toEqual(['a', 'b']);
    expect(await tags({ tags: { $all: ['a', 'b'] } })).toEqual(['a']);
    expect(await tags({ tags: { $all: [] } })).toEqual([]);
  });

  it('reports an unknown operator even when the collection is empty or missing', async () => {
    const Missing = conn.model('Missing', new Schema({ name: String }), 'never_created');
    const find = await rejection(Missing.find({ other: { $foo: 1 } }).lean());
    expect(find).toMatchObject({ code: 2, codeName: 'BadValue', message: 'unknown operator: $foo' });
    const count = await rejection(Missing.countDocuments({ other: { $foo: 1 } }));
    expect(count).toMatchObject({ code: 2, codeName: 'BadValue', message: 'unknown operator: $foo' });
    const update = await rejection(Missing.updateOne({ other: { $foo: 1 } }, { $set: { name: 'x' } }));
    expect(update).toMatchObject({ code: 2, message: 'unknown operator: $foo' });

    const Empty = conn.model('Empty', new Schema({ name: String }));
    await Empty.createCollection();
    const empty = await rejection(Empty.findOne({ other: { $foo: 1 } }).lean());
    expect(empty).toMatchObject({ code: 2, codeName: 'BadValue', message: 'unknown operator: $foo' });
  });
});

describe('binary values, collations, validators, $where and geospatial queries', () => {
  it('compares binary data like mongod: by length, then subtype, then bytes', async () => {
    const Attachment = conn.model('Attachment', new Schema({ label: String, data: Buffer }));
    await Attachment.create([
      { label: 'one byte', data: Buffer.from([9]) },
      { label: 'three bytes', data: Buffer.from([1, 2, 3]) },
      { label: 'four bytes', data: Buffer.from([0, 0, 0, 0]) },
    ]);
    const labels = async (filter: Record<string, unknown>) => (await Attachment.find(filter).sort({ label: 1 }).lean()).map((doc) => doc.label);
    expect(await labels({ data: { $gt: Buffer.from([5, 5]) } })).toEqual(['four bytes', 'three bytes']);
    expect(await labels({ data: { $lt: Buffer.from([0, 0, 0]) } })).toEqual(['one byte']);
    expect(await labels({ data: { $gte: Buffer.from([1, 2, 3]), $lte: Buffer.from([1, 2, 4]) } })).toEqual(['three bytes']);
  });

  it('applies a case-insensitive collation on mongod; the embedded server refuses it instead of ignoring it', async () => {
    await Order.create({ title: 'Zebra' });
    const query = Order.find({ title: 'zebra' }).collation({ locale: 'en', strength: 2 }).lean();
    if (embedded) expect(await rejection(query)).toMatchObject({ code: 238, codeName: 'NotImplemented' });
    else expect((await query).map((doc) => doc.title)).toEqual(['Zebra']);
    expect(await Order.find({ title: 'zebra' }).collation({ locale: 'simple' }).lean()).toEqual([]);
  });

  it('enforces a $jsonSchema validator on mongod (DocumentValidationFailure); the embedded server refuses to create it', async () => {
    const Person = conn.model('Person', new Schema({ name: String, age: Number }, { autoCreate: false, autoIndex: false }));
    const created = Person.createCollection({
      validator: { $jsonSchema: { bsonType: 'object', required: ['name'], properties: { age: { bsonType: 'int', minimum: 0 } } } },
    });
    if (embedded) {
      expect(await rejection(created)).toMatchObject({ code: 238, codeName: 'NotImplemented' });
      return;
    }
    await created;
    expect(await rejection(Person.create({ age: -1 }))).toMatchObject({ code: 121 });
    await Person.create({ name: 'valid', age: 3 });
    expect(await Person.countDocuments()).toBe(1);
  });

  it('runs $where and $geoWithin on mongod; the embedded server refuses them with an error reply', async () => {
    const Place = conn.model('Place', new Schema({ name: String, location: { type: { type: String }, coordinates: [Number] } }));
    await Place.create({ name: 'origin', location: { type: 'Point', coordinates: [0, 0] } });
    const where = Place.find({ $where: 'this.name === "origin"' }).lean();
    const geo = Place.find({ location: { $geoWithin: { $centerSphere: [[0, 0], 0.01] } } }).lean();
    if (embedded) {
      expect(await rejection(where)).toMatchObject({ code: 238, codeName: 'NotImplemented', message: expect.stringContaining('$where') });
      expect(await rejection(geo)).toMatchObject({ code: 238, codeName: 'NotImplemented', message: expect.stringContaining('$geoWithin') });
    } else {
      expect(await where).toHaveLength(1);
      expect(await geo).toHaveLength(1);
    }
  });
});

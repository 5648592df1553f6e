// Namespaces and indexes: create / drop / list collections and databases, create / list / drop indexes, stats.
import { BSON } from 'bson';
import type { Document } from 'bson';
import type { CommandContext, CommandHandler } from '../context';
import { targetName } from '../context';
import { checkCollation } from '../collation';
import { CommandError, namespaceNotFound, toCommandError } from '../errors';
import { normalizeIndexSpec } from '../index-specs';
import { compileQuery } from '../matcher';
import { isPlainObject, keyOf } from '../values';

/** Fields of a command that are envelope, not options. */
const ENVELOPE = new Set(['lsid', 'writeConcern', 'comment', 'maxTimeMS', 'apiVersion', 'apiStrict', 'apiDeprecationErrors']);

function commandOptions(command: Document, nameField: string): Document {
  const out: Document = {};
  for (const [key, value] of Object.entries(command)) {
    if (key === nameField || key.startsWith('$') || ENVELOPE.has(key)) continue;
    out[key] = value;
  }
  return out;
}

/**
 * Schema validation is not implemented: refuse a validator rather than accept it and store documents mongod would
 * reject (DocumentValidationFailure).
 */
function checkValidator(validator: unknown): void {
  if (validator === undefined || (isPlainObject(validator) && Object.keys(validator).length === 0)) return;
  throw new CommandError(
    'NotImplemented',
    'collection validators ($jsonSchema or query operators) are not enforced by the embedded MongoDB server; create the collection without a validator',
  );
}

function create(command: Document, ctx: CommandContext): Document {
  const name = targetName(command, 'create');
  const options = commandOptions(command, 'create');
  checkCollation(options.collation);
  checkValidator(options.validator);
  const existing = ctx.state.store.get(ctx.db, name);
  if (existing) {
    // Like mongod 7.0: identical options succeed, different ones conflict.
    if (keyOf(existing.options) === keyOf(options)) return { ok: 1 };
    throw new CommandError('NamespaceExists', `Collection ${ctx.db}.${name} already exists.`);
  }
  ctx.state.store.create(ctx.db, name, options);
  return { ok: 1 };
}

function drop(command: Document, ctx: CommandContext): Document {
  const name = targetName(command, 'drop');
  const coll = ctx.state.store.get(ctx.db, name);
  if (!coll) return { ok: 1 }; // mongod ≥ 7.0 no longer reports NamespaceNotFound here
  ctx.state.store.drop(ctx.db, name);
  return { nIndexesWas: coll.indexSpecs().length, ns: coll.ns, ok: 1 };
}

function dropDatabase(_command: Document, ctx: CommandContext): Document {
  ctx.state.store.dropDatabase(ctx.db);
  return { dropped: ctx.db, ok: 1 };
}

function listCollections(command: Document, ctx: CommandContext): Document {
  const nameOnly = command.nameOnly === true;
  let entries: Document[] = ctx.state.store.collections(ctx.db).map((coll) =>
    nameOnly
      ? { name: coll.name, type: 'collection' }
      : {
          name: coll.name,
          type: 'collection',
          options: coll.options,
          info: { readOnly: false, uuid: coll.uuid },
          idIndex: { v: 2, key: { _id: 1 }, name: '_id_' },
        },
  );
  if (isPlainObject(command.filter) && Object.keys(command.filter).length) {
    const query = compileQuery(command.filter);
    entries = entries.filter((entry) => query.test(entry));
  }
  const cursorOptions = isPlainObject(command.cursor) ? command.cursor : {};
  return { cursor: ctx.state.cursors.firstBatch(`${ctx.db}.$cmd.listCollections`, entries, { batchSize: cursorOptions.batchSize }), ok: 1 };
}

function listDatabases(command: Document, ctx: CommandContext): Document {
  let databases: Document[] = ctx.state.store.databaseNames().map((name) => ({ name, sizeOnDisk: dbSize(ctx, name), empty: false }));
  if (isPlainObject(command.filter) && Object.keys(command.filter).length) {
    const query = compileQuery(command.filter);
    databases = databases.filter((entry) => query.test(entry));
  }
  if (command.nameOnly === true) return { databases: databases.map(({ name }) => ({ name })), ok: 1 };
  const totalSize = databases.reduce((sum, entry) => sum + (entry.sizeOnDisk as number), 0);
  return { databases, totalSize, totalSizeMb: Math.round(totalSize / 1048576), ok: 1 };
}

function collSize(docs: Iterable<Document>): number {
  let size = 0;
  for (const doc of docs) size += BSON.calculateObjectSize(doc);
  return size;
}

function dbSize(ctx: CommandContext, db: string): number {
  return ctx.state.store.collections(db).reduce((sum, coll) => sum + collSize(coll.docs.values()), 0);
}

function createIndexes(command: Document, ctx: CommandContext): Document {
  const name = targetName(command, 'createIndexes');
  if (!Array.isArray(command.indexes) || command.indexes.length === 0) {
    throw new CommandError('BadValue', 'Must specify at least one index to create');
  }
  const specs = (command.indexes as unknown[]).map((raw) => {
    if (!isPlainObject(raw)) throw new CommandError('TypeMismatch', 'index specification must be an object');
    checkCollation(raw.collation);
    return normalizeIndexSpec(raw);
  });
  const store = ctx.state.store;
  const createdCollectionAutomatically = !store.get(ctx.db, name);
  const coll = store.ensure(ctx.db, name);
  const numIndexesBefore = coll.indexSpecs().length;
  const created: string[] = [];
  try {
    for (const spec of specs) if (coll.createIndex(spec) === 'created') created.push(spec.name);
  } catch (err) {
    for (const indexName of created) coll.dropIndex(indexName);
    if (createdCollectionAutomatically) store.drop(ctx.db, name);
    throw toCommandError(err);
  }
  const reply: Document = { numIndexesBefore, numIndexesAfter: coll.indexSpecs().length, createdCollectionAutomatically };
  if (created.length === 0) reply.note = 'all indexes already exist';
  return { ...reply, ok: 1 };
}

function listIndexes(command: Document, ctx: CommandContext): Document {
  const name = targetName(command, 'listIndexes');
  const coll = ctx.state.store.get(ctx.db, name);
  if (!coll) throw namespaceNotFound(`${ctx.db}.${name}`);
  const cursorOptions = isPlainObject(command.cursor) ? command.cursor : {};
  return { cursor: ctx.state.cursors.firstBatch(coll.ns, coll.indexSpecs(), { batchSize: cursorOptions.batchSize }), ok: 1 };
}

function dropIndexes(command: Document, ctx: CommandContext): Document {
  const name = targetName(command, Object.keys(command)[0] ?? 'dropIndexes');
  const coll = ctx.state.store.get(ctx.db, name);
  if (!coll) throw new CommandError('NamespaceNotFound', `ns not found ${ctx.db}.${name}`);
  const nIndexesWas = coll.indexSpecs().length;
  const target = command.index as unknown;
  const specs = coll.indexSpecs();
  const names: string[] = [];
  if (target === '*') {
    names.push(...specs.slice(1).map((spec) => spec.name));
  } else {
    for (const item of Array.isArray(target) ? target : [target]) {
      const spec = typeof item === 'string' ? specs.find((s) => s.name === item) : specs.find((s) => keyOf(s.key) === keyOf(item));
      if (!spec) {
        const shown = typeof item === 'string' ? item : JSON.stringify(item);
        throw new CommandError('IndexNotFound', typeof item === 'string' ? `index not found with name [${shown}]` : `can't find index with key: ${shown}`);
      }
      if (spec.name === '_id_') throw new CommandError('InvalidOptions', 'cannot drop _id index');
      names.push(spec.name);
    }
  }
  for (const indexName of names) coll.dropIndex(indexName);
  return { nIndexesWas, ok: 1 };
}

function collStats(command: Document, ctx: CommandContext): Document {
  const name = targetName(command, 'collStats');
  const coll = ctx.state.store.get(ctx.db, name);
  if (!coll) throw namespaceNotFound(`${ctx.db}.${name}`);
  const size = collSize(coll.docs.values());
  const count = coll.docs.size;
  const indexSizes: Document = {};
  for (const spec of coll.indexSpecs()) indexSizes[spec.name] = count * 16;
  return {
    ns: coll.ns,
    size,
    count,
    avgObjSize: count ? Math.round(size / count) : 0,
    storageSize: size,
    nindexes: coll.indexSpecs().length,
    totalIndexSize: count * 16 * coll.indexSpecs().length,
    indexSizes,
    capped: false,
    ok: 1,
  };
}

function dbStats(_command: Document, ctx: CommandContext): Document {
  const colls = ctx.state.store.collections(ctx.db);
  const objects = colls.reduce((sum, coll) => sum + coll.docs.size, 0);
  const dataSize = dbSize(ctx, ctx.db);
  return {
    db: ctx.db,
    collections: colls.length,
    views: 0,
    objects,
    avgObjSize: objects ? dataSize / objects : 0,
    dataSize,
    storageSize: dataSize,
    indexes: colls.reduce((sum, coll) => sum + coll.indexSpecs().length, 0),
    indexSize: 0,
    ok: 1,
  };
}

function renameCollection(command: Document, ctx: CommandContext): Document {
  const from = String(command.renameCollection ?? '');
  const to = String(command.to ?? '');
  const split = (ns: string): [string, string] => [ns.slice(0, ns.indexOf('.')), ns.slice(ns.indexOf('.') + 1)];
  const [fromDb, fromName] = split(from);
  const [toDb, toName] = split(to);
  if (!ctx.state.store.get(fromDb, fromName)) throw new CommandError('NamespaceNotFound', 'Source collection does not exist');
  if (ctx.state.store.get(toDb, toName)) {
    if (command.dropTarget !== true) throw new CommandError('NamespaceExists', 'target namespace exists');
    ctx.state.store.drop(toDb, toName);
  }
  ctx.state.store.rename(fromDb, fromName, toDb, toName);
  return { ok: 1 };
}

function collMod(command: Document, ctx: CommandContext): Document {
  const name = targetName(command, 'collMod');
  const coll = ctx.state.store.get(ctx.db, name);
  if (!coll) throw namespaceNotFound(`${ctx.db}.${name}`);
  checkValidator(command.validator);
  const reply: Document = { ok: 1 };
  if (isPlainObject(command.index)) {
    const wanted = command.index;
    const index = [...coll.indexes.values()].find((i) => i.spec.name === wanted.name || (wanted.keyPattern !== undefined && keyOf(i.spec.key) === keyOf(wanted.keyPattern)));
    if (!index) throw new CommandError('IndexNotFound', `cannot find index ${JSON.stringify(wanted)} for ns ${coll.ns}`);
    if (wanted.expireAfterSeconds !== undefined) {
      reply.expireAfterSeconds_old = index.spec.expireAfterSeconds;
      index.spec.expireAfterSeconds = Number(wanted.expireAfterSeconds);
      reply.expireAfterSeconds_new = index.spec.expireAfterSeconds;
    }
    if (wanted.hidden === true) index.spec.hidden = true;
    else if (wanted.hidden === false) delete index.spec.hidden;
  }
  return reply;
}

export const ddlCommands: Record<string, CommandHandler> = {
  create,
  drop,
  dropdatabase: dropDatabase,
  listcollections: listCollections,
  listdatabases: listDatabases,
  createindexes: createIndexes,
  listindexes: listIndexes,
  dropindexes: dropIndexes,
  deleteindexes: dropIndexes,
  collstats: collStats,
  dbstats: dbStats,
  renamecollection: renameCollection,
  collmod: collMod,
  validate: (command, ctx) => ({ ns: `${ctx.db}.${String(command.validate)}`, valid: true, errors: [], warnings: [], ok: 1 }),
};

// insert / update / delete: batches of statements, ordered or unordered, with per-statement writeErrors.
import { ObjectId } from 'bson';
import type { Document } from 'bson';
import type { CommandContext, CommandHandler } from '../context';
import { targetName } from '../context';
import { checkCollation } from '../collation';
import { CommandError, toCommandError } from '../errors';
import { checkInsertCommandSize, checkInsertedSize } from '../limits';
import { matchDocuments } from '../query';
import { applyUpdate, buildUpsertDocument, isReplacement, validateUpdate } from '../update';
import { idFirst, isPlainObject } from '../values';
import type { Doc } from '../values';

function statements(command: Document, field: string): Document[] {
  const value = command[field] as unknown;
  if (!Array.isArray(value)) throw new CommandError('FailedToParse', `BSON field '${field}' is missing but a required field`);
  return value as Document[];
}

/** Run each statement; stop at the first error when ordered. */
function runBatch(items: Document[], ordered: boolean, run: (item: Document, index: number) => void): Document[] {
  const writeErrors: Document[] = [];
  for (let i = 0; i < items.length; i++) {
    try {
      run(items[i] as Document, i);
    } catch (err) {
      writeErrors.push(toCommandError(err).toWriteError(i));
      if (ordered) break;
    }
  }
  return writeErrors;
}

function withErrors(reply: Document, writeErrors: Document[]): Document {
  return writeErrors.length ? { ...reply, writeErrors, ok: 1 } : { ...reply, ok: 1 };
}

function insert(command: Document, ctx: CommandContext): Document {
  const name = targetName(command, 'insert');
  const coll = ctx.state.store.ensure(ctx.db, name);
  let n = 0;
  const docs = statements(command, 'documents');
  const measure = checkInsertCommandSize(command, docs);
  const writeErrors = runBatch(docs, command.ordered !== false, (doc) => {
    if (!isPlainObject(doc)) throw new CommandError('TypeMismatch', 'document to insert must be an object');
    if (measure) checkInsertedSize(doc);
    const stored: Doc = doc._id === undefined ? { _id: new ObjectId(), ...doc } : idFirst(doc);
    coll.insert(stored);
    n++;
  });
  return withErrors({ n }, writeErrors);
}

function update(command: Document, ctx: CommandContext): Document {
  const name = targetName(command, 'update');
  const store = ctx.state.store;
  let n = 0;
  let nModified = 0;
  const upserted: Document[] = [];
  const writeErrors = runBatch(statements(command, 'updates'), command.ordered !== false, (statement, index) => {
    const u = validateUpdate(statement.u);
    const multi = statement.multi === true;
    if (multi && isReplacement(u)) {
      throw new CommandError('FailedToParse', 'multi update is not supported for replacement-style update');
    }
    checkCollation(statement.collation);
    const arrayFilters = statement.arrayFilters as Document[] | undefined;
    const filter = (statement.q ?? {}) as Document;
    const match = matchDocuments(store.get(ctx.db, name), filter, {
      limit: multi ? 0 : 1,
      sort: multi ? undefined : (statement.sort as Document | undefined),
    });
    if (match.docs.length === 0) {
      if (statement.upsert !== true) return;
      const doc = buildUpsertDocument(match.rest, u, arrayFilters);
      store.ensure(ctx.db, name).insert(doc);
      n++;
      upserted.push({ index, _id: doc._id });
      return;
    }
    const coll = store.ensure(ctx.db, name);
    for (const doc of match.docs) {
      const next = applyUpdate(doc, u, { arrayFilters, filter: match.rest });
      n++;
      if (next.modified) {
        coll.replace(doc, next.doc);
        nModified++;
      }
    }
  });
  const reply: Document = { n, nModified };
  if (upserted.length) reply.upserted = upserted;
  return withErrors(reply, writeErrors);
}

function remove(command: Document, ctx: CommandContext): Document {
  const name = targetName(command, 'delete');
  let n = 0;
  const writeErrors = runBatch(statements(command, 'deletes'), command.ordered !== false, (statement) => {
    const coll = ctx.state.store.get(ctx.db, name);
    const limit = Number(statement.limit ?? 0);
    if (limit !== 0 && limit !== 1) throw new CommandError('FailedToParse', `The limit field in delete objects must be 0 or 1. Got ${limit}`);
    checkCollation(statement.collation);
    const match = matchDocuments(coll, (statement.q ?? {}) as Document, { limit });
    for (const doc of match.docs) {
      coll?.remove(doc);
      n++;
    }
  });
  return withErrors({ n }, writeErrors);
}

export const writeCommands: Record<string, CommandHandler> = {
  insert,
  update,
  delete: remove,
};

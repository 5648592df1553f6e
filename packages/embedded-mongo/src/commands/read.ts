// find / getMore / killCursors / count / distinct.
import type { Document } from 'bson';
import { compareValues } from '../compare';
import type { CommandContext, CommandHandler } from '../context';
import { targetName } from '../context';
import { checkCollation } from '../collation';
import { CommandError } from '../errors';
import { matchDocuments, projectDocuments } from '../query';
import { EMPTY_ARRAY, isPlainObject, keyOf, toNumber, valuesAtPath } from '../values';

function optionalDocument(command: Document, field: string): Document | undefined {
  const value = command[field] as unknown;
  if (value === undefined || value === null) return undefined;
  if (!isPlainObject(value)) throw new CommandError('TypeMismatch', `BSON field 'FindCommandRequest.${field}' is the wrong type, expected type 'object'`);
  return value;
}

function find(command: Document, ctx: CommandContext): Document {
  const name = targetName(command, 'find');
  checkCollation(command.collation);
  const limit = toNumber(command.limit, 0);
  const skip = toNumber(command.skip, 0);
  if (skip < 0) throw new CommandError('BadValue', 'skip value must be non-negative');
  const match = matchDocuments(ctx.state.store.get(ctx.db, name), optionalDocument(command, 'filter') ?? {}, {
    sort: optionalDocument(command, 'sort'),
    skip,
    limit,
  });
  const docs = projectDocuments(match.docs, optionalDocument(command, 'projection'), match);
  const cursor = ctx.state.cursors.firstBatch(`${ctx.db}.${name}`, docs, {
    batchSize: command.batchSize,
    singleBatch: command.singleBatch === true || limit < 0,
  });
  return { cursor, ok: 1 };
}

function getMore(command: Document, ctx: CommandContext): Document {
  return { cursor: ctx.state.cursors.getMore(command.getMore, command.collection, command.batchSize), ok: 1 };
}

function killCursors(command: Document, ctx: CommandContext): Document {
  const ids = Array.isArray(command.cursors) ? (command.cursors as unknown[]) : [];
  return { ...ctx.state.cursors.kill(ids), ok: 1 };
}

function count(command: Document, ctx: CommandContext): Document {
  const name = targetName(command, 'count');
  checkCollation(command.collation);
  const coll = ctx.state.store.get(ctx.db, name);
  const query = (command.query ?? {}) as Document;
  const skip = toNumber(command.skip, 0);
  const limit = Math.abs(toNumber(command.limit, 0));
  if (Object.keys(query).length) return { n: matchDocuments(coll, query, { skip, limit }).docs.length, ok: 1 };
  const total = Math.max(0, (coll?.docs.size ?? 0) - skip);
  return { n: limit ? Math.min(limit, total) : total, ok: 1 };
}

function distinct(command: Document, ctx: CommandContext): Document {
  const name = targetName(command, 'distinct');
  checkCollation(command.collation);
  if (typeof command.key !== 'string') throw new CommandError('FailedToParse', "BSON field 'distinct.key' is missing but a required field");
  const key = command.key;
  const match = matchDocuments(ctx.state.store.get(ctx.db, name), (command.query ?? {}) as Document);
  const seen = new Map<string, unknown>();
  for (const doc of match.docs) {
    for (const value of valuesAtPath(doc, key)) {
      if (value === EMPTY_ARRAY) continue;
      const k = keyOf(value);
      if (!seen.has(k)) seen.set(k, value);
    }
  }
  return { values: [...seen.values()].sort(compareValues), ok: 1 };
}

/** A minimal plan: IXSCAN when an index (or _id) can serve the filter's equality fields, COLLSCAN otherwise. */
function explain(command: Document, ctx: CommandContext): Document {
  const inner = isPlainObject(command.explain) ? command.explain : {};
  const verb = Object.keys(inner)[0] ?? '';
  const name = typeof inner[verb] === 'string' ? (inner[verb] as string) : '';
  const filter = (inner.filter ?? inner.query ?? (inner.q as Document | undefined) ?? {}) as Document;
  const coll = name ? ctx.state.store.get(ctx.db, name) : undefined;
  const index = coll ? coll.candidates(filter).index : null;
  const winningPlan = index ? { stage: 'FETCH', inputStage: { stage: 'IXSCAN', indexName: index } } : { stage: 'COLLSCAN' };
  return {
    queryPlanner: { namespace: `${ctx.db}.${name}`, parsedQuery: filter, winningPlan, rejectedPlans: [] },
    command: inner,
    ok: 1,
  };
}

export const readCommands: Record<string, CommandHandler> = {
  find,
  getmore: getMore,
  killcursors: killCursors,
  count,
  distinct,
  explain,
};

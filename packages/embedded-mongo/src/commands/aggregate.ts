// aggregate: a leading $match uses the indexes (and $text), the rest of the pipeline runs in mingo.
import { Aggregator } from 'mingo/aggregator';
import { ObjectId } from 'bson';
import type { Document } from 'bson';
import type { CommandContext, CommandHandler } from '../context';
import { checkCollation } from '../collation';
import { CommandError, toCommandError } from '../errors';
import { MINGO_CONTEXT } from '../matcher';
import { matchDocuments } from '../query';
import { cloneDoc, isPlainObject } from '../values';
import type { Doc } from '../values';

const SCORE_FIELD = '__embeddedTextScore';

/** Replace `{ $meta: 'textScore' }` with a reference to the hidden score field (and sort on it descending). */
function rewriteTextScore(value: unknown, inSort = false): unknown {
  if (Array.isArray(value)) return value.map((item) => rewriteTextScore(item));
  if (!isPlainObject(value)) return value;
  if (value.$meta === 'textScore') return inSort ? -1 : `$${SCORE_FIELD}`;
  const out: Document = {};
  for (const [key, inner] of Object.entries(value)) {
    if (inSort && isPlainObject(inner) && inner.$meta === 'textScore') out[SCORE_FIELD] = -1;
    else out[key] = rewriteTextScore(inner, key === '$sort');
  }
  return out;
}

function aggregate(command: Document, ctx: CommandContext): Document {
  if (typeof command.aggregate !== 'string') {
    throw new CommandError('InvalidNamespace', "{aggregate: 1} is not valid for '$match'; a collection is required.");
  }
  const name = command.aggregate;
  checkCollation(command.collation);
  if (!Array.isArray(command.pipeline)) throw new CommandError('TypeMismatch', "'pipeline' option must be specified as an array");
  if (command.explain) return { queryPlanner: { namespace: `${ctx.db}.${name}`, winningPlan: { stage: 'COLLSCAN' } }, ok: 1 };
  const store = ctx.state.store;
  let pipeline = command.pipeline as Document[];

  let out: string | undefined;
  const last = pipeline[pipeline.length - 1];
  if (last && '$out' in last) {
    const target = last.$out as unknown;
    out = typeof target === 'string' ? target : isPlainObject(target) ? String(target.coll) : undefined;
    if (!out) throw new CommandError('FailedToParse', '$out needs a collection name');
    pipeline = pipeline.slice(0, -1);
  }
  if (pipeline.some((stage) => '$merge' in stage)) throw new CommandError('NotImplemented', '$merge is not supported by the embedded server');

  const coll = store.get(ctx.db, name);
  let input: Doc[];
  let hasScores = false;
  const first = pipeline[0];
  if (first && isPlainObject(first.$match)) {
    const match = matchDocuments(coll, first.$match);
    hasScores = match.scores !== undefined;
    input = match.docs.map((doc) => {
      const copy = cloneDoc(doc);
      if (match.scores) copy[SCORE_FIELD] = match.scores.get(doc) ?? 0;
      return copy;
    });
    pipeline = pipeline.slice(1);
  } else {
    input = coll ? [...coll.docs.values()].map(cloneDoc) : [];
  }
  if (hasScores) pipeline = pipeline.map((stage) => rewriteTextScore(stage) as Document);

  let results: Doc[];
  try {
    const aggregator = new Aggregator(pipeline, {
      context: MINGO_CONTEXT, // our query operators in later $match stages too
      collectionResolver: (other: string) => [...(store.get(ctx.db, other)?.docs.values() ?? [])].map(cloneDoc),
    });
    results = aggregator.run(input) as Doc[];
  } catch (err) {
    throw toCommandError(err);
  }
  if (hasScores) for (const doc of results) delete doc[SCORE_FIELD];

  if (out) {
    store.drop(ctx.db, out);
    const target = store.ensure(ctx.db, out);
    for (const doc of results) target.insert(doc._id === undefined ? { _id: new ObjectId(), ...doc } : doc);
    results = [];
  }
  const cursorOptions = isPlainObject(command.cursor) ? command.cursor : {};
  return { cursor: ctx.state.cursors.firstBatch(`${ctx.db}.${name}`, results, { batchSize: cursorOptions.batchSize }), ok: 1 };
}

export const aggregateCommands: Record<string, CommandHandler> = { aggregate };

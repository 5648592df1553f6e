// Query execution: index-assisted candidates, mingo matching, $text scoring, sort / skip / limit, projection.
import type { Document } from 'bson';
import type { Collection } from './collection';
import { isTextScoreMeta, sortDocuments } from './compare';
import type { Scores } from './compare';
import { CommandError, toCommandError } from './errors';
import { compileQuery } from './matcher';
import { applyArrayProjections, mingoProjection, splitArrayProjections } from './projection';
import { extractText } from './text';
import { cloneDoc, idFirst, isPlainObject } from './values';
import type { Doc } from './values';

export interface MatchOptions {
  sort?: Document;
  skip?: number;
  /** 0 or undefined: no limit. */
  limit?: number;
}

export interface MatchResult {
  docs: Doc[];
  scores?: Scores;
  /** The filter without $text / $comment, for positional projection and update. */
  rest: Document;
}

/** Stored documents (never to be mutated) that match, in sort order, after skip / limit. */
export function matchDocuments(coll: Collection | undefined, filter: Document = {}, options: MatchOptions = {}): MatchResult {
  if (!isPlainObject(filter)) throw new CommandError('TypeMismatch', 'filter must be an object');
  const { $comment: _comment, ...withoutComment } = filter;
  const { text, rest } = extractText(withoutComment);
  // Compiled first: mongod reports a bad filter even when the collection is empty or missing.
  const query = compileQuery(rest);
  if (!coll) {
    if (text) throw new CommandError('IndexNotFound', 'text index required for $text query');
    return { docs: [], rest };
  }
  const hasSort = options.sort && Object.keys(options.sort).length > 0;
  const skip = Math.max(0, options.skip ?? 0);
  const limit = Math.abs(options.limit ?? 0);
  let scores: Scores | undefined;
  let matched: Doc[] = [];

  try {
    if (text) {
      const textIndex = coll.textIndex();
      if (!textIndex) throw new CommandError('IndexNotFound', 'text index required for $text query');
      scores = new Map();
      for (const [idKey, score] of textIndex.candidates(text)) {
        const doc = coll.docs.get(idKey);
        if (!doc || !textIndex.accepts(doc, text) || !query.test(doc)) continue;
        matched.push(doc);
        scores.set(doc, score);
      }
    } else {
      // Without a sort we can stop as soon as skip + limit documents matched.
      const wanted = !hasSort && limit > 0 ? skip + limit : Infinity;
      for (const doc of coll.candidates(rest).docs) {
        if (!query.test(doc)) continue;
        matched.push(doc);
        if (matched.length >= wanted) break;
      }
    }
  } catch (err) {
    throw toCommandError(err);
  }

  if (hasSort && options.sort) {
    const natural = options.sort.$natural;
    if (natural !== undefined && Object.keys(options.sort).length === 1) {
      if (Number(natural) < 0) matched.reverse();
    } else {
      matched = sortDocuments(matched, options.sort, scores);
    }
  }
  if (skip || limit) matched = matched.slice(skip, limit ? skip + limit : undefined);
  return { docs: matched, scores, rest };
}

/** Apply a find projection: mingo for fields, ours for `$slice` / `$elemMatch` and `{ $meta: 'textScore' }`; _id first. */
export function projectDocuments(docs: Doc[], projection: Document | undefined, match: MatchResult): Doc[] {
  if (!projection || Object.keys(projection).length === 0) return docs;
  const metaFields: string[] = [];
  const rest: Document = {};
  for (const [field, value] of Object.entries(projection)) {
    if (isTextScoreMeta(value)) metaFields.push(field);
    else if (isPlainObject(value) && '$meta' in value) continue;
    else rest[field] = value;
  }
  const split = splitArrayProjections(rest);
  const plain = mingoProjection(split);
  let out: Doc[] = docs.map((doc) => ({ ...doc }));
  if (Object.keys(plain).length) {
    const positional = Object.keys(plain).some((field) => field.endsWith('.$'));
    // mingo removes excluded sub-fields from the nested objects it copied by reference: give it copies of those.
    const input = Object.keys(plain).some((field) => field.includes('.')) ? docs.map(cloneDoc) : docs;
    try {
      const cursor = compileQuery(positional ? match.rest : {}).find(input, plain);
      out = (cursor.all() as Doc[]).map(idFirst);
    } catch (err) {
      throw toCommandError(err);
    }
  }
  if (split.slices.length || split.elemMatches.length) out = out.map((doc, i) => applyArrayProjections(doc, docs[i] as Doc, split));
  if (metaFields.length) {
    if (!match.scores) throw new CommandError('BadValue', 'query requires text score metadata, but it is not available');
    out = out.map((doc, i) => {
      const withScore: Doc = { ...doc };
      const source = docs[i];
      for (const field of metaFields) withScore[field] = source ? (match.scores?.get(source) ?? 0) : 0;
      return withScore;
    });
  }
  return out;
}

// BSON comparison order (MongoDB's sort order across and within types) and sort-spec comparators.
import { Binary, Decimal128, Double, Int32, Long, ObjectId, Timestamp } from 'bson';
import type { Document } from 'bson';
import { CommandError } from './errors';
import { EMPTY_ARRAY, isPlainObject, toNumber, valuesAtPath } from './values';
import type { Doc } from './values';

function isNumeric(value: unknown): boolean {
  return (
    typeof value === 'number' ||
    typeof value === 'bigint' ||
    value instanceof Long ||
    value instanceof Int32 ||
    value instanceof Double ||
    value instanceof Decimal128
  );
}

/** MongoDB's canonical type order; values of different ranks never satisfy a range comparison. */
export function typeRank(value: unknown): number {
  if (value === undefined || value === null) return 1;
  if (isNumeric(value)) return 2;
  if (typeof value === 'string') return 3;
  if (Array.isArray(value)) return 5;
  if (isPlainObject(value)) return 4;
  if (value instanceof Binary) return 6;
  if (value instanceof ObjectId) return 7;
  if (typeof value === 'boolean') return 8;
  if (value instanceof Date) return 9;
  if (value instanceof Timestamp) return 10;
  if (value instanceof RegExp) return 11;
  return 12;
}

const sign = (n: number): number => (n < 0 ? -1 : n > 0 ? 1 : 0);

export function compareValues(a: unknown, b: unknown): number {
  // Fast paths for the common same-type cases.
  if (typeof a === 'number' && typeof b === 'number') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if (a instanceof Date && b instanceof Date) return sign(a.getTime() - b.getTime());
  const rankA = typeRank(a);
  const rankB = typeRank(b);
  if (rankA !== rankB) return sign(rankA - rankB);
  switch (rankA) {
    case 1:
      return 0;
    case 2:
      return sign(toNumber(a) - toNumber(b));
    case 3:
      return a === b ? 0 : (a as string) < (b as string) ? -1 : 1;
    case 4: {
      const ea = Object.entries(a as Document);
      const eb = Object.entries(b as Document);
      for (let i = 0; i < Math.min(ea.length, eb.length); i++) {
        const [ka, va] = ea[i] as [string, unknown];
        const [kb, vb] = eb[i] as [string, unknown];
        const byType = sign(typeRank(va) - typeRank(vb));
        if (byType) return byType;
        if (ka !== kb) return ka < kb ? -1 : 1;
        const byValue = compareValues(va, vb);
        if (byValue) return byValue;
      }
      return sign(ea.length - eb.length);
    }
    case 5: {
      const xa = a as unknown[];
      const xb = b as unknown[];
      for (let i = 0; i < Math.min(xa.length, xb.length); i++) {
        const byValue = compareValues(xa[i], xb[i]);
        if (byValue) return byValue;
      }
      return sign(xa.length - xb.length);
    }
    case 6: {
      const ba = (a as Binary).buffer;
      const bb = (b as Binary).buffer;
      return sign(ba.length - bb.length) || sign((a as Binary).sub_type - (b as Binary).sub_type) || Buffer.compare(ba, bb);
    }
    case 7:
      return Buffer.compare((a as ObjectId).id, (b as ObjectId).id);
    case 8:
      return sign(Number(a) - Number(b));
    case 9:
      return sign((a as Date).getTime() - (b as Date).getTime());
    case 10:
      return (a as Timestamp).compare(b as Timestamp);
    case 11:
      return String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0;
    default:
      return 0;
  }
}

/** The value a document sorts by for one key: missing → null; arrays → min (ascending) or max (descending). */
function sortKey(doc: Doc, path: string, direction: number): unknown {
  const values = valuesAtPath(doc, path).map((value) => (value === EMPTY_ARRAY ? undefined : value));
  if (values.length === 0) return null;
  let best = values[0];
  for (const value of values.slice(1)) {
    const cmp = compareValues(value, best);
    if ((direction > 0 && cmp < 0) || (direction < 0 && cmp > 0)) best = value;
  }
  return best;
}

export type Scores = Map<Doc, number>;

export function isTextScoreMeta(value: unknown): boolean {
  return isPlainObject(value) && value.$meta === 'textScore';
}

/**
 * Sort documents by a sort spec; `{ $meta: 'textScore' }` keys sort by score, highest first.
 * Sort keys are computed once per document, then compared (stable: ties keep natural order).
 */
export function sortDocuments(docs: Doc[], spec: Document, scores?: Scores): Doc[] {
  const keys = Object.entries(spec).map(([path, direction]) => {
    if (isTextScoreMeta(direction)) {
      if (!scores) throw new CommandError('BadValue', 'query requires text score metadata, but it is not available');
      return { path, meta: true, direction: -1 };
    }
    const n = toNumber(direction, NaN);
    if (n !== 1 && n !== -1) throw new CommandError('BadValue', `$sort key ordering must be 1 (for ascending) or -1 (for descending)`);
    return { path, meta: false, direction: n };
  });
  const decorated = docs.map((doc) => ({
    doc,
    values: keys.map((key) => (key.meta ? (scores?.get(doc) ?? 0) : sortKey(doc, key.path, key.direction))),
  }));
  decorated.sort((a, b) => {
    for (let i = 0; i < keys.length; i++) {
      const cmp = compareValues(a.values[i], b.values[i]);
      if (cmp) return cmp * (keys[i] as { direction: number }).direction;
    }
    return 0;
  });
  return decorated.map((entry) => entry.doc);
}

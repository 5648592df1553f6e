// The find projection operators on arrays, as mongod applies them: `$slice` (which alone keeps every other field: it
// does not make a projection an inclusion) and `$elemMatch` (the first element matching a query, scalar arrays
// included; it makes the projection an inclusion and its field comes after the others).
import type { Document } from 'bson';
import { CommandError } from './errors';
import { compileQuery } from './matcher';
import type { Matcher } from './matcher';
import { isPlainObject, toNumber } from './values';
import type { Doc } from './values';

export interface ArrayProjections {
  /** The rest of the projection, for mingo. */
  fields: Document;
  slices: Array<[string, number | [number, number]]>;
  elemMatches: Array<[string, Matcher]>;
  /** Whether the projection lists what to keep (rather than what to drop). */
  inclusion: boolean;
}

/** Take `$slice` and `$elemMatch` out of a projection (without `$meta` fields). */
export function splitArrayProjections(projection: Document): ArrayProjections {
  const split: ArrayProjections = { fields: {}, slices: [], elemMatches: [], inclusion: false };
  for (const [field, value] of Object.entries(projection)) {
    const operator = isPlainObject(value) && Object.keys(value).length === 1 ? Object.keys(value)[0] : undefined;
    const slice = operator === '$slice' ? sliceSpec((value as Document).$slice) : undefined;
    if (slice !== undefined) {
      split.slices.push([field, slice]);
    } else if (operator === '$elemMatch') {
      split.elemMatches.push([field, elemMatcher(field, (value as Document).$elemMatch)]);
      split.inclusion = true;
    } else {
      split.fields[field] = value;
      if (value !== false && toNumber(value, 1) !== 0) split.inclusion = true;
    }
  }
  return split;
}

/** The projection mingo runs: an inclusion also includes the array fields we fill in afterwards. */
export function mingoProjection(split: ArrayProjections): Document {
  if (!split.inclusion) return split.fields;
  const out: Document = { ...split.fields };
  for (const [field] of [...split.slices, ...split.elemMatches]) out[field] = 1;
  return out;
}

/** Fill in the `$slice` / `$elemMatch` fields of `projected` from the stored `source`. */
export function applyArrayProjections(projected: Doc, source: Doc, split: ArrayProjections): Doc {
  for (const [field, spec] of split.slices) {
    const value = valueAt(source, field);
    if (Array.isArray(value)) setCopying(projected, field.split('.'), slice(value, spec));
  }
  for (const [field, matcher] of split.elemMatches) {
    const value = source[field] as unknown;
    delete projected[field];
    const found = Array.isArray(value) ? value.find((element) => matcher.test({ [field]: [element] })) : undefined;
    if (found !== undefined) projected[field] = [found];
  }
  return projected;
}

/** `$slice: n` or `$slice: [skip, limit]` (numbers); anything else is an aggregation expression, left to mingo. */
function sliceSpec(spec: unknown): number | [number, number] | undefined {
  if (Array.isArray(spec)) {
    if (spec.length !== 2 || !spec.every((n) => !Number.isNaN(toNumber(n, NaN)))) return undefined;
    const [skip, limit] = spec.map((n) => toNumber(n)) as [number, number];
    if (limit <= 0) throw new CommandError('BadValue', `$slice limit must be positive`);
    return [skip, limit];
  }
  const n = toNumber(spec, NaN);
  return Number.isNaN(n) ? undefined : n;
}

function slice(array: unknown[], spec: number | [number, number]): unknown[] {
  if (typeof spec === 'number') return spec >= 0 ? array.slice(0, spec) : array.slice(Math.max(0, array.length + spec));
  const [skip, limit] = spec;
  const start = skip < 0 ? Math.max(0, array.length + skip) : skip;
  return array.slice(start, start + limit);
}

/** mongod parses `{ f: { $elemMatch: q } }` as a query and keeps the first element `e` for which `{ f: [e] }` matches. */
function elemMatcher(field: string, condition: unknown): Matcher {
  if (field.includes('.')) throw new CommandError('BadValue', 'Cannot use $elemMatch projection on a nested field.');
  if (!isPlainObject(condition)) throw new CommandError('BadValue', 'elemMatch: Invalid argument, object required.');
  return compileQuery({ [field]: { $elemMatch: condition } });
}

function valueAt(doc: Doc, path: string): unknown {
  let current: unknown = doc;
  for (const part of path.split('.')) current = isPlainObject(current) ? current[part] : undefined;
  return current;
}

/** Set a dotted path through plain objects, copying each one on the way (they may be shared with the stored document). */
function setCopying(doc: Doc, parts: string[], value: unknown): void {
  const [head, ...rest] = parts as [string, ...string[]];
  if (rest.length === 0) {
    doc[head] = value;
    return;
  }
  const next = doc[head] as unknown;
  if (!isPlainObject(next)) return;
  const copy = { ...next };
  doc[head] = copy;
  setCopying(copy, rest, value);
}

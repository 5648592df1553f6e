// Query operators where mingo's semantics differ from mongod's, registered over mingo's own: $type (BSON types),
// $all (a scalar field is matched like an equality), the range comparisons (BSON order within a type bracket, so
// Long, Binary and UUID compare as mongod compares them) and refusals for what the embedded server does not run.
import { Query } from 'mingo/query';
import { compareValues, typeRank } from './compare';
import { CommandError } from './errors';
import { bsonTypeName, isOperatorObject, isPlainObject, toNumber } from './values';

type Predicate = (doc: unknown) => boolean;
type QueryOperator = (selector: string, value: unknown, options: unknown) => Predicate;

/**
 * The values a dotted path reaches, through arrays of documents like mongod's matcher; a terminal array is returned
 * whole (callers look at it and at its elements). A path that ends early (missing field, scalar on the way) gives
 * `undefined`, which compares like null.
 */
function reach(value: unknown, parts: string[], i = 0, out: unknown[] = []): unknown[] {
  if (i === parts.length) {
    out.push(value);
    return out;
  }
  const part = parts[i] as string;
  if (Array.isArray(value)) {
    if (/^\d+$/.test(part)) reach(value[Number(part)], parts, i + 1, out);
    const documents = value.filter(isPlainObject);
    for (const item of documents) reach(item, parts, i, out);
    if (documents.length === 0 && !/^\d+$/.test(part)) out.push(undefined);
    return out;
  }
  if (isPlainObject(value)) reach(value[part], parts, i + 1, out);
  else out.push(undefined);
  return out;
}

/** The values a comparison looks at: the field's value, and the elements of an array value. */
function candidates(selector: string, doc: unknown): unknown[] {
  return reach(doc, selector.split('.')).flatMap((value) => (Array.isArray(value) ? [...value, value] : [value]));
}

function rangeOperator(accepts: (order: number) => boolean): QueryOperator {
  return (selector, value) => (doc) =>
    candidates(selector, doc).some((candidate) => typeRank(candidate) === typeRank(value) && accepts(compareValues(candidate, value)));
}

const TYPE_CODES: Record<number, string> = {
  1: 'double', 2: 'string', 3: 'object', 4: 'array', 5: 'binData', 6: 'undefined', 7: 'objectId', 8: 'bool', 9: 'date',
  10: 'null', 11: 'regex', 12: 'dbPointer', 13: 'javascript', 14: 'symbol', 15: 'javascriptWithScope', 16: 'int',
  17: 'timestamp', 18: 'long', 19: 'decimal', [-1]: 'minKey', 127: 'maxKey',
};
const TYPE_NAMES = new Set([...Object.values(TYPE_CODES), 'number']);
const NUMBER_TYPES = new Set(['double', 'int', 'long', 'decimal']);

/** The type names a `$type` argument stands for, refused like mongod when unknown. */
function typeNames(spec: unknown): Set<string> {
  const names = new Set<string>();
  for (const item of Array.isArray(spec) ? spec : [spec]) {
    if (typeof item === 'string') {
      if (!TYPE_NAMES.has(item)) throw new CommandError('BadValue', `Unknown type name alias: ${item}`);
      names.add(item);
      continue;
    }
    const code = toNumber(item, NaN);
    if (Number.isNaN(code)) throw new CommandError('TypeMismatch', 'type must be represented as a number or a string');
    const name = TYPE_CODES[code];
    if (!name) throw new CommandError('BadValue', `Invalid numerical type code: ${code}`);
    names.add(name);
  }
  if (names.has('number')) for (const name of NUMBER_TYPES) names.add(name);
  return names;
}

const $type: QueryOperator = (selector, spec) => {
  const names = typeNames(spec);
  const matches = (value: unknown) => names.has(bsonTypeName(value));
  return (doc) =>
    reach(doc, selector.split('.')).some((value) => value !== undefined && (matches(value) || (Array.isArray(value) && value.some(matches))));
};

/** `{ f: { $all: [a, b] } }` is `{ $and: [{ f: a }, { f: b }] }` (so it matches a scalar `f` too); [] matches nothing. */
const $all: QueryOperator = (selector, values, options) => {
  if (!Array.isArray(values)) throw new CommandError('BadValue', '$all needs an array');
  const clauses = values.map((item: unknown) => {
    if (isPlainObject(item) && '$elemMatch' in item) return new Query({ [selector]: item }, options as never);
    if (isOperatorObject(item)) throw new CommandError('BadValue', 'no $ expressions in $all');
    return new Query({ [selector]: item instanceof RegExp ? item : { $eq: item } }, options as never);
  });
  return (doc) => clauses.length > 0 && clauses.every((clause) => clause.test(doc as never));
};

function unsupported(operator: string): QueryOperator {
  return () => {
    throw new CommandError('NotImplemented', `${operator} is not supported by the embedded MongoDB server`);
  };
}

export const QUERY_OPERATORS: Record<string, QueryOperator> = {
  $type,
  $all,
  $gt: rangeOperator((order) => order > 0),
  $gte: rangeOperator((order) => order >= 0),
  $lt: rangeOperator((order) => order < 0),
  $lte: rangeOperator((order) => order <= 0),
  $where: unsupported('$where'),
  $near: unsupported('$near'),
  $nearSphere: unsupported('$nearSphere'),
  $geoWithin: unsupported('$geoWithin'),
  $geoIntersects: unsupported('$geoIntersects'),
};

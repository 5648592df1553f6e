// Value helpers: deep copies that keep BSON classes, canonical hash keys, path extraction, shell-style printing.
import { Binary, BSONRegExp, BSONSymbol, Code, DBRef, Decimal128, Double, Int32, Long, MaxKey, MinKey, ObjectId, Timestamp } from 'bson';
import type { Document } from 'bson';

export type Doc = Document;

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/** Deep copy of plain objects, arrays and Dates; BSON value classes are immutable in practice and shared. */
export function cloneValue<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item: unknown) => cloneValue(item)) as T;
  if (value instanceof Date) return new Date(value.getTime()) as T;
  if (value instanceof Binary) return new Binary(Buffer.from(value.buffer), value.sub_type) as T;
  if (isPlainObject(value)) {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value)) out[key] = cloneValue(value[key]);
    return out as T;
  }
  return value;
}

export function cloneDoc(doc: Doc): Doc {
  return cloneValue(doc);
}

/** A number from an int32 / double / Long / Int32 / Double / Decimal128 command field. */
export function toNumber(value: unknown, fallback = 0): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  if (value instanceof Long) return value.toNumber();
  if (value instanceof Int32 || value instanceof Double) return value.valueOf();
  if (value instanceof Decimal128) return Number(value.toString());
  if (typeof value === 'boolean') return value ? 1 : 0;
  return fallback;
}

function numericKey(n: number): string {
  if (Number.isNaN(n)) return 'nNaN';
  return 'n' + String(n === 0 ? 0 : n);
}

/**
 * Canonical string for hash-map keys: equal under MongoDB's index comparison gives the same string
 * (numbers of any BSON type compare by value, missing and null share a key, documents keep field order).
 */
export function keyOf(value: unknown): string {
  if (value === undefined || value === null) return 'N';
  switch (typeof value) {
    case 'string':
      return 's' + value;
    case 'number':
      return numericKey(value);
    case 'boolean':
      return value ? 'bT' : 'bF';
    case 'bigint':
      return Number.isSafeInteger(Number(value)) ? numericKey(Number(value)) : 'n' + value.toString();
    default:
      break;
  }
  if (value instanceof Date) return 'd' + value.getTime();
  if (value instanceof ObjectId) return 'o' + value.toHexString();
  if (Array.isArray(value)) return '[' + value.map((item) => lengthPrefixed(keyOf(item))).join('') + ']';
  if (isPlainObject(value)) {
    let out = '{';
    for (const key of Object.keys(value)) out += lengthPrefixed(key) + lengthPrefixed(keyOf(value[key]));
    return out + '}';
  }
  if (value instanceof Long) {
    const n = value.toNumber();
    return Number.isSafeInteger(n) ? numericKey(n) : 'n' + value.toString();
  }
  if (value instanceof Int32 || value instanceof Double) return numericKey(value.valueOf());
  if (value instanceof Decimal128) return numericKey(Number(value.toString()));
  if (value instanceof Binary) return 'x' + value.sub_type + ':' + Buffer.from(value.buffer).toString('base64');
  if (value instanceof RegExp) return 'r' + value.source + '/' + value.flags;
  if (value instanceof Timestamp) return 't' + value.toString();
  const tagged = value as { _bsontype?: string; toString(): string };
  return 'u' + (tagged._bsontype ?? 'obj') + ':' + tagged.toString();
}

export function lengthPrefixed(text: string): string {
  return text.length + ':' + text;
}

/** mongo-shell style rendering used in E11000 messages: strings in double quotes, ObjectId('…'), new Date(ms). */
export function formatValue(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (value === null) return 'null';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (value instanceof Date) return `new Date(${value.getTime()})`;
  if (value instanceof ObjectId) return `ObjectId('${value.toHexString()}')`;
  if (value instanceof Long) return value.toString();
  if (value instanceof Decimal128) return `NumberDecimal("${value.toString()}")`;
  if (Array.isArray(value)) return '[ ' + value.map(formatValue).join(', ') + ' ]';
  if (isPlainObject(value)) {
    const inner = Object.entries(value).map(([k, v]) => `${k}: ${formatValue(v)}`);
    return inner.length ? '{ ' + inner.join(', ') + ' }' : '{}';
  }
  return String(value);
}

/** Marker for "this path holds an empty array" (mongod indexes [] as undefined). */
export const EMPTY_ARRAY = Symbol('emptyArray');

/**
 * Every value reachable at a dotted path, descending through arrays like a multikey index does.
 * Returns [] when the path is missing; terminal arrays contribute their elements.
 */
export function valuesAtPath(doc: unknown, path: string): unknown[] {
  return valuesAtParts(doc, path.split('.'));
}

/** `valuesAtPath` with the path already split at its dots (for callers that look the same path up again and again). */
export function valuesAtParts(doc: unknown, parts: readonly string[]): unknown[] {
  const out: unknown[] = [];
  collect(doc, parts, 0, out);
  return out;
}

/** What `singleValueAtParts` returns when the path runs into an array (then `valuesAtParts` has the answer). */
export const THROUGH_ARRAY = Symbol('throughArray');

/**
 * The one value at a path that meets no array on the way nor at its end (undefined when it is missing): the
 * common case of `valuesAtParts`, without building its array. THROUGH_ARRAY when there is an array.
 */
export function singleValueAtParts(doc: unknown, parts: readonly string[]): unknown {
  let value = doc;
  for (const part of parts) {
    if (Array.isArray(value)) return THROUGH_ARRAY;
    if (!isPlainObject(value) || !Object.prototype.hasOwnProperty.call(value, part)) return undefined;
    value = value[part];
  }
  return Array.isArray(value) ? THROUGH_ARRAY : value;
}

function collect(value: unknown, parts: readonly string[], i: number, out: unknown[]): void {
  if (i === parts.length) {
    if (Array.isArray(value)) {
      if (value.length === 0) out.push(EMPTY_ARRAY);
      else for (const item of value) out.push(item);
    } else if (value !== undefined) {
      out.push(value);
    }
    return;
  }
  const part = parts[i] as string;
  if (Array.isArray(value)) {
    if (/^\d+$/.test(part)) collect(value[Number(part)], parts, i + 1, out);
    for (const item of value) if (isPlainObject(item)) collect(item, parts, i, out);
    return;
  }
  if (isPlainObject(value)) {
    if (Object.prototype.hasOwnProperty.call(value, part)) collect(value[part], parts, i + 1, out);
  }
}

/** Plain (non-multikey) lookup of a dotted path, used for TTL fields and index key values. */
export function getPath(doc: unknown, path: string): unknown {
  let current: unknown = doc;
  for (const part of path.split('.')) {
    if (Array.isArray(current) && /^\d+$/.test(part)) current = current[Number(part)];
    else if (isPlainObject(current)) current = current[part];
    else return undefined;
    if (current === undefined) return undefined;
  }
  return current;
}

/** Set a dotted path, creating plain objects on the way (used to seed upserts). */
export function setPath(doc: Doc, path: string, value: unknown): void {
  const parts = path.split('.');
  let current: Record<string, unknown> = doc;
  for (let i = 0; i < parts.length - 1; i++) {
    const part = parts[i] as string;
    const next = current[part];
    if (!isPlainObject(next)) current[part] = {};
    current = current[part] as Record<string, unknown>;
  }
  current[parts[parts.length - 1] as string] = value;
}

/** Return a copy of `doc` with `_id` as its first field (mongod always stores it first). */
export function idFirst(doc: Doc): Doc {
  const keys = Object.keys(doc);
  if (keys[0] === '_id' || !('_id' in doc)) return doc;
  const out: Doc = { _id: doc._id };
  for (const key of keys) if (key !== '_id') out[key] = doc[key];
  return out;
}

export function isOperatorObject(value: unknown): value is Record<string, unknown> {
  if (!isPlainObject(value)) return false;
  const keys = Object.keys(value);
  return keys.length > 0 && keys.every((key) => key.startsWith('$'));
}

/** Whether a JS number is sent as a BSON int32 (the bson library's rule): integral, in range and not -0. */
function isInt32(value: number): boolean {
  return Number.isInteger(value) && value >= -0x80000000 && value <= 0x7fffffff && !Object.is(value, -0);
}

/**
 * mongod's name for the BSON type of a value ("string", "int", "objectId", …), as used in $type and error messages.
 * Commands are deserialized with promoteValues, so int32 and double arrive as JS numbers: a number is "int" when the
 * bson library would serialize it as an int32, "double" otherwise.
 */
export function bsonTypeName(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return 'string';
    case 'boolean':
      return 'bool';
    case 'number':
      return isInt32(value) ? 'int' : 'double';
    case 'bigint':
      return 'long';
    default:
      break;
  }
  if (Array.isArray(value)) return 'array';
  if (isPlainObject(value) || value instanceof DBRef) return 'object';
  if (value instanceof Date) return 'date';
  if (value instanceof ObjectId) return 'objectId';
  if (value instanceof Binary) return 'binData';
  if (value instanceof Long) return 'long';
  if (value instanceof Int32) return 'int';
  if (value instanceof Double) return 'double';
  if (value instanceof Decimal128) return 'decimal';
  if (value instanceof RegExp || value instanceof BSONRegExp) return 'regex';
  if (value instanceof Timestamp) return 'timestamp';
  if (value instanceof Code) return 'javascript';
  if (value instanceof BSONSymbol) return 'symbol';
  if (value instanceof MinKey) return 'minKey';
  if (value instanceof MaxKey) return 'maxKey';
  return 'object';
}

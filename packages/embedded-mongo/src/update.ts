// Applying update documents (operators through mingo, replacements, pipelines) and seeding upserts.
import { updateOne } from 'mingo';
import * as updateOperators from 'mingo/operators/update';
import { Long, ObjectId } from 'bson';
import type { Document } from 'bson';
import { CommandError } from './errors';
import { cloneDoc, cloneValue, formatValue, getPath, idFirst, isOperatorObject, isPlainObject, keyOf, setPath } from './values';
import type { Doc } from './values';

export type UpdateSpec = Document | Document[];

export interface ApplyOptions {
  arrayFilters?: Document[];
  /** The query filter (for the positional `$` operator). */
  filter?: Document;
  /** True when building the document an upsert inserts ($setOnInsert applies). */
  inserting?: boolean;
}

export function isReplacement(update: UpdateSpec): update is Document {
  return !Array.isArray(update) && Object.keys(update).every((key) => !key.startsWith('$'));
}

export function validateUpdate(update: unknown): UpdateSpec {
  if (Array.isArray(update)) return update as Document[];
  if (!isPlainObject(update)) throw new CommandError('FailedToParse', 'Update argument must be either an object or an array');
  const keys = Object.keys(update);
  const operators = keys.filter((key) => key.startsWith('$'));
  if (operators.length && operators.length !== keys.length) {
    const plain = keys.find((key) => !key.startsWith('$'));
    throw new CommandError('FailedToParse', `Unknown modifier: ${plain}. Expected a valid update modifier or pipeline-style update specified as an array`);
  }
  return update;
}

/** New version of `doc` after the update (the stored `doc` is left untouched) and whether anything changed. */
export function applyUpdate(doc: Doc, update: UpdateSpec, options: ApplyOptions = {}): { doc: Doc; modified: boolean } {
  if (isReplacement(update)) {
    if ('_id' in update && keyOf(update._id) !== keyOf(doc._id)) {
      throw new CommandError(
        'ImmutableField',
        `After applying the update, the (immutable) field '_id' was found to have been altered to _id: ${formatValue(update._id)}`,
      );
    }
    const next = idFirst({ ...cloneDoc(update), _id: doc._id });
    return { doc: next, modified: keyOf(next) !== keyOf(doc) };
  }
  const working = [cloneDoc(doc)];
  const inserting = options.inserting === true;
  let modifier: UpdateSpec = update;
  if (!Array.isArray(update)) {
    const prepared = prepareOperators(update, doc, inserting);
    modifier = prepared.modifier;
    if (inserting && prepared.newId !== undefined) (working[0] as Doc)._id = prepared.newId;
    if (Object.keys(modifier).length === 0) return { doc: idFirst(working[0] as Doc), modified: false };
  }
  const positional =
    !Array.isArray(modifier) &&
    Object.values(modifier).some(
      (fields) => isPlainObject(fields) && Object.keys(fields).some((path) => path.endsWith('.$') || path.includes('.$.')),
    );
  if (positional && inserting) {
    throw new CommandError('BadValue', 'The positional operator did not find the match needed from the query.');
  }
  const next = working[0] as Doc;
  let modified: boolean;
  try {
    modified = positional || Array.isArray(modifier)
      ? updateOne(working, positional ? (options.filter ?? {}) : {}, modifier as never, { arrayFilters: options.arrayFilters, cloneMode: 'deep' }).modifiedCount > 0
      : applyOperators(next, modifier, options.arrayFilters ?? []);
  } catch (err) {
    throw translateUpdateError(err);
  }
  const result = working[0] as Doc;
  if (!inserting && keyOf(result._id) !== keyOf(doc._id)) {
    throw new CommandError('ImmutableField', "Performing an update on the path '_id' would modify the immutable field '_id'");
  }
  return { doc: idFirst(result), modified };
}

type OperatorFn = (expr: Document, arrayFilters: Document[]) => (obj: Doc) => string[];
const OPERATORS = updateOperators as unknown as Record<string, OperatorFn>;

/** Apply `$op: { path: value }` operators in place with mingo's operator functions (no per-call context copies). */
function applyOperators(target: Doc, modifier: Document, arrayFilters: Document[]): boolean {
  checkConflicts(modifier);
  const longPaths = prepareArithmetic(target, modifier);
  let modified = false;
  for (const [operator, expr] of Object.entries(modifier)) {
    const fn = Object.prototype.hasOwnProperty.call(OPERATORS, operator) ? OPERATORS[operator] : undefined;
    if (!fn) {
      throw new CommandError('FailedToParse', `Unknown modifier: ${operator}. Expected a valid update modifier or pipeline-style update specified as an array`);
    }
    if (fn(expr as Document, arrayFilters)(target).length > 0) modified = true;
  }
  for (const path of longPaths) {
    const value = getPath(target, path);
    if (typeof value === 'number') replaceAtPath(target, path, Long.fromNumber(value));
  }
  return modified;
}

/**
 * mingo's $inc / $mul only know JS numbers: refuse non-numeric targets like mongod (TypeMismatch) and run int64
 * (Long) fields and amounts as numbers, turning the result back into a Long. Returns the paths to convert back.
 */
function prepareArithmetic(target: Doc, modifier: Document): string[] {
  const longPaths: string[] = [];
  for (const operator of ['$inc', '$mul']) {
    const expr = modifier[operator] as unknown;
    if (!isPlainObject(expr)) continue;
    for (const [path, amount] of Object.entries(expr)) {
      if (path.includes('$')) continue;
      if (amount instanceof Long) {
        expr[path] = amount.toNumber();
        longPaths.push(path);
      }
      const current = getPath(target, path);
      if (current === undefined) continue;
      if (current instanceof Long) {
        replaceAtPath(target, path, current.toNumber());
        longPaths.push(path);
      } else if (typeof current !== 'number') {
        const type = current === null ? 'null' : Array.isArray(current) ? 'array' : typeof current === 'object' ? 'object' : typeof current;
        throw new CommandError(
          'TypeMismatch',
          `Cannot apply ${operator} to a value of non-numeric type. {_id: ${formatValue(target._id)}} has the field '${path.split('.').pop() ?? path}' of non-numeric type ${type}`,
        );
      }
    }
  }
  return longPaths;
}

/** Overwrite the value at an existing dotted path (objects and array indexes). */
function replaceAtPath(doc: Doc, path: string, value: unknown): void {
  const parts = path.split('.');
  let current: unknown = doc;
  for (const part of parts.slice(0, -1)) current = (current as Record<string, unknown>)[part];
  if (current && typeof current === 'object') (current as Record<string, unknown>)[parts[parts.length - 1] as string] = value;
}

/** mongod refuses two operators touching the same path or a path and its prefix. */
function checkConflicts(modifier: Document): void {
  const paths: string[] = [];
  for (const [operator, expr] of Object.entries(modifier)) {
    if (!isPlainObject(expr)) continue;
    for (const [path, value] of Object.entries(expr)) {
      paths.push(path);
      if (operator === '$rename' && typeof value === 'string') paths.push(value);
    }
  }
  const normalized = paths.map((path) => path.split('.').filter((part) => !part.startsWith('$')).join('.'));
  for (let i = 0; i < normalized.length; i++) {
    for (let j = i + 1; j < normalized.length; j++) {
      const a = normalized[i] as string;
      const b = normalized[j] as string;
      if (a === b || a.startsWith(b + '.') || b.startsWith(a + '.')) {
        throw new CommandError('ConflictingUpdateOperators', `Updating the path '${paths[j]}' would create a conflict at '${a.length < b.length ? a : b}'`);
      }
    }
  }
}

/** Drop $setOnInsert unless inserting (then it is a $set), and take `_id` out of $set (mingo refuses it). */
function prepareOperators(update: Document, doc: Doc, inserting: boolean): { modifier: Document; newId?: unknown } {
  const out: Document = {};
  let newId: unknown;
  for (const [operator, operand] of Object.entries(update)) {
    if (!isPlainObject(operand)) {
      throw new CommandError('FailedToParse', `Modifiers operate on fields but we found type ${typeof operand} instead.`);
    }
    if (operator === '$setOnInsert' && !inserting) continue;
    const target = operator === '$setOnInsert' ? '$set' : operator;
    let fields: Document = operand;
    if (target === '$set' && '_id' in operand) {
      if (!inserting && keyOf(operand._id) !== keyOf(doc._id)) {
        throw new CommandError('ImmutableField', "Performing an update on the path '_id' would modify the immutable field '_id'");
      }
      if (inserting) newId = operand._id;
      const { _id: _ignored, ...restFields } = operand;
      fields = restFields;
    }
    if (Object.keys(fields).length === 0) continue;
    out[target] = out[target] ? { ...(out[target] as Document), ...fields } : fields;
  }
  return { modifier: out, newId };
}

function translateUpdateError(err: unknown): CommandError {
  if (err instanceof CommandError) return err;
  const message = err instanceof Error ? err.message : String(err);
  if (/Unknown update operator/i.test(message)) {
    return new CommandError('FailedToParse', message.replace(/Unknown update operator: '(.*)'\./, 'Unknown modifier: $1. Expected a valid update modifier or pipeline-style update specified as an array'));
  }
  if (/numeric|number/i.test(message)) return new CommandError('TypeMismatch', message);
  if (/conflict/i.test(message)) return new CommandError('ConflictingUpdateOperators', message);
  if (/immutable field/i.test(message)) return new CommandError('ImmutableField', message);
  return new CommandError('BadValue', message);
}

/** The document an upsert starts from: equality fields of the filter (top level and inside $and). */
export function seedFromFilter(filter: Document): Doc {
  const seed: Doc = {};
  const visit = (clause: Document) => {
    for (const [field, condition] of Object.entries(clause)) {
      if (field === '$and' && Array.isArray(condition)) {
        for (const inner of condition) if (isPlainObject(inner)) visit(inner);
        continue;
      }
      if (field.startsWith('$')) continue;
      if (isOperatorObject(condition)) {
        if ('$eq' in condition) setPath(seed, field, cloneValue(condition.$eq));
        continue;
      }
      if (condition instanceof RegExp) continue;
      setPath(seed, field, cloneValue(condition));
    }
  };
  visit(filter);
  return seed;
}

/** Build the document an upsert inserts. */
export function buildUpsertDocument(filter: Document, update: UpdateSpec, arrayFilters?: Document[]): Doc {
  let doc: Doc;
  if (isReplacement(update)) {
    const seed = seedFromFilter(filter);
    doc = cloneDoc(update);
    if (!('_id' in doc) && '_id' in seed) doc._id = seed._id;
  } else {
    doc = applyUpdate(seedFromFilter(filter), update, { arrayFilters, inserting: true }).doc;
  }
  if (doc._id === undefined) doc = { _id: new ObjectId(), ...doc };
  return idFirst(doc);
}

// Applying update documents (operators through mingo, replacements, pipelines) and seeding upserts.
import { updateOne } from 'mingo';
import * as updateOperators from 'mingo/operators/update';
import { Long, ObjectId } from 'bson';
import type { Document } from 'bson';
import { CommandError } from './errors';
import { checkUpdatedSize } from './limits';
import { compileQuery } from './matcher';
import { checkTargets, resolvePaths } from './update-paths';
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
    return checkedResult(doc, next, keyOf(next) !== keyOf(doc), false);
  }
  const inserting = options.inserting === true;
  if (Array.isArray(update)) {
    const working = [cloneDoc(doc)];
    let modified: boolean;
    try {
      modified = updateOne(working, {}, update as never, { cloneMode: 'deep' }).modifiedCount > 0;
    } catch (err) {
      throw translateUpdateError(err);
    }
    return checkedResult(doc, working[0] as Doc, modified, inserting);
  }
  const next = cloneDoc(doc);
  const prepared = prepareOperators(update, doc, inserting);
  if (inserting && prepared.newId !== undefined) next._id = prepared.newId;
  if (Object.keys(prepared.modifier).length === 0) return { doc: idFirst(next), modified: false };
  if (inserting && hasPositional(prepared.modifier)) {
    throw new CommandError('BadValue', 'The positional operator did not find the match needed from the query.');
  }
  checkConflicts(prepared.modifier, (path, at) => `Updating the path '${path}' would create a conflict at '${at}'`);
  const modifier = resolvePaths(next, prepared.modifier, { filter: options.filter, arrayFilters: options.arrayFilters });
  checkConflicts(modifier, (_path, at) => `Update created a conflict at '${at}'`);
  checkTargets(next, modifier);
  let modified: boolean;
  try {
    modified = applyOperators(next, modifier);
  } catch (err) {
    throw translateUpdateError(err);
  }
  return checkedResult(doc, next, modified, inserting);
}

/** The update's outcome, once it is known not to change `_id` (an upsert's insert may set it) nor to outgrow 16 MiB. */
function checkedResult(original: Doc, result: Doc, modified: boolean, inserting: boolean): { doc: Doc; modified: boolean } {
  if (!inserting && keyOf(result._id) !== keyOf(original._id)) {
    throw new CommandError('ImmutableField', "Performing an update on the path '_id' would modify the immutable field '_id'");
  }
  if (modified && !inserting) checkUpdatedSize(result);
  return { doc: idFirst(result), modified };
}

function hasPositional(modifier: Document): boolean {
  return Object.values(modifier).some((fields) => isPlainObject(fields) && Object.keys(fields).some((path) => path.split('.').includes('$')));
}

type OperatorFn = (expr: Document, arrayFilters: Document[]) => (obj: Doc) => string[];
const OPERATORS: Record<string, OperatorFn> = { ...(updateOperators as unknown as Record<string, OperatorFn>), $pull: pullOperator };

/** Apply `$op: { path: value }` operators (concrete paths only) in place with mingo's operator functions. */
function applyOperators(target: Doc, modifier: Document): boolean {
  const longPaths = prepareArithmetic(target, modifier);
  let modified = false;
  for (const [operator, expr] of Object.entries(modifier)) {
    const fn = Object.prototype.hasOwnProperty.call(OPERATORS, operator) ? OPERATORS[operator] : undefined;
    if (!fn) {
      throw new CommandError('FailedToParse', `Unknown modifier: ${operator}. Expected a valid update modifier or pipeline-style update specified as an array`);
    }
    if (fn(expr as Document, [])(target).length > 0) modified = true;
  }
  for (const path of longPaths) {
    const value = getPath(target, path);
    if (typeof value === 'number') replaceAtPath(target, path, Long.fromNumber(value));
  }
  return modified;
}

/**
 * $pull as mongod decides what to remove: a condition object whose first field is not a field operator is a query
 * on document elements ({ $or: […] } included, which mingo's $pull would wrap and never match), an operator object
 * or regex is tested against each element, anything else is compared for equality.
 */
function pullOperator(expr: Document): (obj: Doc) => string[] {
  const predicates = Object.entries(expr).map(([path, condition]) => [path, pullPredicate(condition)] as const);
  return (obj) => {
    const changed: string[] = [];
    for (const [path, matches] of predicates) {
      const current = getPath(obj, path);
      if (!Array.isArray(current)) continue;
      const kept = current.filter((element) => !matches(element));
      if (kept.length === current.length) continue;
      replaceAtPath(obj, path, kept);
      changed.push(path);
    }
    return changed;
  };
}

/** Operators that apply to a field's value (mongod's "path-accepting keywords"). */
const FIELD_OPERATORS = new Set([
  '$eq', '$ne', '$gt', '$gte', '$lt', '$lte', '$in', '$nin', '$exists', '$type', '$mod', '$regex', '$options', '$size',
  '$all', '$elemMatch', '$not', '$bitsAllSet', '$bitsAllClear', '$bitsAnySet', '$bitsAnyClear',
]);

function pullPredicate(condition: unknown): (element: unknown) => boolean {
  if (isPlainObject(condition) && !FIELD_OPERATORS.has(Object.keys(condition)[0] ?? '')) {
    const query = compileQuery(condition);
    return (element) => isPlainObject(element) && query.test(element);
  }
  if (isPlainObject(condition) || condition instanceof RegExp) {
    const query = compileQuery({ element: condition });
    return (element) => query.test({ element });
  }
  const key = keyOf(condition);
  return (element) => keyOf(element) === key;
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

/**
 * mongod refuses two updates of the same path, or of a path and its prefix: when parsing (literal paths, `$` parts
 * included) and again once positional and array-filter paths are resolved to indexes.
 */
function checkConflicts(modifier: Document, message: (path: string, at: string) => string): void {
  const paths: string[] = [];
  for (const [operator, expr] of Object.entries(modifier)) {
    if (!isPlainObject(expr)) continue;
    for (const [path, value] of Object.entries(expr)) {
      paths.push(path);
      if (operator === '$rename' && typeof value === 'string') paths.push(value);
    }
  }
  for (let i = 0; i < paths.length; i++) {
    for (let j = i + 1; j < paths.length; j++) {
      const a = paths[i] as string;
      const b = paths[j] as string;
      if (a === b || a.startsWith(b + '.') || b.startsWith(a + '.')) {
        throw new CommandError('ConflictingUpdateOperators', message(b, a.length < b.length ? a : b));
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
  checkUpdatedSize(doc, true);
  return idFirst(doc);
}

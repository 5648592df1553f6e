// Update paths the way mongod resolves them before applying an update: the positional `$` becomes the index of the
// array element the filter matched, `$[]` and `$[id]` become every (filtered) index, and each resulting target is
// checked against the document like mongod's update nodes check it. mingo's operators then only see concrete paths.
import type { Document } from 'bson';
import { CommandError } from './errors';
import { compileQuery } from './matcher';
import type { Matcher } from './matcher';
import { bsonTypeName, formatValue, getPath, isPlainObject, setPath } from './values';
import type { Doc } from './values';

export interface PathOptions {
  /** The query filter, for the positional `$`. */
  filter?: Document;
  arrayFilters?: Document[];
}

const ARRAY_FILTER = /^\$\[(\w*)\]$/;

/** A copy of `modifier` whose paths are concrete (field names and array indexes only). */
export function resolvePaths(doc: Doc, modifier: Document, options: PathOptions): Document {
  const filters = compileArrayFilters(options.arrayFilters ?? []);
  let matchedIndex: number | undefined | null = null; // null: not computed yet
  const positional = () => {
    if (matchedIndex === null) matchedIndex = positionalIndex(doc, options.filter ?? {});
    if (matchedIndex === undefined) throw new CommandError('BadValue', 'The positional operator did not find the match needed from the query.');
    return matchedIndex;
  };
  const out: Document = {};
  for (const [operator, expr] of Object.entries(modifier)) {
    const fields: Document = {};
    for (const [path, value] of Object.entries(expr as Document)) {
      const concrete = path.includes('$') ? expandPath(doc, path, positional, filters) : [path];
      for (const target of concrete) {
        // `$[]` and `$[id]` (or `$` and an index) of one operator can land on the same element.
        if (target in fields) throw new CommandError('ConflictingUpdateOperators', `Update created a conflict at '${target}'`);
        fields[target] = value;
      }
    }
    if (Object.keys(fields).length) out[operator] = fields;
  }
  return out;
}

/** Compiled arrayFilters by identifier: each filter's fields all start with its identifier. */
function compileArrayFilters(arrayFilters: Document[]): Map<string, Matcher> {
  const byId = new Map<string, Matcher>();
  for (const filter of arrayFilters) {
    const id = Object.keys(filter)[0]?.split('.')[0];
    if (!id) throw new CommandError('FailedToParse', 'Cannot use an expression without a top-level field name in arrayFilters');
    if (byId.has(id)) throw new CommandError('FailedToParse', `Found multiple array filters with the same top-level field name ${id}`);
    byId.set(id, compileQuery(filter));
  }
  return byId;
}

/** Every concrete path `path` names in `doc`: `$` is the matched index, `$[]` every index, `$[id]` the filtered ones. */
function expandPath(doc: Doc, path: string, positional: () => number, filters: Map<string, Matcher>): string[] {
  let targets: Array<{ parts: string[]; value: unknown }> = [{ parts: [], value: doc }];
  for (const part of path.split('.')) {
    if (part === '$') {
      const index = positional();
      targets = targets.map(({ parts, value }) => ({ parts: [...parts, String(index)], value: child(value, String(index)) }));
      continue;
    }
    const arrayFilter = ARRAY_FILTER.exec(part);
    if (!arrayFilter) {
      targets = targets.map(({ parts, value }) => ({ parts: [...parts, part], value: child(value, part) }));
      continue;
    }
    const id = arrayFilter[1] as string;
    const matcher = id ? filters.get(id) : undefined;
    if (id && !matcher) throw new CommandError('BadValue', `No array filter found for identifier '${id}' in path '${path}'`);
    targets = targets.flatMap(({ parts, value }) => {
      const array = arrayAt(value, parts);
      return array.flatMap((element, i) => (matcher && !matcher.test({ [id]: element }) ? [] : [{ parts: [...parts, String(i)], value: element }]));
    });
  }
  return targets.map(({ parts }) => parts.join('.'));
}

function child(value: unknown, part: string): unknown {
  if (Array.isArray(value)) return /^\d+$/.test(part) ? value[Number(part)] : undefined;
  return isPlainObject(value) ? value[part] : undefined;
}

/** The array an array update (`$[]`, `$[id]`) descends into; mongod refuses a missing or non-array one. */
function arrayAt(value: unknown, parts: string[]): unknown[] {
  const field = parts.join('.');
  if (value === undefined) throw new CommandError('BadValue', `The path '${field}' must exist in the document in order to apply array updates.`);
  if (!Array.isArray(value)) {
    throw new CommandError('BadValue', `Cannot apply array updates to non-array element ${parts[parts.length - 1] ?? field}: ${formatValue(value)}`);
  }
  return value;
}

/**
 * The index of the array element the filter matched (mongod's "elemMatchKey"): for the first condition on a path
 * through an array, the first element that satisfies it on its own.
 */
function positionalIndex(doc: Doc, filter: Document): number | undefined {
  for (const [path, condition] of pathConditions(filter)) {
    const arrayPath = firstArrayPath(doc, path);
    if (!arrayPath) continue;
    const query = compileQuery({ [path]: condition });
    const index = (getPath(doc, arrayPath) as unknown[]).findIndex((element) => {
      const probe: Doc = {};
      setPath(probe, arrayPath, [element]);
      return query.test(probe);
    });
    if (index >= 0) return index;
  }
  return undefined;
}

/** The field conditions of a filter, including those inside $and / $or. */
function pathConditions(filter: Document): Array<[string, unknown]> {
  const out: Array<[string, unknown]> = [];
  for (const [key, condition] of Object.entries(filter)) {
    if ((key === '$and' || key === '$or') && Array.isArray(condition)) {
      for (const clause of condition) if (isPlainObject(clause)) out.push(...pathConditions(clause));
    } else if (!key.startsWith('$')) {
      out.push([key, condition]);
    }
  }
  return out;
}

/** The prefix of `path` that holds the first array on the way down, if any. */
function firstArrayPath(doc: Doc, path: string): string | undefined {
  const parts = path.split('.');
  let current: unknown = doc;
  for (let i = 0; i < parts.length; i++) {
    if (!isPlainObject(current)) return undefined;
    current = current[parts[i] as string];
    if (Array.isArray(current)) return parts.slice(0, i + 1).join('.');
  }
  return undefined;
}

/** Operators that create their target (and the fields leading to it) when it is missing. */
const CREATING = new Set(['$set', '$inc', '$mul', '$min', '$max', '$push', '$addToSet', '$currentDate', '$bit']);

/** Refuse what mongod refuses before changing anything: non-viable paths and array operators on non-arrays. */
export function checkTargets(doc: Doc, modifier: Document): void {
  for (const [operator, expr] of Object.entries(modifier)) {
    for (const [path, value] of Object.entries(expr as Document)) {
      if (operator === '$rename' && typeof value === 'string') existingValue(doc, value, true);
      const current = existingValue(doc, path, CREATING.has(operator));
      if (current !== undefined && !Array.isArray(current)) checkArrayTarget(doc, operator, path, current);
    }
  }
}

function checkArrayTarget(doc: Doc, operator: string, path: string, current: unknown): void {
  const field = path.split('.').pop() ?? path;
  const type = bsonTypeName(current);
  switch (operator) {
    case '$push': {
      const id = '_id' in doc ? `_id: ${formatValue(doc._id)}` : 'no id';
      throw new CommandError('BadValue', `The field '${field}' must be an array but is of type ${type} in document {${id}}`);
    }
    case '$addToSet':
      throw new CommandError('BadValue', `Cannot apply $addToSet to non-array field. Field named '${field}' has non-array type ${type}`);
    case '$pull':
    case '$pullAll':
      throw new CommandError('BadValue', 'Cannot apply $pull to a non-array value');
    case '$pop':
      throw new CommandError('TypeMismatch', `Path '${path}' contains an element of non-array type '${type}'`);
    default:
  }
}

/**
 * The value at a concrete path, undefined when it (or a parent) is missing. When `creating`, a path that runs into a
 * scalar, or names a field inside an array, cannot be created: mongod refuses it with PathNotViable.
 */
function existingValue(doc: Doc, path: string, creating: boolean): unknown {
  const parts = path.split('.');
  let current: unknown = doc;
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] as string;
    const viable = isPlainObject(current) || (Array.isArray(current) && /^\d+$/.test(part));
    if (!viable) {
      if (!creating) return undefined;
      throw new CommandError('PathNotViable', `Cannot create field '${part}' in element {${parts[i - 1]}: ${formatValue(current)}}`);
    }
    current = child(current, part);
    if (current === undefined) return undefined;
  }
  return current;
}

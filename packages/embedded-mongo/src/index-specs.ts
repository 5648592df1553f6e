// createIndexes input → stored spec (like mongod's listIndexes output), default names, conflict rules.
import type { Document } from 'bson';
import { CommandError } from './errors';
import type { IndexSpec } from './indexes';
import { formatValue, isPlainObject, keyOf, toNumber } from './values';

const IGNORED_OPTIONS = new Set(['background', 'ns', 'v', 'dropDups', 'safe', 'w']);
const COMPARED_OPTIONS = [
  'unique',
  'sparse',
  'partialFilterExpression',
  'expireAfterSeconds',
  'weights',
  'default_language',
  'language_override',
  'collation',
  'hidden',
];

export function defaultIndexName(key: Document): string {
  return Object.entries(key)
    .map(([field, direction]) => `${field}_${String(direction)}`)
    .join('_');
}

export function isTextKey(key: Document): boolean {
  return Object.values(key).some((direction) => direction === 'text') || '_fts' in key;
}

/** Validate a requested index and turn it into the stored form (text keys become _fts/_ftsx + weights). */
export function normalizeIndexSpec(raw: Document): IndexSpec {
  if (!isPlainObject(raw.key) || Object.keys(raw.key).length === 0) {
    throw new CommandError('CannotCreateIndex', "The 'key' field is a required property of an index specification");
  }
  const requestedKey = raw.key as Document;
  for (const direction of Object.values(requestedKey)) {
    const valid =
      typeof direction === 'string'
        ? ['text', 'hashed', '2dsphere', '2d'].includes(direction)
        : Number.isFinite(toNumber(direction, NaN)) && toNumber(direction) !== 0;
    if (!valid) {
      throw new CommandError('CannotCreateIndex', `bad index key pattern ${formatValue(requestedKey)}: Unknown index plugin or invalid value`);
    }
  }
  const name = typeof raw.name === 'string' && raw.name ? raw.name : defaultIndexName(requestedKey);
  const spec: IndexSpec = { v: 2, key: {}, name };
  for (const [option, value] of Object.entries(raw)) {
    if (option === 'key' || option === 'name' || IGNORED_OPTIONS.has(option)) continue;
    if (option === 'unique' || option === 'sparse' || option === 'hidden') {
      if (value) spec[option] = true;
      continue;
    }
    if (option === 'expireAfterSeconds') {
      spec.expireAfterSeconds = toNumber(value);
      continue;
    }
    spec[option] = value;
  }
  if (isTextKey(requestedKey) && !('_fts' in requestedKey)) {
    const weights: Document = {};
    const key: Document = {};
    let textPlaced = false;
    for (const [field, direction] of Object.entries(requestedKey)) {
      if (direction === 'text') {
        weights[field] = 1;
        if (!textPlaced) {
          key._fts = 'text';
          key._ftsx = 1;
          textPlaced = true;
        }
      } else {
        key[field] = direction;
      }
    }
    for (const [field, weight] of Object.entries((raw.weights as Document | undefined) ?? {})) {
      weights[field] = toNumber(weight, 1);
    }
    spec.key = key;
    // mongod keeps text weights ordered by field name
    spec.weights = Object.fromEntries(Object.entries(weights).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    spec.default_language = typeof raw.default_language === 'string' ? raw.default_language : 'english';
    spec.language_override = typeof raw.language_override === 'string' ? raw.language_override : 'language';
    spec.textIndexVersion = 3;
  } else {
    spec.key = { ...requestedKey };
  }
  if (name === '_id_' && Object.keys(spec.key).join() !== '_id') {
    throw new CommandError('BadValue', 'The index name \'_id_\' is reserved for the _id index');
  }
  return spec;
}

function sameOptions(a: IndexSpec, b: IndexSpec): boolean {
  return COMPARED_OPTIONS.every((option) => keyOf(a[option] ?? null) === keyOf(b[option] ?? null));
}

function describe(spec: IndexSpec | undefined): string {
  return formatValue(spec);
}

/**
 * mongod's rules for a new index against the existing ones:
 * 'exists' (identical → no-op), 'create', or a thrown IndexOptionsConflict / IndexKeySpecsConflict.
 */
export function checkIndexConflict(requested: IndexSpec, existing: IndexSpec[]): 'exists' | 'create' {
  for (const current of existing) {
    const sameKey = keyOf(current.key) === keyOf(requested.key);
    const sameSignature =
      sameKey &&
      keyOf(current.partialFilterExpression ?? null) === keyOf(requested.partialFilterExpression ?? null) &&
      keyOf(current.collation ?? null) === keyOf(requested.collation ?? null);
    if (current.name === requested.name) {
      // Same name: a different signature (key, partial filter, collation) is a key-spec conflict,
      // the same signature with other options differing is an options conflict, identical is a no-op.
      if (!sameSignature) {
        throw new CommandError(
          'IndexKeySpecsConflict',
          'An existing index has the same name as the requested index. When index names are not specified, they are ' +
            `auto generated and can cause conflicts. Please refer to our documentation. Requested index: ${describe(requested)}, ` +
            `existing index: ${describe(current)}`,
        );
      }
      if (sameOptions(current, requested)) return 'exists';
      throw new CommandError(
        'IndexOptionsConflict',
        `An equivalent index already exists with the same name but different options. Requested index: ${describe(requested)}, existing index: ${describe(current)}`,
      );
    }
    if (sameSignature) {
      throw new CommandError(
        'IndexOptionsConflict',
        sameOptions(current, requested)
          ? `Index already exists with a different name: ${current.name}`
          : `An equivalent index already exists with a different name and options. Requested index: ${describe(requested)}, existing index: ${describe(current)}`,
      );
    }
  }
  if (isTextKey(requested.key) && existing.some((spec) => isTextKey(spec.key))) {
    const other = existing.find((spec) => isTextKey(spec.key));
    throw new CommandError(
      'IndexOptionsConflict',
      `An equivalent index already exists with a different name and options. Requested index: ${describe(requested)}, existing index: ${describe(other)}`,
    );
  }
  return 'create';
}

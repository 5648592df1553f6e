// Secondary indexes as hash maps (index key → document ids): unique checks and equality lookups without scans.
import type { Document } from 'bson';
import { CommandError, duplicateKeyError } from './errors';
import { compileQuery, type Matcher } from './matcher';
import { EMPTY_ARRAY, keyOf, lengthPrefixed, singleValueAtParts, THROUGH_ARRAY, valuesAtParts } from './values';
import type { Doc } from './values';

export interface IndexSpec {
  v: number;
  key: Document;
  name: string;
  unique?: boolean;
  sparse?: boolean;
  partialFilterExpression?: Document;
  expireAfterSeconds?: number;
  weights?: Document;
  default_language?: string;
  language_override?: string;
  textIndexVersion?: number;
  [option: string]: unknown;
}

/** What a collection needs from any index kind (hash or text). */
export interface StoredIndex {
  readonly spec: IndexSpec;
  add(idKey: string, doc: Doc): void;
  remove(idKey: string, doc: Doc): void;
  /** The E11000 error the document would cause, ignoring the document with `idKey` itself. */
  findConflict(doc: Doc, idKey: string): CommandError | null;
}

export interface KeyEntry {
  key: string;
  values: unknown[];
}

const MAX_KEYS_PER_DOC = 10_000;

export class HashIndex implements StoredIndex {
  readonly spec: IndexSpec;
  readonly fields: string[];
  /** Each field's path split at its dots, once. */
  private readonly paths: string[][];
  readonly unique: boolean;
  readonly sparse: boolean;
  readonly partial: boolean;
  private readonly partialQuery?: Matcher;
  private readonly entries: Postings = new Map();
  /** For compound indexes: first field alone → ids, so equality on the prefix also avoids a scan. */
  private readonly prefixEntries?: Postings;

  constructor(
    spec: IndexSpec,
    private readonly ns: string,
  ) {
    this.spec = spec;
    this.fields = Object.keys(spec.key);
    this.paths = this.fields.map((field) => field.split('.'));
    this.unique = spec.unique === true || spec.name === '_id_';
    this.sparse = spec.sparse === true;
    this.partial = spec.partialFilterExpression !== undefined;
    if (spec.partialFilterExpression) this.partialQuery = compileQuery(spec.partialFilterExpression);
    if (this.fields.length > 1) this.prefixEntries = new Map();
  }

  /** Index keys of a document, or null when the document is not in this index (sparse / partial). */
  keysFor(doc: Doc): KeyEntry[] | null {
    if (this.partialQuery && !this.partialQuery.test(doc)) return null;
    // The common case, no arrays on any field's path: one value per field (a missing one counts as null), one key.
    const values: unknown[] = [];
    let present = 0;
    for (const parts of this.paths) {
      const value = singleValueAtParts(doc, parts);
      if (value === THROUGH_ARRAY) break;
      if (value !== undefined) present++;
      values.push(value === undefined ? null : value);
    }
    if (values.length === this.paths.length) {
      if (this.sparse && present === 0) return null;
      if (values.length === 1) return [{ key: keyOf(values[0]), values }];
      let key = '';
      for (const value of values) key += lengthPrefixed(keyOf(value));
      return [{ key, values }];
    }
    const perField = this.paths.map((parts) => valuesAtParts(doc, parts));
    if (this.sparse && perField.every((fieldValues) => fieldValues.length === 0)) return null;
    let combos: KeyEntry[] = [{ key: '', values: [] }];
    for (const values of perField) {
      const options = values.length === 0 ? [null] : dedupe(values);
      const next: KeyEntry[] = [];
      for (const combo of combos) {
        for (const value of options) {
          const part = value === EMPTY_ARRAY ? 'U' : keyOf(value);
          next.push({
            key: this.fields.length === 1 ? part : combo.key + lengthPrefixed(part),
            values: [...combo.values, value === EMPTY_ARRAY ? undefined : value],
          });
          if (next.length > MAX_KEYS_PER_DOC) throw new CommandError('CannotCreateIndex', 'too many index keys');
        }
      }
      combos = next;
    }
    return combos;
  }

  add(idKey: string, doc: Doc): void {
    this.addKeys(idKey, this.keysFor(doc));
  }

  remove(idKey: string, doc: Doc): void {
    this.removeKeys(idKey, this.keysFor(doc));
  }

  findConflict(doc: Doc, idKey: string): CommandError | null {
    return this.unique ? this.conflictFor(this.keysFor(doc), idKey) : null;
  }

  /**
   * Check and, once `apply` is called, make the swap of a document for its new version. None when the new version has
   * the same keys (an update of fields this index does not cover): then it holds nothing but what it held already.
   */
  prepareReplace(idKey: string, oldDoc: Doc, newDoc: Doc): { conflict: CommandError | null; apply: () => void } | null {
    const before = this.keysFor(oldDoc);
    const after = this.keysFor(newDoc);
    if (sameKeys(before, after)) return null;
    return {
      conflict: this.conflictFor(after, idKey),
      apply: () => {
        this.removeKeys(idKey, before);
        this.addKeys(idKey, after);
      },
    };
  }

  addKeys(idKey: string, keys: KeyEntry[] | null): void {
    if (!keys) return;
    for (const { key, values } of keys) {
      addTo(this.entries, key, idKey);
      if (this.prefixEntries) addTo(this.prefixEntries, prefixKey(values[0]), idKey);
    }
  }

  private removeKeys(idKey: string, keys: KeyEntry[] | null): void {
    if (!keys) return;
    for (const { key, values } of keys) {
      removeFrom(this.entries, key, idKey);
      if (this.prefixEntries) removeFrom(this.prefixEntries, prefixKey(values[0]), idKey);
    }
  }

  /** The E11000 error a document with these keys would cause (on a unique index), ignoring the one with `idKey`. */
  conflictFor(keys: KeyEntry[] | null, idKey: string): CommandError | null {
    if (!this.unique) return null;
    if (!keys) return null;
    for (const { key, values } of keys) {
      for (const holder of idsOf(this.entries.get(key))) {
        if (holder === idKey) continue;
        const keyValue: Document = {};
        this.fields.forEach((field, i) => (keyValue[field] = values[i] ?? null));
        return duplicateKeyError(this.ns, this.spec.name, this.spec.key, keyValue);
      }
    }
    return null;
  }

  /** Ids whose key equals one of `values` on a single-field index (or on the first field of a compound one). */
  lookup(values: unknown[]): Set<string> {
    const out = new Set<string>();
    const source = this.fields.length === 1 ? this.entries : this.prefixEntries;
    if (!source) return out;
    for (const value of values) {
      for (const id of idsOf(source.get(this.fields.length === 1 ? keyOf(value) : prefixKey(value)))) out.add(id);
    }
    return out;
  }

  /** Ids for an exact compound key (one value per field, in index order). */
  lookupExact(values: unknown[]): Set<string> {
    const key = values.map((value) => lengthPrefixed(keyOf(value))).join('');
    return new Set(idsOf(this.entries.get(key)));
  }
}

/** Same index keys in the same order (the prefix keys of a compound index follow from them). */
function sameKeys(a: KeyEntry[] | null, b: KeyEntry[] | null): boolean {
  if (a === null || b === null) return a === b;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i]?.key !== b[i]?.key) return false;
  return true;
}

function prefixKey(value: unknown): string {
  return value === undefined ? 'U' : keyOf(value);
}

function dedupe(values: unknown[]): unknown[] {
  if (values.length < 2) return values;
  const seen = new Map<string, unknown>();
  for (const value of values) {
    const key = value === EMPTY_ARRAY ? 'U' : keyOf(value);
    if (!seen.has(key)) seen.set(key, value);
  }
  return [...seen.values()];
}

/** Index key → the ids holding it: one id as a plain string (most keys, every unique one), a Set for several. */
type Postings = Map<string, string | Set<string>>;

function idsOf(entry: string | Set<string> | undefined): Iterable<string> {
  if (entry === undefined) return [];
  return typeof entry === 'string' ? [entry] : entry;
}

function addTo(map: Postings, key: string, id: string): void {
  const entry = map.get(key);
  if (entry === undefined) map.set(key, id);
  else if (typeof entry === 'string') {
    if (entry !== id) map.set(key, new Set([entry, id]));
  } else entry.add(id);
}

function removeFrom(map: Postings, key: string, id: string): void {
  const entry = map.get(key);
  if (entry === undefined) return;
  if (typeof entry === 'string') {
    if (entry === id) map.delete(key);
    return;
  }
  entry.delete(id);
  if (entry.size === 1) map.set(key, entry.values().next().value as string);
  else if (entry.size === 0) map.delete(key);
}

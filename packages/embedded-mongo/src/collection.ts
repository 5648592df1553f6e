// One collection: documents by _id key (insertion order = natural order), its indexes, and index-assisted lookups.
import { UUID } from 'bson';
import type { Document } from 'bson';
import { CommandError, duplicateKeyError } from './errors';
import { checkIndexConflict, isTextKey } from './index-specs';
import { HashIndex } from './indexes';
import type { IndexSpec, KeyEntry, StoredIndex } from './indexes';
import { TextIndex } from './text';
import { getPath, isOperatorObject, isPlainObject, keyOf } from './values';
import type { Doc } from './values';

export const ID_INDEX_SPEC: IndexSpec = { v: 2, key: { _id: 1 }, name: '_id_' };

/**
 * A change as the journal keeps it: the state it leaves (a whole document, not the update that made it), so that
 * replaying a record twice, or over a snapshot taken after it, ends in the same state.
 */
export type ChangeRecord =
  | { o: 'c'; d: string; c: string; options: Document } // collection created
  | { o: 'x'; d: string; c: string } // collection dropped
  | { o: 'X'; d: string } // database dropped
  | { o: 'i'; d: string; c: string; spec: IndexSpec } // index created
  | { o: 'j'; d: string; c: string; name: string } // index dropped
  | { o: 'p'; d: string; c: string; doc: Doc } // document inserted or replaced
  | { o: 'r'; d: string; c: string; id: unknown }; // document removed

export class Collection {
  readonly uuid = new UUID();
  readonly docs = new Map<string, Doc>();
  readonly indexes = new Map<string, StoredIndex>();
  private readonly seq = new Map<string, number>();
  private nextSeq = 0;

  constructor(
    readonly db: string,
    readonly name: string,
    readonly options: Document = {},
    private readonly record: (change: ChangeRecord) => void = () => {},
  ) {}

  get ns(): string {
    return `${this.db}.${this.name}`;
  }

  indexSpecs(): IndexSpec[] {
    return [ID_INDEX_SPEC, ...[...this.indexes.values()].map((index) => index.spec)];
  }

  textIndex(): TextIndex | undefined {
    for (const index of this.indexes.values()) if (index instanceof TextIndex) return index;
    return undefined;
  }

  /** Insert a document that already has its _id. Throws E11000 without changing anything on conflict. */
  insert(doc: Doc): void {
    const idKey = validateId(doc._id);
    const existing = this.docs.get(idKey);
    if (existing) throw duplicateKeyError(this.ns, '_id_', { _id: 1 }, { _id: doc._id });
    // Each hash index's keys are computed once, for the check and for the entry.
    const keys: Array<KeyEntry[] | null> = [];
    for (const index of this.indexes.values()) {
      const indexKeys = index instanceof HashIndex ? index.keysFor(doc) : null;
      const conflict = index instanceof HashIndex ? index.conflictFor(indexKeys, idKey) : index.findConflict(doc, idKey);
      if (conflict) throw conflict;
      keys.push(indexKeys);
    }
    let i = 0;
    for (const index of this.indexes.values()) {
      if (index instanceof HashIndex) index.addKeys(idKey, keys[i] ?? null);
      else index.add(idKey, doc);
      i++;
    }
    this.docs.set(idKey, doc);
    this.seq.set(idKey, this.nextSeq++);
    this.record({ o: 'p', d: this.db, c: this.name, doc });
  }

  /** A document from a snapshot, known to be consistent with the rest: no checks, not journaled again. */
  load(doc: Doc): void {
    const idKey = keyOf(doc._id);
    for (const index of this.indexes.values()) index.add(idKey, doc);
    this.docs.set(idKey, doc);
    this.seq.set(idKey, this.nextSeq++);
  }

  /** Swap a stored document for its new version (same _id). Throws E11000 without changing anything. */
  replace(oldDoc: Doc, newDoc: Doc): void {
    const idKey = keyOf(oldDoc._id);
    // Each index's keys of both versions are computed once; an index whose keys stay the same is left alone.
    const changes: Array<() => void> = [];
    for (const index of this.indexes.values()) {
      if (index instanceof HashIndex) {
        const change = index.prepareReplace(idKey, oldDoc, newDoc);
        if (!change) continue;
        if (change.conflict) throw change.conflict;
        changes.push(change.apply);
        continue;
      }
      const conflict = index.findConflict(newDoc, idKey);
      if (conflict) throw conflict;
      changes.push(() => {
        index.remove(idKey, oldDoc);
        index.add(idKey, newDoc);
      });
    }
    for (const apply of changes) apply();
    this.docs.set(idKey, newDoc);
    this.record({ o: 'p', d: this.db, c: this.name, doc: newDoc });
  }

  remove(doc: Doc): void {
    const idKey = keyOf(doc._id);
    if (!this.docs.has(idKey)) return;
    for (const index of this.indexes.values()) index.remove(idKey, doc);
    this.docs.delete(idKey);
    this.seq.delete(idKey);
    this.record({ o: 'r', d: this.db, c: this.name, id: doc._id });
  }

  getById(id: unknown): Doc | undefined {
    return this.docs.get(keyOf(id));
  }

  /** Returns 'exists' for an identical existing index; builds the index otherwise (E11000 over duplicates). */
  createIndex(spec: IndexSpec): 'exists' | 'created' {
    if (Object.keys(spec.key).join() === '_id' && (spec.name === '_id_' || !spec.name)) return 'exists';
    if (checkIndexConflict(spec, this.indexSpecs()) === 'exists') return 'exists';
    const index: StoredIndex = isTextKey(spec.key) ? new TextIndex(spec) : new HashIndex(spec, this.ns);
    for (const [idKey, doc] of this.docs) {
      const conflict = index.findConflict(doc, idKey);
      if (conflict) {
        throw new CommandError(
          'DuplicateKey',
          `Index build failed: ${this.uuid.toHexString()}: Collection ${this.ns} ( ${this.uuid.toHexString()} ) :: caused by :: ${conflict.message}`,
          conflict.extra,
        );
      }
      index.add(idKey, doc);
    }
    this.indexes.set(spec.name, index);
    this.record({ o: 'i', d: this.db, c: this.name, spec });
    return 'created';
  }

  dropIndex(name: string): void {
    if (this.indexes.delete(name)) this.record({ o: 'j', d: this.db, c: this.name, name });
  }

  /**
   * Documents that may match `filter`: an index lookup when a top-level field (or a field in a top-level $and)
   * is constrained by equality / $in on an indexed field, every document otherwise. Callers still verify with mingo.
   */
  candidates(filter: Document): { docs: Iterable<Doc>; index: string | null } {
    const clauses: Document[] = [filter];
    if (Array.isArray(filter.$and)) clauses.push(...(filter.$and as unknown[]).filter(isPlainObject));
    const equalities = new Map<string, unknown[]>();
    for (const clause of clauses) {
      for (const [field, condition] of Object.entries(clause)) {
        if (field.startsWith('$')) continue;
        const values = equalityValues(condition);
        if (values && !equalities.has(field)) equalities.set(field, values);
      }
    }
    const scan = { docs: this.docs.values(), index: null };
    if (equalities.size === 0) return scan;
    const ids = equalities.get('_id');
    if (ids) return { docs: this.inNaturalOrder(new Set(ids.map(keyOf))), index: '_id_' };
    let best: Set<string> | undefined;
    let bestName: string | null = null;
    for (const index of this.indexes.values()) {
      if (!(index instanceof HashIndex) || index.partial) continue;
      const first = equalities.get(index.fields[0] ?? '');
      if (!first) continue;
      const all = index.fields.map((field) => equalities.get(field));
      let found: Set<string>;
      if (all.every((values) => values?.length === 1)) {
        if (index.sparse && all.every((values) => values?.[0] === null)) continue;
        found = index.fields.length === 1 ? index.lookup(first) : index.lookupExact(all.map((values) => values?.[0]));
      } else {
        if (index.sparse && first.some((value) => value === null)) continue;
        found = index.lookup(first);
      }
      if (!best || found.size < best.size) {
        best = found;
        bestName = index.spec.name;
      }
      if (best.size === 0) break;
    }
    return best ? { docs: this.inNaturalOrder(best), index: bestName } : scan;
  }

  private inNaturalOrder(idKeys: Set<string>): Doc[] {
    if (idKeys.size <= 1) {
      for (const key of idKeys) {
        const doc = this.docs.get(key);
        return doc ? [doc] : [];
      }
      return [];
    }
    const keys = [...idKeys].filter((key) => this.docs.has(key));
    if (keys.length > 1) keys.sort((a, b) => (this.seq.get(a) ?? 0) - (this.seq.get(b) ?? 0));
    return keys.map((key) => this.docs.get(key) as Doc);
  }

  /** TTL monitor pass: remove documents whose indexed date (earliest, for arrays) is older than expireAfterSeconds. */
  expire(now: number): number {
    let removed = 0;
    for (const index of [...this.indexes.values()]) {
      const seconds = index.spec.expireAfterSeconds;
      const fields = Object.keys(index.spec.key);
      if (typeof seconds !== 'number' || fields.length !== 1 || isTextKey(index.spec.key)) continue;
      const field = fields[0] as string;
      for (const doc of [...this.docs.values()]) {
        const value = getPath(doc, field);
        const dates = (Array.isArray(value) ? value : [value]).filter((v): v is Date => v instanceof Date);
        if (!dates.length) continue;
        const earliest = Math.min(...dates.map((date) => date.getTime()));
        if (earliest + seconds * 1000 <= now) {
          this.remove(doc);
          removed++;
        }
      }
    }
    return removed;
  }
}

function validateId(id: unknown): string {
  if (Array.isArray(id)) throw new CommandError('InvalidIdField', "The '_id' value cannot be of type array");
  if (id instanceof RegExp) throw new CommandError('InvalidIdField', "The '_id' value cannot be of type regex");
  return keyOf(id);
}

/** Values a condition pins a field to (plain value, $eq, $in), or null when it is not an equality. */
function equalityValues(condition: unknown): unknown[] | null {
  const usable = (value: unknown) => !(value instanceof RegExp) && !Array.isArray(value) && !isOperatorObject(value);
  if (isOperatorObject(condition)) {
    if ('$eq' in condition && usable(condition.$eq)) return [condition.$eq];
    if (Array.isArray(condition.$in) && condition.$in.every(usable)) return condition.$in as unknown[];
    return null;
  }
  if (isPlainObject(condition)) return Object.keys(condition).some((key) => key.startsWith('$')) ? null : [condition];
  return usable(condition) ? [condition] : null;
}

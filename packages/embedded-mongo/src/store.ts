// Storage in memory: databases → collections, plus the TTL monitor. Every change is also handed to `record` (the
// data directory's journal, when there is one) as the state it leaves behind, so replaying the records rebuilds it.
import type { Document } from 'bson';
import { Collection } from './collection';
import type { ChangeRecord } from './collection';
import { CommandError } from './errors';

export class Store {
  private readonly databases = new Map<string, Map<string, Collection>>();
  private ttlTimer?: NodeJS.Timeout;
  private ttlIntervalMs: number;
  ttlPasses = 0;
  /** Where changes go; replaced by the data directory once it has replayed what is on disk. */
  record: (change: ChangeRecord) => void = () => {};
  /** Called after each TTL pass that removed documents (to make the removals durable). */
  afterExpiry: () => void = () => {};

  constructor(ttlIntervalMs: number) {
    this.ttlIntervalMs = ttlIntervalMs;
  }

  databaseNames(): string[] {
    return [...this.databases.entries()].filter(([, colls]) => colls.size > 0).map(([name]) => name);
  }

  collections(db: string): Collection[] {
    return [...(this.databases.get(db)?.values() ?? [])];
  }

  get(db: string, name: string): Collection | undefined {
    return this.databases.get(db)?.get(name);
  }

  /** The collection, created implicitly like mongod does on first write. */
  ensure(db: string, name: string): Collection {
    validateCollectionName(db, name);
    let colls = this.databases.get(db);
    if (!colls) this.databases.set(db, (colls = new Map()));
    let coll = colls.get(name);
    if (!coll) {
      colls.set(name, (coll = new Collection(db, name, {}, (change) => this.record(change))));
      this.record({ o: 'c', d: db, c: name, options: {} });
    }
    return coll;
  }

  create(db: string, name: string, options: Document): Collection {
    validateCollectionName(db, name);
    if (this.get(db, name)) throw new CommandError('NamespaceExists', `Collection ${db}.${name} already exists.`);
    let colls = this.databases.get(db);
    if (!colls) this.databases.set(db, (colls = new Map()));
    const coll = new Collection(db, name, options, (change) => this.record(change));
    colls.set(name, coll);
    this.record({ o: 'c', d: db, c: name, options });
    return coll;
  }

  drop(db: string, name: string): boolean {
    const dropped = this.databases.get(db)?.delete(name) ?? false;
    if (dropped) this.record({ o: 'x', d: db, c: name });
    return dropped;
  }

  rename(db: string, from: string, toDb: string, to: string): void {
    const source = this.get(db, from);
    if (!source) throw new CommandError('NamespaceNotFound', 'Source collection does not exist');
    const target = this.create(toDb, to, source.options);
    for (const spec of source.indexSpecs().slice(1)) target.createIndex(spec);
    for (const doc of source.docs.values()) target.insert(doc);
    this.drop(db, from);
  }

  dropDatabase(db: string): void {
    if (this.databases.delete(db)) this.record({ o: 'X', d: db });
  }

  /** One TTL monitor pass over every collection; returns the number of documents removed. */
  sweepExpired(now = Date.now()): number {
    let removed = 0;
    for (const colls of this.databases.values()) for (const coll of colls.values()) removed += coll.expire(now);
    this.ttlPasses++;
    if (removed > 0) this.afterExpiry();
    return removed;
  }

  startTtlMonitor(intervalMs = this.ttlIntervalMs): void {
    this.stopTtlMonitor();
    this.ttlIntervalMs = intervalMs;
    this.ttlTimer = setInterval(() => this.sweepExpired(), intervalMs);
    this.ttlTimer.unref();
  }

  get ttlMonitorIntervalMs(): number {
    return this.ttlIntervalMs;
  }

  stopTtlMonitor(): void {
    if (this.ttlTimer) clearInterval(this.ttlTimer);
    this.ttlTimer = undefined;
  }
}

function validateCollectionName(db: string, name: string): void {
  if (!db || /[/\\. "$]/.test(db)) throw new CommandError('InvalidNamespace', `Invalid database name: '${db}'`);
  if (!name || name.includes('$') || name.startsWith('.') || name.includes('\0')) {
    throw new CommandError('InvalidNamespace', `Invalid collection name: ${name}`);
  }
}

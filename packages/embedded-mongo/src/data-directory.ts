// The data directory: a snapshot plus the journal of changes since, a lock so one server at a time uses it.
//
//   LOCK                  the pid of the process serving the directory
//   snapshot.bson         records of the whole state when journal generation G began: a header naming G, the
//                         collections, indexes and documents, and an end marker (a snapshot without it is refused)
//   journal-<G>.log       every change since, written through (O_DSYNC) before the write is acknowledged; the file
//                         grows 64 KiB at a time, zeros ahead of the records (cut off again on close)
//
// Opening replays the snapshot and the journals from generation G on. Zeros after the last record are space grown
// ahead; anything else there (a crash in the middle of a write: a torn or corrupt tail) is cut off with a warning:
// those writes were never acknowledged. Compaction writes a new snapshot beside the old one, fsyncs it, renames it
// into place and starts the next generation; a crash at any step leaves either the old snapshot with its journal or
// the new one, and replaying an older journal over a newer snapshot is harmless because records carry whole states.
import { closeSync, constants, existsSync, mkdirSync, openSync, readFileSync, readdirSync, rmSync, statSync, writeSync } from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Document } from 'bson';
import type { ChangeRecord } from './collection';
import type { EmbeddedLogger } from './context';
import { encodeRecord, JournalWriter, readRecords, zeroFrom } from './journal';
import type { Store } from './store';

const SNAPSHOT = 'snapshot.bson';
const SNAPSHOT_TEMP = 'snapshot.bson.tmp';
const LOCK = 'LOCK';
const JOURNAL = /^journal-(\d{10})\.log$/;
const DEFAULT_COMPACT_MIN_BYTES = 16 * 1024 * 1024;
/** Writes reach the disk before write() returns (O_DSYNC): one system call per group commit instead of two. */
const JOURNAL_FLAGS = constants.O_WRONLY | constants.O_CREAT | constants.O_DSYNC;

/** Directories this process is serving, so a second server in the same process is refused too. */
const openHere = new Set<string>();

export interface DataDirectoryOptions {
  logger?: EmbeddedLogger;
  /** Compact once the journal is larger than this and than the snapshot (default 16 MiB). */
  compactMinBytes?: number;
  /** A write or fsync failed: memory is ahead of the disk, so the server must stop. */
  onFatal: (err: Error) => void;
  /** Write the journal on the serving thread, blocking it until each write is on disk (see JournalWriterOptions.inline). */
  inlineWrites?: boolean;
}

export interface RecoveryReport {
  documents: number;
  journalRecords: number;
  /** Bytes cut off the journal's tail because they were torn or corrupt. */
  truncatedBytes: number;
  ms: number;
}

export class DataDirectory {
  private generation = 0;
  private snapshotBytes = 0;
  private writer?: JournalWriter;

  private constructor(
    readonly dir: string,
    private readonly store: Store,
    private readonly options: DataDirectoryOptions,
  ) {}

  /** Lock `dir` (creating it), load it into `store`, and journal the store's changes from now on. */
  static async open(dir: string, store: Store, options: DataDirectoryOptions): Promise<{ data: DataDirectory; recovery: RecoveryReport }> {
    const resolved = path.resolve(dir);
    mkdirSync(resolved, { recursive: true });
    lock(resolved);
    const data = new DataDirectory(resolved, store, options);
    try {
      const recovery = await data.load();
      store.record = (change) => data.writer?.append(change);
      store.afterExpiry = () => void data.durable().catch(() => {});
      return { data, recovery };
    } catch (err) {
      unlock(resolved);
      throw err;
    }
  }

  /** How many changes have been made so far: a mark to wait for with `durable`. */
  get changeCount(): number {
    return this.writer?.appendedCount ?? 0;
  }

  /** Resolves when the first `upTo` changes (default: all so far) are on disk. */
  durable(upTo?: number): Promise<void> {
    return this.writer?.durable(upTo) ?? Promise.resolve();
  }

  /** Write a snapshot of everything now and start an empty journal. */
  async compact(): Promise<void> {
    await this.durable();
    const writer = this.writer as JournalWriter;
    await writer.exclusive(() => this.writeSnapshot());
  }

  /** Bytes the directory's files take. */
  sizeBytes(): number {
    return readdirSync(this.dir).reduce((sum, name) => sum + statSync(path.join(this.dir, name)).size, 0);
  }

  async close(): Promise<void> {
    this.store.record = () => {};
    await this.writer?.close();
    this.writer = undefined;
    unlock(this.dir);
  }

  private async load(): Promise<RecoveryReport> {
    const started = performance.now();
    rmSync(this.file(SNAPSHOT_TEMP), { force: true });
    if (existsSync(this.file(SNAPSHOT))) this.loadSnapshot();
    let journalRecords = 0;
    let truncatedBytes = 0;
    let last = this.generation;
    let lastRecordBytes = 0;
    let lastFileBytes = 0;
    for (const generation of this.journalGenerations()) {
      const file = this.journalFile(generation);
      if (generation < this.generation) {
        rmSync(file, { force: true });
        continue;
      }
      const buffer = readFileSync(file);
      const { count, validBytes, rejectedBytes } = readRecords(buffer, (record) => this.apply(record));
      journalRecords += count;
      last = generation;
      lastRecordBytes = validBytes;
      lastFileBytes = buffer.length;
      // Zeros after the records are space the journal grew ahead of them, not damage.
      if (rejectedBytes > 0 && !zeroFrom(buffer, validBytes)) {
        truncatedBytes += rejectedBytes;
        this.options.logger?.warn({ file, keptBytes: validBytes, cutBytes: rejectedBytes }, 'embedded mongo: journal tail torn or corrupt (a crash mid-write); cut off');
        await truncate(file, validBytes);
        lastFileBytes = validBytes;
        // Nothing after a damaged record can be trusted, not even in a later generation.
        for (const later of this.journalGenerations().filter((g) => g > generation)) rmSync(this.journalFile(later), { force: true });
        break;
      }
    }
    this.generation = last;
    const file = await open(this.journalFile(last), JOURNAL_FLAGS);
    this.writer = new JournalWriter(file, lastRecordBytes, lastFileBytes, {
      inline: this.options.inlineWrites === true,
      onFlushed: () => this.compactIfLarge(),
      onFatal: this.options.onFatal,
    });
    await syncDirectory(this.dir);
    const documents = this.store.databaseNames().reduce((sum, db) => sum + this.store.collections(db).reduce((n, coll) => n + coll.docs.size, 0), 0);
    return { documents, journalRecords, truncatedBytes, ms: Math.round(performance.now() - started) };
  }

  private loadSnapshot(): void {
    const file = this.file(SNAPSHOT);
    let header: Document | undefined;
    let end: Document | undefined;
    const { count, rejectedBytes } = readRecords(readFileSync(file), (record) => {
      if (!header) header = record;
      else if (record.o === 'end') end = record;
      else this.apply(record, true);
    });
    // Snapshots are renamed into place only once complete and fsynced: a damaged one is not a crash, it is damage.
    if (rejectedBytes > 0 || header?.o !== 'snapshot' || end?.records !== count - 2) {
      throw new Error(`embedded mongo: ${file} is damaged (incomplete or failing its checksums); restore it from a backup or move it away to start empty`);
    }
    this.generation = Number(header.generation);
    this.snapshotBytes = statSync(file).size;
  }

  /** Apply one record to the store without journaling it again. In a snapshot every document is new. */
  private apply(record: Document, fromSnapshot = false): void {
    const change = record as ChangeRecord;
    const store = this.store;
    try {
      switch (change.o) {
        case 'c':
          if (!store.get(change.d, change.c)) store.create(change.d, change.c, change.options);
          break;
        case 'x':
          store.drop(change.d, change.c);
          break;
        case 'X':
          store.dropDatabase(change.d);
          break;
        case 'i':
          store.ensure(change.d, change.c).createIndex(change.spec);
          break;
        case 'j':
          store.get(change.d, change.c)?.dropIndex(change.name);
          break;
        case 'p': {
          const coll = store.get(change.d, change.c) ?? store.ensure(change.d, change.c);
          if (fromSnapshot) {
            coll.load(change.doc);
            break;
          }
          const existing = coll.getById(change.doc._id);
          if (existing) coll.replace(existing, change.doc);
          else coll.insert(change.doc);
          break;
        }
        case 'r': {
          const coll = store.get(change.d, change.c);
          const existing = coll?.getById(change.id);
          if (coll && existing) coll.remove(existing);
          break;
        }
      }
    } catch (err) {
      this.options.logger?.warn({ record: change.o, ns: `${change.d}.${'c' in change ? change.c : ''}`, err: (err as Error).message }, 'embedded mongo: a journal record could not be replayed');
    }
  }

  private async compactIfLarge(): Promise<void> {
    const writer = this.writer as JournalWriter;
    if (writer.bytes > Math.max(this.options.compactMinBytes ?? DEFAULT_COMPACT_MIN_BYTES, this.snapshotBytes)) await this.writeSnapshot();
  }

  /** Only while nothing is being written: the snapshot is the state at the start of the next generation. */
  private async writeSnapshot(): Promise<void> {
    const writer = this.writer as JournalWriter;
    const next = this.generation + 1;
    const snapshot = this.encodeSnapshot(next);
    const journal = await open(this.journalFile(next), JOURNAL_FLAGS | constants.O_TRUNC);
    const temp = this.file(SNAPSHOT_TEMP);
    const handle = await open(temp, 'w');
    try {
      await handle.writeFile(snapshot);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, this.file(SNAPSHOT));
    await syncDirectory(this.dir);
    const previous = writer.switchTo(journal);
    await previous.close();
    await rm(this.journalFile(this.generation), { force: true });
    this.generation = next;
    this.snapshotBytes = snapshot.length;
  }

  /** The whole store as records, in one synchronous pass (nothing can change it meanwhile). */
  private encodeSnapshot(generation: number): Buffer {
    const parts: Buffer[] = [encodeRecord({ o: 'snapshot', generation, at: new Date() })];
    for (const db of this.store.databaseNames()) {
      for (const coll of this.store.collections(db)) {
        parts.push(encodeRecord({ o: 'c', d: db, c: coll.name, options: coll.options }));
        for (const spec of coll.indexSpecs().slice(1)) parts.push(encodeRecord({ o: 'i', d: db, c: coll.name, spec }));
        for (const doc of coll.docs.values()) parts.push(encodeRecord({ o: 'p', d: db, c: coll.name, doc }));
      }
    }
    parts.push(encodeRecord({ o: 'end', records: parts.length - 1 }));
    return Buffer.concat(parts);
  }

  private journalGenerations(): number[] {
    return readdirSync(this.dir)
      .map((name) => JOURNAL.exec(name)?.[1])
      .filter((digits): digits is string => digits !== undefined)
      .map(Number)
      .sort((a, b) => a - b);
  }

  private journalFile(generation: number): string {
    return this.file(`journal-${String(generation).padStart(10, '0')}.log`);
  }

  private file(name: string): string {
    return path.join(this.dir, name);
  }
}

async function truncate(file: string, length: number): Promise<void> {
  const handle = await open(file, 'r+');
  try {
    await handle.truncate(length);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function syncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Take the directory's lock, or say who holds it. A lock left by a process that is gone is taken over. */
function lock(dir: string): void {
  const file = path.join(dir, LOCK);
  if (openHere.has(dir)) throw new Error(`embedded mongo: ${dir} is already in use by this process`);
  if (existsSync(file)) {
    const pid = Number(readFileSync(file, 'utf8').trim());
    if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && isAlive(pid)) {
      throw new Error(`embedded mongo: ${dir} is in use by process ${pid}; one server per data directory (several app instances need MongoDB)`);
    }
  }
  const fd = openSync(file, 'w');
  try {
    writeSync(fd, `${process.pid}\n`);
  } finally {
    closeSync(fd);
  }
  openHere.add(dir);
}

function unlock(dir: string): void {
  openHere.delete(dir);
  rmSync(path.join(dir, LOCK), { force: true });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

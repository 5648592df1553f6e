// The on-disk record format and the journal writer. A record is its payload's length and CRC-32 (little-endian
// uint32 each) followed by the payload, one BSON document. Reading stops at the first record that is short or fails
// its checksum: that is where the records end (zeros after them are a journal's grown, unused space) or where a crash
// tore the file, and nothing after it is trusted.
import { writeSync } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { crc32 } from 'node:zlib';
import { BSON, type Document } from 'bson';
import { DESERIALIZE_OPTIONS } from './wire';

const HEADER_BYTES = 8;
/** Larger than any legal record (a 16 MiB document plus its namespace), so a corrupt length is caught, not allocated. */
const MAX_RECORD_BYTES = 17 * 1024 * 1024;

export function encodeRecord(record: Document): Buffer {
  const payload = BSON.serialize(record, { checkKeys: false, ignoreUndefined: false });
  const out = Buffer.allocUnsafe(HEADER_BYTES + payload.length);
  out.writeUInt32LE(payload.length, 0);
  out.writeUInt32LE(crc32(payload), 4);
  out.set(payload, HEADER_BYTES);
  return out;
}

export interface ReadReport {
  /** Intact records read (and handed to the callback). */
  count: number;
  /** Bytes from the start that hold whole, intact records. */
  validBytes: number;
  /** Bytes after `validBytes` that were not accepted (a torn or corrupt tail). */
  rejectedBytes: number;
}

/** Hand each intact record to `onRecord` in order, one at a time (a 100k-document file is never all decoded at once). */
export function readRecords(buffer: Buffer, onRecord: (record: Document) => void): ReadReport {
  let count = 0;
  let offset = 0;
  while (offset + HEADER_BYTES <= buffer.length) {
    const length = buffer.readUInt32LE(offset);
    const end = offset + HEADER_BYTES + length;
    if (length < 5 || length > MAX_RECORD_BYTES || end > buffer.length) break;
    const payload = buffer.subarray(offset + HEADER_BYTES, end);
    if (crc32(payload) !== buffer.readUInt32LE(offset + 4)) break;
    let record: Document;
    try {
      record = BSON.deserialize(payload, DESERIALIZE_OPTIONS);
    } catch {
      break;
    }
    onRecord(record);
    count++;
    offset = end;
  }
  return { count, validBytes: offset, rejectedBytes: buffer.length - offset };
}

/** Journal files grow by this much at a time, the new space written as zeros ahead of the records (see below). */
export const JOURNAL_GROWTH_BYTES = 64 * 1024;

export interface JournalWriterOptions {
  /**
   * Write on this thread, blocking it until the write is on disk, instead of handing each write to libuv's thread
   * pool. In a thread that serves only the database this answers sooner (no hand-over to a pool thread and back,
   * each a wake-up of another thread); on a thread shared with other work the pool keeps that work running.
   */
  inline: boolean;
  /** Called when everything appended is on disk (compaction checks go here). */
  onFlushed: () => Promise<void>;
  /** A write failed: memory already holds the change, so the server must stop. */
  onFatal: (err: Error) => void;
}

/**
 * Appends records to one file opened O_DSYNC (each write returns once it is on disk, like write + fdatasync) with
 * group commit: everything appended while a write is in flight goes out together in the next one; inline, every
 * record appended by the requests read in one turn of the event loop goes out in one write at the end of the turn.
 * `durable()` resolves once every record appended before the call is on disk. A failed write is fatal: memory
 * already holds the change, so the server must stop rather than diverge from the disk.
 *
 * The file grows ahead of the records, JOURNAL_GROWTH_BYTES at a time, with zeros: writing over space the file
 * already has only puts the data on disk, while an append must also make the new file size durable (on the
 * project's machine about 210 µs per write against 290 µs). Readers stop at the first zero header, which is where
 * the records end; `close()` cuts the zeros off again.
 */
export class JournalWriter {
  private pending: Buffer[] = [];
  private appended = 0;
  private written = 0;
  private waiters: { upTo: number; resolve: () => void; reject: (err: Error) => void }[] = [];
  /** The write in flight, or exclusive work; nothing else touches the file meanwhile. */
  private busy?: Promise<void>;
  private failure?: Error;
  /** The file's length: records up to `bytes`, zeros after them. */
  private allocated: number;

  /** `bytes`: where the records end; the file may hold zeros after them. */
  constructor(
    private file: FileHandle,
    public bytes: number,
    fileBytes: number,
    private readonly options: JournalWriterOptions,
  ) {
    this.allocated = Math.max(bytes, fileBytes);
  }

  append(record: Document): void {
    this.pending.push(encodeRecord(record));
    this.appended++;
  }

  /** How many records have been appended so far (a mark for `durable`). */
  get appendedCount(): number {
    return this.appended;
  }

  /** Resolves when the first `upTo` records (default: all appended so far) are durable. */
  durable(upTo = this.appended): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    if (this.written >= upTo) return Promise.resolve();
    const wait = new Promise<void>((resolve, reject) => this.waiters.push({ upTo, resolve, reject }));
    void this.flush();
    return wait;
  }

  /** From now on write to `file` (new and empty); returns the previous file for the caller to close. Only inside `exclusive`. */
  switchTo(file: FileHandle): FileHandle {
    const previous = this.file;
    this.file = file;
    this.bytes = 0;
    this.allocated = 0;
    return previous;
  }

  /** Run `work` while nothing is written (appends wait in memory), then write what waited. */
  async exclusive(work: () => Promise<void>): Promise<void> {
    while (this.busy) await this.busy;
    const run = work();
    this.busy = run.then(
      () => undefined,
      () => undefined,
    );
    try {
      await run;
    } finally {
      this.busy = undefined;
      if (this.pending.length > 0) void this.flush();
    }
  }

  /** Write what is pending, cut the zeros after the records off, and close the file. */
  async close(): Promise<void> {
    await this.durable().catch(() => {});
    while (this.busy) await this.busy;
    try {
      if (!this.failure && this.allocated > this.bytes) await this.file.truncate(this.bytes);
    } finally {
      await this.file.close();
    }
  }

  private flush(): Promise<void> {
    if (this.busy || this.failure) return this.busy ?? Promise.resolve();
    const run = this.drain();
    this.busy = run;
    return run.finally(() => {
      if (this.busy === run) this.busy = undefined;
      // Appended after the last check of the loop but before this ran: nobody else will write them.
      if (!this.busy && this.pending.length > 0) void this.flush();
    });
  }

  private async drain(): Promise<void> {
    try {
      while (this.pending.length > 0) {
        // Inline: first let the rest of this turn's requests append, so that one write carries them all.
        if (this.options.inline) await new Promise<void>((resolve) => setImmediate(resolve));
        const batch = this.pending.length === 1 ? (this.pending[0] as Buffer) : Buffer.concat(this.pending);
        const upTo = this.appended;
        this.pending = [];
        await this.write(batch);
        this.written = upTo;
        this.waiters = this.waiters.filter((waiter) => (waiter.upTo <= upTo ? (waiter.resolve(), false) : true));
        if (this.pending.length === 0) await this.options.onFlushed();
      }
    } catch (err) {
      this.failure = err as Error;
      for (const waiter of this.waiters) waiter.reject(this.failure);
      this.waiters = [];
      this.options.onFatal(this.failure);
    }
  }

  /** Write `batch` where the records end (through to the disk: the file is opened O_DSYNC), growing the file if needed. */
  private async write(batch: Buffer): Promise<void> {
    const end = this.bytes + batch.length;
    let out = batch;
    let allocated = this.allocated;
    if (end > allocated) {
      allocated = Math.ceil(end / JOURNAL_GROWTH_BYTES) * JOURNAL_GROWTH_BYTES;
      out = Buffer.concat([batch, Buffer.alloc(allocated - end)]);
    }
    let done = 0;
    while (done < out.length) {
      const position = this.bytes + done;
      done += this.options.inline
        ? writeSync(this.file.fd, out, done, out.length - done, position)
        : (await this.file.write(out, done, out.length - done, position)).bytesWritten;
    }
    this.bytes = end;
    this.allocated = allocated;
  }
}

/** Whether every byte of `buffer` from `offset` on is zero (the grown, still unused end of a journal). */
export function zeroFrom(buffer: Buffer, offset: number): boolean {
  for (let i = offset; i < buffer.length; i++) if (buffer[i] !== 0) return false;
  return true;
}

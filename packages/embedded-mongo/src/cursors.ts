// Server-side cursors: results are materialized once, then handed out in batches (firstBatch / nextBatch).
import { randomBytes } from 'node:crypto';
import { BSON, Long } from 'bson';
import type { Document } from 'bson';
import { CommandError } from './errors';
import { toNumber } from './values';
import type { Doc } from './values';

const DEFAULT_FIRST_BATCH = 101;
const MAX_BATCH_BYTES = 16 * 1024 * 1024;
const IDLE_TIMEOUT_MS = 10 * 60 * 1000;

interface OpenCursor {
  id: Long;
  ns: string;
  docs: Doc[];
  position: number;
  lastUsed: number;
}

export interface BatchOptions {
  batchSize?: unknown;
  singleBatch?: boolean;
}

export class CursorRegistry {
  private readonly open = new Map<string, OpenCursor>();

  get size(): number {
    return this.open.size;
  }

  /** The `cursor` field of a find / aggregate / list* reply; registers a cursor when results remain. */
  firstBatch(ns: string, docs: Doc[], options: BatchOptions = {}): Document {
    this.reap();
    const requested = options.batchSize === undefined ? DEFAULT_FIRST_BATCH : toNumber(options.batchSize);
    const batch = requested === 0 ? [] : takeBatch(docs, 0, requested);
    let id = Long.ZERO;
    if (batch.length < docs.length && !options.singleBatch) {
      id = newCursorId();
      this.open.set(id.toString(), { id, ns, docs, position: batch.length, lastUsed: Date.now() });
    }
    return { firstBatch: batch, id, ns };
  }

  getMore(rawId: unknown, collection: unknown, batchSize: unknown): Document {
    const id = rawId instanceof Long ? rawId : Long.fromNumber(toNumber(rawId));
    const cursor = this.open.get(id.toString());
    if (!cursor) throw new CommandError('CursorNotFound', `cursor id ${id.toString()} not found`);
    const collectionName = cursor.ns.slice(cursor.ns.indexOf('.') + 1);
    if (typeof collection === 'string' && collection !== collectionName) {
      throw new CommandError(
        'Unauthorized',
        `Requested getMore on namespace '${cursor.ns.split('.')[0]}.${collection}', but cursor belongs to a different namespace ${cursor.ns}`,
      );
    }
    const size = batchSize === undefined ? 0 : toNumber(batchSize);
    const batch = takeBatch(cursor.docs, cursor.position, size);
    cursor.position += batch.length;
    cursor.lastUsed = Date.now();
    let replyId = cursor.id;
    if (cursor.position >= cursor.docs.length) {
      this.open.delete(id.toString());
      replyId = Long.ZERO;
    }
    return { nextBatch: batch, id: replyId, ns: cursor.ns };
  }

  kill(ids: unknown[]): Document {
    const killed: Long[] = [];
    const notFound: Long[] = [];
    for (const raw of ids) {
      const id = raw instanceof Long ? raw : Long.fromNumber(toNumber(raw));
      if (this.open.delete(id.toString())) killed.push(id);
      else notFound.push(id);
    }
    return { cursorsKilled: killed, cursorsNotFound: notFound, cursorsAlive: [], cursorsUnknown: [] };
  }

  clear(): void {
    this.open.clear();
  }

  private reap(): void {
    const cutoff = Date.now() - IDLE_TIMEOUT_MS;
    for (const [key, cursor] of this.open) if (cursor.lastUsed < cutoff) this.open.delete(key);
  }
}

function newCursorId(): Long {
  const bytes = randomBytes(8);
  bytes[7] = (bytes[7] ?? 0) & 0x7f; // positive
  const id = Long.fromBytesLE([...bytes]);
  return id.isZero() ? Long.ONE : id;
}

/** Up to `count` documents (0 = no count limit) and at most 16 MiB, but always at least one. */
function takeBatch(docs: Doc[], start: number, count: number): Doc[] {
  const end = count > 0 ? Math.min(docs.length, start + count) : docs.length;
  let bytes = 0;
  let i = start;
  for (; i < end; i++) {
    bytes += BSON.calculateObjectSize(docs[i] as Doc);
    if (bytes > MAX_BATCH_BYTES && i > start) break;
  }
  return docs.slice(start, i);
}

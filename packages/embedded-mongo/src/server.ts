// The TCP server: one store shared by every connection on 127.0.0.1, commands answered in order per socket. With a
// data directory, a command that changed anything is answered only once its changes are on disk.
import net from 'node:net';
import { isMainThread } from 'node:worker_threads';
import { IN_MEMORY } from './constants';
import type { EmbeddedLogger, ServerState } from './context';
import { CursorRegistry } from './cursors';
import { DataDirectory, type RecoveryReport } from './data-directory';
import { dispatch } from './dispatch';
import { Faults } from './faults';
import type { EmbeddedFaults } from './faults';
import { Store } from './store';
import { commandDatabase, messageLength, encodeOpMsgReply, encodeOpReply, OP_MSG, parseMessage, serializeReply } from './wire';
import { CommandError } from './errors';

export interface EmbeddedMongoOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** TTL monitor period; mongod's default is 60 s. */
  ttlSweepMs?: number;
  /** Unknown commands and internal failures are reported here (pino-compatible). */
  logger?: EmbeddedLogger;
  /** Keep the data in this directory (created if missing); absent or ':memory:' keeps it in memory only. */
  dataDir?: string;
  /** Compact the data directory once its journal exceeds this many bytes and the snapshot's size (default 16 MiB). */
  compactMinBytes?: number;
  /** The disk refused a write: the server has stopped serving (memory would otherwise run ahead of the disk). */
  onFatal?: (err: Error) => void;
  /**
   * How journal writes wait for the disk: 'inline' blocks the serving thread until the write is on disk (sooner
   * answers; for a thread that only serves the database), 'threadpool' waits on libuv's thread pool (the thread goes on
   * with other work meanwhile). Default: 'inline' in a worker thread (startEmbeddedMongoWorker), 'threadpool' on the
   * main thread. Either way a write is acknowledged only once it is on disk.
   */
  journalWrites?: 'inline' | 'threadpool';
}

export interface EmbeddedMongo {
  /** mongodb://127.0.0.1:PORT — append "/dbname". */
  readonly uri: string;
  readonly port: number;
  readonly faults: EmbeddedFaults;
  /** Names of commands the server did not know, in the order they arrived. */
  readonly unknownCommands: string[];
  /** Run one TTL monitor pass now; returns the number of documents removed. */
  sweepTtl(): number;
  /** Open client connections. */
  connectionCount(): number;
  /** The data directory's absolute path, or null in memory. */
  readonly dataDir: string | null;
  /** What opening the data directory found, or null in memory. */
  readonly recovery: RecoveryReport | null;
  /** Write a snapshot and start an empty journal now (a no-op in memory). */
  compact(): Promise<void>;
  /** Bytes the data directory's files take (0 in memory). */
  dataSizeBytes(): number;
  /** Stop listening, close every connection, and (on disk) finish writing and release the directory. */
  stop(): Promise<void>;
}

export { IN_MEMORY } from './constants';

const HOST = '127.0.0.1';

export async function startEmbeddedMongo(options: EmbeddedMongoOptions = {}): Promise<EmbeddedMongo> {
  const store = new Store(options.ttlSweepMs ?? 60_000);
  const cursors = new CursorRegistry();
  const sockets = new Set<net.Socket>();
  const unknownCommands: string[] = [];
  let connectionCounter = 0;
  let port = options.port ?? 0;
  let stopped = false;

  const state: ServerState = {
    store,
    cursors,
    logger: options.logger,
    unknownCommands,
    startedAt: new Date(),
    port: () => port,
    connectionCount: () => sockets.size,
  };

  const dropConnections = () => {
    for (const socket of sockets) socket.destroy();
    sockets.clear();
  };

  const server = net.createServer((socket) => {
    const connectionId = ++connectionCounter;
    sockets.add(socket);
    socket.setNoDelay(true);
    socket.on('error', () => socket.destroy());
    socket.on('close', () => sockets.delete(socket));
    let chunks: Buffer[] = [];
    let buffered = 0;
    let queue: Promise<void> = Promise.resolve();

    const handle = async (message: Buffer) => {
      if (socket.destroyed) return;
      let incoming;
      try {
        incoming = parseMessage(message);
      } catch (err) {
        options.logger?.warn({ err: (err as Error).message }, 'embedded mongo: unreadable message, closing connection');
        socket.destroy();
        return;
      }
      const ctx = { state, db: commandDatabase(incoming), connectionId };
      const changesBefore = data?.changeCount ?? 0;
      const reply = await dispatch(incoming.command, ctx, faults, incoming.opCode !== OP_MSG);
      // Acknowledge a write only once it is durable. A failed journal write is fatal (onFatal) and closes the socket.
      const durable = data && data.changeCount > changesBefore ? data.durable(data.changeCount) : undefined;
      if (incoming.moreToCome) return void durable?.catch(() => {});
      if (durable) await durable;
      let body: Buffer;
      try {
        body = serializeReply(reply);
      } catch (err) {
        body = serializeReply(new CommandError('BSONObjectTooLarge', (err as Error).message).toReply());
      }
      const bytes = incoming.opCode === OP_MSG ? encodeOpMsgReply(incoming.requestId, body) : encodeOpReply(incoming.requestId, body);
      if (faults.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, faults.delayMs));
      if (!socket.destroyed) socket.write(bytes);
    };

    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      buffered += chunk.length;
      try {
        while (buffered >= 4) {
          let head = chunks[0] as Buffer;
          if (head.length < 4) chunks = [(head = Buffer.concat(chunks))];
          const needed = messageLength(head);
          if (buffered < needed) break;
          const all = chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks);
          const message = all.subarray(0, needed);
          const rest = all.subarray(needed);
          chunks = rest.length ? [rest] : [];
          buffered = rest.length;
          queue = queue.then(() => handle(message)).catch((err: unknown) => {
            options.logger?.warn({ err: (err as Error).message }, 'embedded mongo: failed to answer');
            socket.destroy();
          });
        }
      } catch {
        socket.destroy();
      }
    });
  });

  const listen = () =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, HOST, () => {
        server.off('error', reject);
        const address = server.address();
        if (address && typeof address === 'object') port = address.port;
        resolve();
      });
    });

  const closeListener = () =>
    new Promise<void>((resolve) => {
      if (!server.listening) return resolve();
      server.close(() => resolve());
      dropConnections();
    });

  const faults = new Faults({
    dropConnections,
    setRefusing: async (refuse) => {
      if (stopped) return;
      if (refuse) await closeListener();
      else if (!server.listening) await listen();
    },
  });

  let data: DataDirectory | undefined;
  let recovery: RecoveryReport | null = null;
  if (options.dataDir && options.dataDir !== IN_MEMORY) {
    ({ data, recovery } = await DataDirectory.open(options.dataDir, store, {
      logger: options.logger,
      compactMinBytes: options.compactMinBytes,
      inlineWrites: (options.journalWrites ?? (isMainThread ? 'threadpool' : 'inline')) === 'inline',
      onFatal: (err) => {
        options.logger?.warn({ err: err.message, dataDir: data?.dir }, 'embedded mongo: writing the journal failed; the server stops serving');
        stopped = true;
        store.stopTtlMonitor();
        void closeListener();
        options.onFatal?.(err);
      },
    }));
  }
  try {
    await listen();
  } catch (err) {
    await data?.close();
    throw err;
  }
  store.startTtlMonitor();

  return {
    get uri() {
      return `mongodb://${HOST}:${port}`;
    },
    get port() {
      return port;
    },
    faults,
    unknownCommands,
    sweepTtl: () => store.sweepExpired(),
    connectionCount: () => sockets.size,
    dataDir: data?.dir ?? null,
    recovery,
    compact: async () => data?.compact(),
    dataSizeBytes: () => data?.sizeBytes() ?? 0,
    async stop() {
      if (!stopped) {
        stopped = true;
        store.stopTtlMonitor();
        cursors.clear();
        await closeListener();
        dropConnections();
      }
      const closing = data;
      data = undefined;
      await closing?.close();
    },
  };
}

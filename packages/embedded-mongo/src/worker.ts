// Run the embedded server in a worker thread of this process, reached over TCP like any MongoDB: its queries,
// journal writes and fsyncs run on their own event loop, not the host's. The worker dies with the process.
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { EmbeddedLogger } from './context';
import type { RecoveryReport } from './data-directory';
import type { EmbeddedMongoOptions } from './server';

export { IN_MEMORY } from './constants';

export type WorkerMessage =
  | { type: 'ready'; port: number; dataDir: string | null; recovery: RecoveryReport | null }
  | { type: 'log'; level: 'warn' | 'info'; obj: object; msg?: string }
  | { type: 'fatal'; message: string }
  | { type: 'compacted' }
  | { type: 'stopped' };

export type HostMessage = { type: 'start'; options: object } | { type: 'stop' } | { type: 'compact' };

export interface EmbeddedMongoWorkerOptions extends Pick<EmbeddedMongoOptions, 'port' | 'ttlSweepMs' | 'dataDir' | 'compactMinBytes' | 'journalWrites'> {
  logger?: EmbeddedLogger;
  /**
   * The worker's entry module. Default: worker-entry.ts beside this file, loaded through tsx (a dependency of
   * whoever runs TypeScript source). A bundled build passes its compiled worker-entry.js.
   */
  workerFile?: string | URL;
  /** After start: the server stopped on its own (a failed disk write, a crash of the worker). */
  onFatal?: (err: Error) => void;
}

export interface EmbeddedMongoWorker {
  readonly uri: string;
  readonly port: number;
  readonly dataDir: string | null;
  readonly recovery: RecoveryReport | null;
  /** The worker thread it runs in (a warm one, when that was adopted). */
  readonly threadId: number;
  /** Write a snapshot and start an empty journal now (a no-op in memory). */
  compact(): Promise<void>;
  /** Stop the server (finishing its disk writes) and the thread. */
  stop(): Promise<void>;
}

const DEFAULT_ENTRY = new URL('./worker-entry.ts', import.meta.url);

/**
 * A thread already loading the server's code, waiting for its options (see `prewarmEmbeddedMongoWorker`). One per
 * process, kept on globalThis: a host bundled as two files (an entry that prewarms, the app that starts) has two
 * copies of this module.
 */
const PREWARMED = Symbol.for('@goodtime-help/embedded-mongo:prewarmed');
const perProcess = globalThis as { [PREWARMED]?: { url: string; worker: Worker } };

/**
 * Starts a worker thread loading the server's code before its options are known, so that loading runs beside the
 * host's own start-up; the next `startEmbeddedMongoWorker` with the same entry adopts it. Opens no file and keeps
 * the process alive only once adopted; `discardPrewarmedWorker` ends it when another database is used instead.
 * Returns the warm thread's id.
 */
export function prewarmEmbeddedMongoWorker(workerFile: string | URL = DEFAULT_ENTRY): number {
  const warm = perProcess[PREWARMED];
  if (warm) return warm.worker.threadId;
  const worker = newWorker(workerFile, { deferred: true });
  worker.unref();
  // A thread that died here is not adopted: the start makes a fresh one, which reports its own failure.
  worker.on('error', () => undefined);
  perProcess[PREWARMED] = { url: urlOf(workerFile), worker };
  return worker.threadId;
}

export function discardPrewarmedWorker(): void {
  void perProcess[PREWARMED]?.worker.terminate();
  delete perProcess[PREWARMED];
}

function adoptOrStart(workerFile: string | URL, serverOptions: object): Worker {
  const waiting = perProcess[PREWARMED];
  delete perProcess[PREWARMED];
  if (!waiting || waiting.url !== urlOf(workerFile) || waiting.worker.threadId < 0) {
    void waiting?.worker.terminate();
    return newWorker(workerFile, serverOptions);
  }
  waiting.worker.ref();
  waiting.worker.postMessage({ type: 'start', options: serverOptions } satisfies HostMessage);
  return waiting.worker;
}

export function startEmbeddedMongoWorker(options: EmbeddedMongoWorkerOptions = {}): Promise<EmbeddedMongoWorker> {
  const { logger, workerFile = DEFAULT_ENTRY, onFatal, ...serverOptions } = options;
  const worker = adoptOrStart(workerFile, serverOptions);
  let started = false;
  let stopping: Promise<void> | undefined;

  return new Promise((resolve, reject) => {
    const fail = (err: Error) => {
      if (!started) return reject(err);
      if (!stopping) onFatal?.(err);
    };
    worker.on('error', fail);
    worker.on('exit', (code) => {
      if (!stopping) fail(new Error(`the embedded MongoDB worker exited (code ${code})`));
    });
    worker.on('message', (message: WorkerMessage) => {
      switch (message.type) {
        case 'log':
          if (message.level === 'info') logger?.info?.(message.obj, message.msg);
          else logger?.warn(message.obj, message.msg);
          break;
        case 'fatal':
          fail(new Error(message.message));
          break;
        case 'ready':
          started = true;
          resolve({
            uri: `mongodb://127.0.0.1:${message.port}`,
            port: message.port,
            dataDir: message.dataDir,
            recovery: message.recovery,
            threadId: worker.threadId,
            compact: () => compactIn(worker),
            stop: () => (stopping ??= stopWorker(worker)),
          });
          break;
        case 'compacted':
        case 'stopped':
          break;
      }
    });
  });
}

const urlOf = (entry: string | URL) => (entry instanceof URL ? entry.href : pathToFileURL(entry).href);

/** TypeScript source needs tsx's loader in the thread too (the tsx CLI registers it for the main thread only). */
function newWorker(entry: string | URL, workerData: object): Worker {
  const url = urlOf(entry);
  if (!url.endsWith('.ts')) return new Worker(entry, { workerData });
  const bootstrap = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(url)}); })`;
  return new Worker(bootstrap, { eval: true, workerData });
}

function compactIn(worker: Worker): Promise<void> {
  return new Promise((resolve) => {
    const onMessage = (message: WorkerMessage) => {
      if (message.type !== 'compacted') return;
      worker.off('message', onMessage);
      resolve();
    };
    worker.on('message', onMessage);
    worker.postMessage({ type: 'compact' } satisfies HostMessage);
  });
}

function stopWorker(worker: Worker): Promise<void> {
  return new Promise((resolve) => {
    worker.once('exit', () => resolve());
    worker.on('message', (message: WorkerMessage) => {
      if (message.type === 'stopped' || message.type === 'fatal') void worker.terminate();
    });
    worker.postMessage({ type: 'stop' } satisfies HostMessage);
  });
}

// Which MongoDB to use: the configured URI; else the embedded server in a worker thread, keeping its data in
// DATA_DIR. With DATA_DIR=:memory: (tests, trials) a local mongod through mongodb-memory-server is preferred when one
// is already on this machine (never downloaded), else the embedded server in memory.
import { existsSync } from 'node:fs';
import { access, constants } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { EmbeddedMongo, EmbeddedMongoOptions } from '@goodtime-help/embedded-mongo';
// Only the worker's launcher: the server itself (and its query engine) loads in the worker thread, never in the app's.
import { IN_MEMORY, discardPrewarmedWorker, startEmbeddedMongoWorker } from '@goodtime-help/embedded-mongo/worker';

export type MongoBackendKind = 'external' | 'memory-server' | 'embedded';

export interface MongoBackend {
  kind: MongoBackendKind;
  /** Connection string without a database name for local backends (append "/dbname"); as given for external. */
  uri: string;
  /** Stops the local server; a no-op for external. */
  stop(): Promise<void>;
  /** The embedded server's handle (fault injection, unknown commands), when it runs in this thread (`inProcess`). */
  embedded?: EmbeddedMongo;
}

export interface BackendLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
}

export interface ResolveMongoBackendOptions {
  /** MONGODB_URI from config; when set it is used as is. */
  uri?: string;
  /** DATA_DIR from config: where the embedded server keeps its data, or ':memory:'. Default ':memory:'. */
  dataDir?: string;
  logger: BackendLogger;
  /**
   * mongodb-memory-server's own settings (MONGOMS_SYSTEM_BINARY, MONGOMS_VERSION, MONGOMS_DOWNLOAD_DIR) and PATH,
   * used to find a mongod binary; the caller passes process.env. Without it, only the download cache is checked.
   */
  env?: Record<string, string | undefined>;
  /** Tests: make TTL indexes act within about a second (embedded sweep, mongod ttlMonitorSleepSecs=1). */
  fastTtl?: boolean;
  /** Skip mongodb-memory-server and use the embedded server directly. */
  forceEmbedded?: boolean;
  /** Tests: run the embedded server on this thread with this starter (`startEmbeddedMongo`), to reach its fault injection (`embedded`). */
  inProcess?: (options: EmbeddedMongoOptions) => Promise<EmbeddedMongo>;
  /** The embedded server stopped on its own (its disk refused a write, its thread died). */
  onFatal?: (err: Error) => void;
  /** How long the binary lookup may take before giving up on mongodb-memory-server (default 800 ms). */
  detectTimeoutMs?: number;
}

const DETECT_TIMEOUT_MS = 800;

function redact(uri: string): string {
  return uri.replace(/\/\/[^@/]*@/, '//[credentials]@');
}

async function isExecutable(file: string): Promise<boolean> {
  try {
    await access(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** A mongod that can run without a download: MONGOMS_SYSTEM_BINARY, `mongod` on PATH, or memory-server's cache. */
export async function findLocalMongod(env: Record<string, string | undefined> = {}): Promise<string | undefined> {
  const systemBinary = env.MONGOMS_SYSTEM_BINARY;
  if (systemBinary) return (await isExecutable(systemBinary)) ? systemBinary : undefined;
  for (const dir of (env.PATH ?? '').split(path.delimiter).filter(Boolean)) {
    const candidate = path.join(dir, 'mongod');
    if (await isExecutable(candidate)) return candidate;
  }
  // Only load mongodb-memory-server (a few hundred ms) when one of its download caches exists at all.
  const caches = [
    env.MONGOMS_DOWNLOAD_DIR,
    path.resolve('node_modules', '.cache', 'mongodb-memory-server'),
    path.join(os.homedir(), '.cache', 'mongodb-binaries'),
  ].filter((dir): dir is string => Boolean(dir));
  const cacheChecks = await Promise.all(caches.map((dir) => access(dir).then(() => true, () => false)));
  if (!cacheChecks.some(Boolean)) return undefined;
  try {
    const { DryMongoBinary } = await import('mongodb-memory-server-core');
    const options = DryMongoBinary.getEnsuredOptions(env.MONGOMS_VERSION ? { version: env.MONGOMS_VERSION } : undefined);
    return await DryMongoBinary.locateBinary({ ...options, downloadDir: env.MONGOMS_DOWNLOAD_DIR });
  } catch {
    return undefined;
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
    timer.unref();
  });
  return Promise.race([promise.catch(() => undefined), timeout]).finally(() => clearTimeout(timer));
}

async function startMemoryServer(binary: string, options: ResolveMongoBackendOptions): Promise<MongoBackend> {
  const { MongoMemoryServer } = await import('mongodb-memory-server-core');
  const server = await MongoMemoryServer.create({
    binary: { systemBinary: binary },
    instance: { ip: '127.0.0.1', args: options.fastTtl ? ['--setParameter', 'ttlMonitorSleepSecs=1'] : [] },
  });
  const uri = server.getUri().replace(/\/+$/, '');
  return { kind: 'memory-server', uri, stop: async () => void (await server.stop({ doCleanup: true, force: true })) };
}

export async function resolveMongoBackend(options: ResolveMongoBackendOptions): Promise<MongoBackend> {
  const { logger } = options;
  if (options.uri) {
    discardPrewarmedWorker();
    logger.info({ backend: 'external', target: redact(options.uri) }, 'MongoDB backend: external server from MONGODB_URI');
    return { kind: 'external', uri: options.uri, stop: async () => {} };
  }

  const dataDir = options.dataDir ?? IN_MEMORY;
  if (dataDir === IN_MEMORY && !options.forceEmbedded) {
    const binary = await withTimeout(findLocalMongod(options.env), options.detectTimeoutMs ?? DETECT_TIMEOUT_MS);
    if (binary) {
      try {
        const backend = await startMemoryServer(binary, options);
        discardPrewarmedWorker();
        logger.info({ backend: 'memory-server', binary, target: backend.uri }, 'MongoDB backend: local mongod via mongodb-memory-server (temporary data)');
        return backend;
      } catch (err) {
        logger.warn({ backend: 'memory-server', binary, err: (err as Error).message }, 'MongoDB backend: mongod did not start, using the embedded server');
      }
    }
  }

  const serverOptions = { dataDir, ttlSweepMs: options.fastTtl ? 250 : undefined, logger };
  if (options.inProcess) {
    const embedded = await options.inProcess(serverOptions);
    logEmbedded(logger, { target: embedded.uri, dataDir: embedded.dataDir, thread: 'main' });
    return { kind: 'embedded', uri: embedded.uri, stop: () => embedded.stop(), embedded };
  }
  const worker = await startEmbeddedMongoWorker({ ...serverOptions, workerFile: bundledWorkerEntry(), onFatal: options.onFatal });
  logEmbedded(logger, { target: worker.uri, dataDir: worker.dataDir, thread: 'worker', recovery: worker.recovery });
  return { kind: 'embedded', uri: worker.uri, stop: () => worker.stop() };
}

function logEmbedded(logger: BackendLogger, details: { target: string; dataDir: string | null; thread: string; recovery?: object | null }): void {
  const { target, dataDir, thread, recovery } = details;
  if (dataDir === null) {
    logger.info({ backend: 'embedded', target, thread }, 'MongoDB backend: embedded in-memory server — data lives in memory only and is lost on exit; for tests and trials, not production');
    return;
  }
  logger.info(
    { backend: 'embedded', target, thread, dataDir, recovery },
    `MongoDB backend: embedded server, data kept in ${dataDir} (journaled, survives restarts). One app instance only: to run several, point MONGODB_URI at MongoDB`,
  );
}

/** The bundled build (npm start) ships the worker's entry as JavaScript beside the app's bundle; from source, none is needed. */
function bundledWorkerEntry(): string | undefined {
  const here = fileURLToPath(import.meta.url);
  const beside = path.join(path.dirname(here), 'embedded-mongo-worker.js');
  return /\.c?js$/.test(here) && existsSync(beside) ? beside : undefined;
}

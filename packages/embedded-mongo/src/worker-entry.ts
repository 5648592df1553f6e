// The embedded server inside a worker thread (started by `startEmbeddedMongoWorker`): its own event loop, so the
// database's work never delays the host's. Talks to the host by messages: ready, log, fatal; compact → compacted;
// stop → stopped. A prewarmed thread (`{ deferred: true }`) has its code loaded and waits for start → its options.
import { parentPort, workerData } from 'node:worker_threads';
import type { EmbeddedMongoOptions } from './server';
import { startEmbeddedMongo } from './server';
import type { HostMessage, WorkerMessage } from './worker';

const port = parentPort;
if (!port) throw new Error('worker-entry.ts runs only as a worker thread (see startEmbeddedMongoWorker)');
const send = (message: WorkerMessage) => port.postMessage(message);
type Options = Omit<EmbeddedMongoOptions, 'logger' | 'onFatal'>;
const options: Options = (workerData as { deferred?: boolean }).deferred
  ? await new Promise<Options>((resolve) => {
      const onStart = (message: HostMessage) => {
        if (message.type !== 'start') return;
        port.off('message', onStart);
        resolve(message.options as Options);
      };
      port.on('message', onStart);
    })
  : (workerData as Options);

try {
  const server = await startEmbeddedMongo({
    ...options,
    logger: {
      warn: (obj, msg) => send({ type: 'log', level: 'warn', obj: plain(obj), msg }),
      info: (obj, msg) => send({ type: 'log', level: 'info', obj: plain(obj), msg }),
    },
    onFatal: (err) => send({ type: 'fatal', message: err.message }),
  });
  const failed = (err: unknown) => send({ type: 'fatal', message: (err as Error).message });
  port.on('message', (message: HostMessage) => {
    if (message.type === 'compact') void server.compact().then(() => send({ type: 'compacted' }), failed);
    if (message.type === 'stop') void server.stop().then(() => send({ type: 'stopped' }), failed);
  });
  send({ type: 'ready', port: server.port, dataDir: server.dataDir, recovery: server.recovery });
} catch (err) {
  send({ type: 'fatal', message: (err as Error).message });
}

/** Log fields cross the thread boundary by structured clone: keep them to plain data. */
function plain(obj: object): object {
  return JSON.parse(JSON.stringify(obj)) as object;
}

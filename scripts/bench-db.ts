// npm run bench:db — throughput of the embedded server through the official driver at 100k documents.
// Indexed lookups and updates must stay in the thousands of ops/s (hash indexes, no scans).
// The server runs in a worker thread so the driver and the server do not share one event loop
// (`-- --same-thread` runs both on the main thread instead).
import { isMainThread, parentPort, Worker } from 'node:worker_threads';
import { MongoClient, MongoServerError } from 'mongodb';
import { startEmbeddedMongo } from '@goodtime-help/embedded-mongo';

interface ServerHandle {
  uri: string;
  unknownCommands(): Promise<string[]>;
  stop(): Promise<void>;
}

async function startServer(sameThread: boolean): Promise<ServerHandle> {
  if (sameThread) {
    const server = await startEmbeddedMongo();
    return { uri: server.uri, unknownCommands: async () => server.unknownCommands, stop: () => server.stop() };
  }
  // Workers do not inherit tsx's loader: register it, then load this file as the worker's program.
  const bootstrap = `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))})
    .then(({ register }) => { register(); return import(${JSON.stringify(import.meta.url)}); })`;
  const worker = new Worker(bootstrap, { eval: true });
  const next = <T>(key: string) =>
    new Promise<T>((resolve, reject) => {
      const onMessage = (message: Record<string, unknown>) => {
        if (!(key in message)) return;
        worker.off('message', onMessage);
        resolve(message[key] as T);
      };
      worker.on('message', onMessage);
      worker.once('error', reject);
    });
  const uri = await next<string>('uri');
  return {
    uri,
    unknownCommands: () => {
      worker.postMessage('unknown');
      return next<string[]>('unknown');
    },
    stop: async () => {
      worker.postMessage('stop');
      await next<boolean>('stopped');
      await worker.terminate();
    },
  };
}

const DOCS = 100_000;
const BATCH = 1_000;
const OPS = 5_000;
const CONCURRENCY = 8;

interface Row {
  operation: string;
  ops: number;
  seconds: number;
}

const rows: Row[] = [];

async function measure(operation: string, ops: number, run: () => Promise<void>): Promise<void> {
  const started = process.hrtime.bigint();
  await run();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  rows.push({ operation, ops, seconds });
  console.error(`  ${operation}: ${Math.round(ops / seconds)} ops/s`);
}

/** Run `count` calls of `task(i)` with a fixed number in flight. */
async function pool(count: number, task: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < count) await task(next++);
    }),
  );
}

const randomUser = () => Math.floor(Math.random() * DOCS);

async function main(): Promise<void> {
const sameThread = process.argv.includes('--same-thread');
const server = await startServer(sameThread);
const client = await MongoClient.connect(`${server.uri}/bench`, { maxPoolSize: CONCURRENCY });
try {
  const users = client.db().collection('users');
  await users.createIndex({ email: 1 }, { unique: true });
  await users.createIndex({ team: 1, createdAt: -1 });
  console.error(`embedded server at ${server.uri} (${sameThread ? 'same thread' : 'worker thread'}); ${DOCS} documents, ${CONCURRENCY} concurrent operations`);

  await measure(`insertMany (${DOCS} docs, batches of ${BATCH})`, DOCS, async () => {
    for (let start = 0; start < DOCS; start += BATCH) {
      const docs = Array.from({ length: BATCH }, (_, i) => {
        const n = start + i;
        return { email: `user${n}@example.com`, team: `team${n % 500}`, createdAt: new Date(), visits: 0, profile: { n } };
      });
      await users.insertMany(docs, { ordered: false });
    }
  });

  await measure('insertOne (single docs)', OPS, () =>
    pool(OPS, async (i) => {
      await users.insertOne({ email: `single${i}@example.com`, team: 'singles', createdAt: new Date(), visits: 0 });
    }),
  );

  await measure('findOne by unique email', OPS, () =>
    pool(OPS, async () => {
      const n = randomUser();
      const doc = await users.findOne({ email: `user${n}@example.com` });
      if (!doc) throw new Error(`user${n} not found`);
    }),
  );

  await measure('find by compound-index prefix (200 docs)', 500, () =>
    pool(500, async () => {
      const docs = await users.find({ team: `team${randomUser() % 500}` }).toArray();
      if (docs.length !== DOCS / 500) throw new Error(`expected ${DOCS / 500} docs, got ${docs.length}`);
    }),
  );

  await measure('updateOne $inc by unique email', OPS, () =>
    pool(OPS, async () => {
      const result = await users.updateOne({ email: `user${randomUser()}@example.com` }, { $inc: { visits: 1 } });
      if (result.modifiedCount !== 1) throw new Error('update missed');
    }),
  );

  await measure('findOneAndUpdate upsert counter', OPS, () =>
    pool(OPS, async (i) => {
      await client.db().collection<{ _id: string; seq: number }>('counters').findOneAndUpdate({ _id: `c${i % 100}` }, { $inc: { seq: 1 } }, { upsert: true, returnDocument: 'after' });
    }),
  );

  await measure('insertOne unique conflict (E11000)', OPS, () =>
    pool(OPS, async () => {
      try {
        await users.insertOne({ email: `user${randomUser()}@example.com` });
        throw new Error('duplicate accepted');
      } catch (err) {
        if (!(err instanceof MongoServerError) || err.code !== 11000) throw err;
      }
    }),
  );

  await measure('countDocuments unindexed (full scan)', 20, () =>
    pool(20, async () => {
      await users.countDocuments({ visits: { $gt: 1000 } });
    }),
  );

  console.log('');
  console.log('| operation | ops | seconds | ops/s |');
  console.log('| --- | ---: | ---: | ---: |');
  for (const row of rows) {
    console.log(`| ${row.operation} | ${row.ops} | ${row.seconds.toFixed(2)} | ${Math.round(row.ops / row.seconds)} |`);
  }
  const unknown = await server.unknownCommands();
  if (unknown.length) console.log(`unknown commands seen: ${unknown.join(', ')}`);
} finally {
  await client.close();
  await server.stop();
}
}

if (!isMainThread) {
  const server = await startEmbeddedMongo();
  parentPort?.on('message', (message: string) => {
    if (message === 'unknown') parentPort?.postMessage({ unknown: server.unknownCommands });
    if (message === 'stop') void server.stop().then(() => parentPort?.postMessage({ stopped: true }));
  });
  parentPort?.postMessage({ uri: server.uri });
} else {
  await main();
}

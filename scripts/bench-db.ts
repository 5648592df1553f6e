// npm run bench:db — the embedded server as npm start runs it (a worker thread, data on disk, every write fsynced
// before it is acknowledged), through the official driver at 100k documents, side by side with its own reference:
// a no-op round trip (ping) on the same connection pool, measured interleaved with the indexed operations.
// Prints durable insert, indexed find and update rates against that reference, recovery time for the 100k
// documents, and the data directory's size against the BSON size of the live data after compaction.
// Goals (issue #11): indexed operations ≥ 50 % of the no-op rate; recovery ≤ 2 s; files ≤ 3× the live data.
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { MongoClient, type Collection } from 'mongodb';
import { startEmbeddedMongoWorker, type EmbeddedMongoWorker } from '@goodtime-help/embedded-mongo';

const DOCS = Number(process.env.BENCH_DOCS ?? 100_000);
const BATCH = 1_000;
const OPS = 4_000;
const CONCURRENCY = 8;
const RUNS = 5;

interface User {
  email: string;
  team: string;
  createdAt: Date;
  visits: number;
  profile: { n: number; bio: string };
}

/** Run `count` calls of `task(i)` with CONCURRENCY in flight; returns operations per second. */
async function rate(count: number, task: (i: number) => Promise<unknown>): Promise<number> {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < count) await task(next++);
    }),
  );
  return count / ((performance.now() - started) / 1000);
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
const randomUser = () => Math.floor(Math.random() * DOCS);
const dirBytes = (dir: string) => readdirSync(dir).reduce((sum, name) => sum + statSync(path.join(dir, name)).size, 0);
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

async function open(dataDir: string): Promise<{ server: EmbeddedMongoWorker; client: MongoClient; users: Collection<User> }> {
  const server = await startEmbeddedMongoWorker({ dataDir });
  const client = await MongoClient.connect(`${server.uri}/bench`, { maxPoolSize: CONCURRENCY });
  return { server, client, users: client.db().collection<User>('users') };
}

async function main(): Promise<void> {
  const root = mkdtempSync(path.join(tmpdir(), 'bench-db-'));
  const dataDir = path.join(root, 'data');
  let { server, client, users } = await open(dataDir);
  try {
    console.error(`embedded server in a worker thread, data in ${dataDir}; ${DOCS} documents, ${CONCURRENCY} operations in flight, ${RUNS} interleaved runs`);
    await users.createIndex({ email: 1 }, { unique: true });
    await users.createIndex({ team: 1, createdAt: -1 });
    const loadStarted = performance.now();
    for (let start = 0; start < DOCS; start += BATCH) {
      await users.insertMany(
        Array.from({ length: BATCH }, (_, i) => {
          const n = start + i;
          return { email: `user${n}@example.com`, team: `team${n % 500}`, createdAt: new Date(), visits: 0, profile: { n, bio: 'Coordinates onsite panels.' } };
        }),
        { ordered: false },
      );
    }
    const loadSeconds = (performance.now() - loadStarted) / 1000;

    const admin = client.db().admin();
    const results: Record<string, number[]> = { ping: [], insert: [], find: [], update: [] };
    for (let run = 0; run < RUNS; run++) {
      results.ping?.push(await rate(OPS, () => admin.command({ ping: 1 })));
      results.find?.push(
        await rate(OPS, async () => {
          if (!(await users.findOne({ email: `user${randomUser()}@example.com` }))) throw new Error('indexed find missed');
        }),
      );
      results.update?.push(
        await rate(OPS, async () => {
          const result = await users.updateOne({ email: `user${randomUser()}@example.com` }, { $inc: { visits: 1 } });
          if (result.modifiedCount !== 1) throw new Error('indexed update missed');
        }),
      );
      results.insert?.push(await rate(OPS, (i) => users.insertOne({ email: `r${run}-${i}@example.com`, team: 'singles', createdAt: new Date(), visits: 0, profile: { n: i, bio: '' } })));
    }
    await users.deleteMany({ team: 'singles' }); // back to the 100k documents, so recovery is measured at 100k
    const live = ((await client.db().command({ dbStats: 1 })) as { dataSize: number }).dataSize;
    const beforeCompaction = dirBytes(dataDir);
    await server.compact();
    const afterCompaction = dirBytes(dataDir);
    await client.close();
    await server.stop();

    const restartStarted = performance.now();
    ({ server, client, users } = await open(dataDir));
    const restartMs = performance.now() - restartStarted;
    const recovered = server.recovery;
    if (recovered?.documents !== DOCS) throw new Error(`recovered ${recovered?.documents} documents, expected ${DOCS}`);

    const ping = median(results.ping ?? []);
    const row = (name: string, values: number[], goal: string) => {
      const value = median(values);
      console.log(`| ${name} | ${Math.round(value)} ops/s | ${((value / ping) * 100).toFixed(0)} % | ${goal} |`);
    };
    console.log('');
    console.log(`| ${DOCS} documents | median of ${RUNS} | of no-op rate | goal |`);
    console.log('| --- | ---: | ---: | --- |');
    console.log(`| no-op round trip (ping), the reference | ${Math.round(ping)} ops/s | 100 % | |`);
    row('indexed findOne by unique email', results.find ?? [], '≥ 50 %');
    row('indexed updateOne $inc (durable)', results.update ?? [], '≥ 50 %');
    row('insertOne (durable)', results.insert ?? [], '');
    console.log(`| insertMany load, batches of ${BATCH} (durable) | ${Math.round(DOCS / loadSeconds)} docs/s | | |`);
    console.log('');
    console.log('| recovery and size | value | goal |');
    console.log('| --- | ---: | --- |');
    console.log(`| recovery of ${recovered.documents} documents (replaying the snapshot) | ${recovered.ms} ms | ≤ 2000 ms |`);
    console.log(`| restart to serving (new worker thread + recovery) | ${Math.round(restartMs)} ms | |`);
    console.log(`| live data (BSON, dbStats.dataSize) | ${mb(live)} | |`);
    console.log(`| data directory before compaction | ${mb(beforeCompaction)} (${(beforeCompaction / live).toFixed(2)}×) | |`);
    console.log(`| data directory after compaction | ${mb(afterCompaction)} (${(afterCompaction / live).toFixed(2)}×) | ≤ 3× |`);
  } finally {
    await client.close();
    await server.stop();
    rmSync(root, { recursive: true, force: true });
  }
}

await main();

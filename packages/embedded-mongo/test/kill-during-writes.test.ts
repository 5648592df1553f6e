// SIGKILL of the process holding the data directory while thousands of writes are in flight: after reopening,
// every acknowledged write is there, nothing is half there, and the files open cleanly, round after round
// (small compaction threshold, so some kills land during compaction).
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes, randomInt } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { MongoClient } from 'mongodb';

const PACKAGE = fileURLToPath(new URL('..', import.meta.url));
const FIXTURE = fileURLToPath(new URL('./fixtures/serve-on-disk.ts', import.meta.url));
const ROUNDS = 5;
const WRITERS = 16;

const root = mkdtempSync(path.join(tmpdir(), 'embedded-mongo-kill-'));
const dataDir = path.join(root, 'data');
let current: ChildProcess | undefined;
afterAll(() => {
  current?.kill('SIGKILL'); // a failed round leaves no server behind
  rmSync(root, { recursive: true, force: true });
});

interface Server {
  child: ChildProcess;
  port: number;
  recovery: { documents: number; truncatedBytes: number };
  exited: Promise<void>;
}

/** Rounds alternate the two ways of waiting for the disk: blocking the serving thread, or on the thread pool. */
function serve(journalWrites: 'inline' | 'threadpool'): Promise<Server> {
  const child = spawn(process.execPath, ['--import', 'tsx', FIXTURE, dataDir, String(128 * 1024), journalWrites], { cwd: PACKAGE, stdio: ['ignore', 'pipe', 'pipe'] });
  current = child;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let output = '';
  return new Promise((resolve, reject) => {
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const line = output.split('\n').find((l) => l.startsWith('{"port"'));
      if (line) resolve({ child, exited, ...(JSON.parse(line) as { port: number; recovery: Server['recovery'] }) });
    });
    child.once('exit', (code) => reject(new Error(`the server exited (${code}) before it was ready:\n${output}`)));
  });
}

const digest = (text: string) => createHash('sha256').update(text).digest('hex');

describe('SIGKILL during writes', () => {
  it(`loses no acknowledged write and keeps no partial one, over ${ROUNDS} kills`, async () => {
    const acknowledged = new Set<string>();
    const counters = new Map<number, number>(); // writer → acknowledged increments

    for (let round = 0; round <= ROUNDS; round++) {
      const server = await serve(round % 2 === 0 ? 'inline' : 'threadpool');
      const client = await MongoClient.connect(`mongodb://127.0.0.1:${server.port}`, { maxPoolSize: WRITERS, serverSelectionTimeoutMS: 5_000 });
      const docs = client.db('app').collection<{ _id: string; payload: string; digest: string }>('docs');
      const counterDocs = client.db('app').collection<{ _id: number; n: number }>('counters');

      // Everything acknowledged before every earlier kill is here, whole.
      const stored = await docs.find().toArray();
      const ids = new Set(stored.map((doc) => doc._id));
      expect([...acknowledged].filter((id) => !ids.has(id))).toEqual([]);
      expect(stored.filter((doc) => digest(doc.payload) !== doc.digest).map((doc) => doc._id)).toEqual([]);
      for (const { _id, n } of await counterDocs.find().toArray()) {
        const acked = counters.get(_id) ?? 0;
        expect(n === acked || n === acked + 1).toBe(true); // at most the one increment in flight at the kill
        counters.set(_id, n);
      }
      if (round === ROUNDS) {
        expect(server.recovery.documents).toBeGreaterThanOrEqual(ROUNDS * 200);
        await client.close();
        server.child.kill('SIGTERM');
        await server.exited;
        break;
      }

      let killed = false;
      let ackedThisRound = 0;
      const writer = async (id: number) => {
        for (let i = 0; !killed; i++) {
          const payload = randomBytes(randomInt(50, 3_000)).toString('base64');
          const _id = `${round}-${id}-${i}`;
          try {
            await docs.insertOne({ _id, payload, digest: digest(payload) });
            acknowledged.add(_id);
            ackedThisRound++;
            await counterDocs.updateOne({ _id: id }, { $inc: { n: 1 } }, { upsert: true });
            counters.set(id, (counters.get(id) ?? 0) + 1);
          } catch {
            return; // the server is gone
          }
        }
      };
      const writing = Promise.all(Array.from({ length: WRITERS }, (_, id) => writer(id)));
      // Kill at a random moment once the round is well under way (however slow the machine is today).
      await vi.waitUntil(() => ackedThisRound >= 200, { timeout: 30_000, interval: 10 });
      await new Promise((resolve) => setTimeout(resolve, randomInt(0, 400)));
      server.child.kill('SIGKILL');
      killed = true;
      await server.exited;
      await writing;
      await client.close(true);
    }
    expect(acknowledged.size).toBeGreaterThanOrEqual(ROUNDS * 200);
  });
});

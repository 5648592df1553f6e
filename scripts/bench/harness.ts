// What every bench run shares: the app under test (the product's dist/main.js as `npm start` runs it, or the bare
// Bolt reference) started as its own process against a Slack stand-in, and the kernel's account of its CPU and memory.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startSlackFake, type SlackFake } from '@goodtime-help/slack-stand-in';

export type Target = 'product' | 'bare';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
export const SECRET = 'bench-ack-signing-secret';
/** Commands a bench:ack run sends, untimed, before the burst it measures (BENCH_WARMUP). */
export const WARMUP_COMMANDS = Number(process.env.BENCH_WARMUP ?? 100);

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
export const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

/** Runs `work(i)` for i in 0..count-1, at most `inFlight` at a time, each worker taking the next i as it is free. */
export async function inParallel(count: number, inFlight: number, work: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(inFlight, count) }, async () => {
      while (next < count) await work(next++);
    }),
  );
}

/** CPU seconds (user + system, all threads, in 10 ms ticks) and RSS in MB of a process, from /proc. */
export function usage(pid: number): { cpu: number; rssMb: number } {
  const fields = (readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1] ?? '').split(' ');
  const rss = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  return { cpu: (Number(fields[11]) + Number(fields[12])) / 100, rssMb: Number(rss) / 1024 };
}

/** CPU seconds the process's live threads have run, to the nanosecond (the scheduler's own account). */
export function threadCpuSeconds(pid: number): number {
  let ns = 0;
  for (const task of readdirSync(`/proc/${pid}/task`)) {
    try {
      ns += Number(readFileSync(`/proc/${pid}/task/${task}/schedstat`, 'utf8').split(' ')[0]);
    } catch {
      // the thread ended between the listing and the read
    }
  }
  return ns / 1e9;
}

/** A port nothing listens on now (the app binds it a moment later). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

export interface AppUnderTest {
  fake: SlackFake;
  team: string;
  url: string;
  child: ChildProcess;
  pid: number;
  /** Spawn to the first 200 from /healthz. */
  startMs: number;
  stop(): Promise<void>;
}

/**
 * A Slack stand-in with a team channel, and the app started against it in a fresh working directory (its own
 * embedded database), waited for until /healthz answers 200. BENCH_NODE_ARGS adds node flags to the app (e.g.
 * "--cpu-prof --cpu-prof-dir=/tmp/prof").
 */
export async function startAppUnderTest(target: Target, modalBytes: string): Promise<AppUnderTest> {
  const fake = await startSlackFake();
  const team = fake.addChannel({ name: 'goodtime-project-team' }).id;
  const cwd = mkdtempSync(path.join(tmpdir(), `bench-${target}-`));
  const entry = target === 'product' ? path.join(REPO, 'dist', 'main.js') : path.join(REPO, 'dist', 'bench-bare-bolt-app.js');
  const port = await freePort();
  const env = {
    PATH: process.env.PATH ?? '',
    SLACK_BOT_TOKEN: fake.botToken,
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: fake.apiUrl,
    TEAM_CHANNEL_ID: team,
    PORT: String(port),
    LOG_LEVEL: 'warn',
    MODAL_BYTES: modalBytes,
  };
  const nodeArgs = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const started = performance.now();
  const child = spawn(process.execPath, [...nodeArgs, entry], { cwd, env, stdio: ['ignore', 'pipe', 'inherit'] });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    await fake.close();
    rmSync(cwd, { recursive: true, force: true });
  };
  const url = `http://127.0.0.1:${port}`;
  try {
    while ((await fetch(`${url}/healthz`).then((r) => r.status, () => 0)) !== 200) {
      if (child.exitCode !== null) throw new Error(`${target} exited (${child.exitCode}):\n${output}`);
      await sleep(20);
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return { fake, team, url, child, pid: child.pid as number, startMs: performance.now() - started, stop };
}

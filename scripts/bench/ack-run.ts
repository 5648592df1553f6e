// One run of `npm run bench:ack` for one app, in a process of its own: its own Slack stand-in, the app as its own
// process (the product's dist/main.js as `npm start` runs it, or the bare Bolt reference), and the load.
// Prints one JSON line: start-to-healthy, idle RSS, ack latencies, acks over Slack's 3 s, modals opened, CPU per
// request. Usage: tsx scripts/bench/ack-run.ts <product|bare> <in flight> <requests> [modal bytes]
// With 0 requests it measures idleness instead: CPU seconds per minute over BENCH_IDLE_SECONDS (default 120) after
// a 30 s settle, counted in nanoseconds by the kernel's scheduler for every thread (/proc/<pid>/task/*/schedstat),
// not in 10 ms ticks.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createSlackRequestClient, startSlackFake } from '@goodtime-help/slack-stand-in';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const SECRET = 'bench-ack-signing-secret';
const QUESTION = 'How do I reschedule a panel interview when one interviewer declines?';
const [target = 'product', inFlightArg = '16', requestsArg = '300', modalBytesArg = '3300'] = process.argv.slice(2);
const inFlight = Number(inFlightArg);
const requests = Number(requestsArg);

/** CPU seconds (user + system, all threads) and RSS in MB of a process, from /proc. */
function usage(pid: number): { cpu: number; rssMb: number } {
  const fields = (readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1] ?? '').split(' ');
  const rss = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  return { cpu: (Number(fields[11]) + Number(fields[12])) / 100, rssMb: Number(rss) / 1024 };
}

/** CPU seconds the process's live threads have run, to the nanosecond (the scheduler's own account). */
function threadCpuSeconds(pid: number): number {
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

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const fake = await startSlackFake();
const team = fake.addChannel({ name: 'goodtime-project-team' }).id;
const users = Array.from({ length: 50 }, (_, n) => fake.addUser({ name: `recruiter${n}` }).id);
const cwd = mkdtempSync(path.join(tmpdir(), `bench-ack-${target}-`));
const entry = target === 'product' ? path.join(REPO, 'dist', 'main.js') : path.join(REPO, 'dist', 'bench-bare-bolt-app.js');
const env = {
  PATH: process.env.PATH ?? '',
  SLACK_BOT_TOKEN: fake.botToken,
  SLACK_SIGNING_SECRET: SECRET,
  SLACK_API_URL: fake.apiUrl,
  TEAM_CHANNEL_ID: team,
  PORT: String(await freePort()),
  LOG_LEVEL: 'warn',
  MODAL_BYTES: modalBytesArg,
};
const started = performance.now();
// BENCH_NODE_ARGS: extra node flags for the app, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof" to see where time goes.
const nodeArgs = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
const child = spawn(process.execPath, [...nodeArgs, entry], { cwd, env, stdio: ['ignore', 'pipe', 'inherit'] });
let output = '';
child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));

try {
  const url = `http://127.0.0.1:${env.PORT}`;
  while ((await fetch(`${url}/healthz`).then((r) => r.status, () => 0)) !== 200) {
    if (child.exitCode !== null) throw new Error(`${target} exited (${child.exitCode}):\n${output}`);
    await sleep(20);
  }
  const startMs = performance.now() - started;
  await sleep(2_000);
  const idle = usage(child.pid as number);
  if (requests === 0) await measureIdle(child.pid as number);
  else await measureLoad(url, idle, startMs);
} finally {
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
  await fake.close();
  rmSync(cwd, { recursive: true, force: true });
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

async function measureLoad(url: string, idle: { rssMb: number }, startMs: number): Promise<void> {
  const client = createSlackRequestClient({ appUrl: url, signingSecret: SECRET, fake, connect: false, timeoutMs: 30_000 });
  const latencies: number[] = [];
  let next = 0;
  const cpuBefore = usage(child.pid as number).cpu;
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (next < requests) {
        const user = users[next++ % users.length] as string;
        const response = await client.slashCommand({ user, channel: team, text: QUESTION });
        latencies.push(response.ms);
      }
    }),
  );
  // The work after the ack is part of the cost: wait until every modal is open (or no more will be).
  const opened = () => fake.calls.filter((call) => call.method === 'views.open' && call.response.ok === true).length;
  let last = -1;
  while (opened() < requests && opened() !== last) {
    last = opened();
    await sleep(1_000);
  }
  const cpu = usage(child.pid as number).cpu - cpuBefore;
  const modal = fake.calls.find((call) => call.method === 'views.open')?.args.view;
  latencies.sort((a, b) => a - b);
  console.log(
    JSON.stringify({
      target,
      inFlight,
      requests,
      startMs: Math.round(startMs),
      idleRssMb: Math.round(idle.rssMb),
      p50: percentile(latencies, 50),
      p99: percentile(latencies, 99),
      over3s: latencies.filter((ms) => ms > 3_000).length,
      modalsOpened: opened(),
      slackCallsPerRequest: fake.calls.length / requests,
      modalBytes: typeof modal === 'string' ? modal.length : JSON.stringify(modal ?? '').length,
      cpuMsPerRequest: (cpu * 1000) / requests,
    }),
  );
}

async function measureIdle(pid: number): Promise<void> {
  await sleep(28_000);
  const seconds = Number(process.env.BENCH_IDLE_SECONDS ?? 120);
  const before = threadCpuSeconds(pid);
  await sleep(seconds * 1000);
  const cpuPerMinute = ((threadCpuSeconds(pid) - before) * 60) / seconds;
  console.log(JSON.stringify({ target, idleCpuSecondsPerMinute: cpuPerMinute, idleRssMb: Math.round(usage(pid).rssMb) }));
}

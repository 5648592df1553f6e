// npm run bench:ack — how fast /goodtime-help is acknowledged under a burst, side by side with a bare Bolt app
// doing the same Slack work (ack, then open a modal of the same size). Each run is its own process (scripts/bench/
// ack-run.ts) with its own Slack stand-in, starting the app as its own process from compiled JavaScript; runs
// alternate product / bare (A/B, then B/A), BENCH_RUNS times (default 5) at 16, 50 and 100 in flight.
// Prints medians and product/bare ratios: ack p50 and p99, acks over Slack's 3 s, modals opened, CPU per command (of
// a burst on a warm app: ack-run.ts sends BENCH_WARMUP commands first), the slowest ack of the first burst after a
// start, start to healthy, idle RSS. BENCH_REQUESTS sets requests per run (default 300; 1000 at 100 in flight),
// BENCH_LEVELS the in-flight levels (default 16,50,100). A second table (scripts/bench/conversation-run.ts) does
// the same for what follows: the form submitted and a reply in the question's thread, at BENCH_CONVERSATION_LEVELS
// (default 16,50), 300 people per run.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { WARMUP_COMMANDS } from './bench/harness';

interface Run {
  target: 'product' | 'bare';
  inFlight: number;
  requests: number;
  startMs: number;
  idleRssMb: number;
  p50: number;
  p99: number;
  over3s: number;
  modalsOpened: number;
  modalBytes: number;
  cpuMsPerRequest: number;
  firstBurstMaxMs: number;
}

const REPO = fileURLToPath(new URL('..', import.meta.url));
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const LEVELS = (process.env.BENCH_LEVELS ?? '16,50,100').split(',').map(Number);
const requestsAt = (inFlight: number) => Number(process.env.BENCH_REQUESTS ?? (inFlight >= 100 ? 1_000 : 300));
const CONVERSATION_LEVELS = (process.env.BENCH_CONVERSATION_LEVELS ?? '16,50').split(',').filter(Boolean).map(Number);
const CONVERSATION_PEOPLE = 300;

interface ConversationRun {
  submit: { p50: number; p99: number; over3s: number; notClosed: number };
  reply: { p50: number; p99: number; over3s: number; count: number; failed: number };
  cpuMsPerStep: number;
}

/** Runs one bench script in a process of its own and reads the JSON line it prints last. */
function runScript<T>(script: string, ...args: (string | number)[]): T {
  const out = execFileSync(process.execPath, ['--import', 'tsx', script, ...args.map(String)], { cwd: REPO, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  return JSON.parse(out.trim().split('\n').pop() ?? '{}') as T;
}
const run = (target: Run['target'], inFlight: number, requests: number, modalBytes: number) =>
  runScript<Run>('scripts/bench/ack-run.ts', target, inFlight, requests, modalBytes);

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
};
const fmt = (n: number, digits = 1) => n.toFixed(digits);

async function main(): Promise<void> {
  execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: REPO, stdio: 'inherit' }); // what npm start runs
  await build({
    entryPoints: [`${REPO}scripts/bench/bare-bolt-app.ts`],
    outfile: `${REPO}dist/bench-bare-bolt-app.js`,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
  });
  // The bare app's modal is made the size of the product's ask modal.
  const modalBytes = run('product', 4, 8, 0).modalBytes;
  console.error(`bench:ack — ${RUNS} runs per level, alternating product/bare, each in its own processes; modal ${modalBytes} bytes`);

  const rows: string[] = [];
  for (const inFlight of LEVELS) {
    const requests = requestsAt(inFlight);
    const results: Record<Run['target'], Run[]> = { product: [], bare: [] };
    for (let i = 0; i < RUNS; i++) {
      const order: Run['target'][] = i % 2 === 0 ? ['product', 'bare'] : ['bare', 'product'];
      for (const target of order) {
        const result = run(target, inFlight, requests, modalBytes);
        results[target].push(result);
        console.error(`  ${inFlight} in flight, run ${i + 1}, ${target}: p50 ${fmt(result.p50)} ms, p99 ${fmt(result.p99)} ms, over 3 s ${result.over3s}, modals ${result.modalsOpened}/${requests}, CPU ${fmt(result.cpuMsPerRequest, 2)} ms/command`);
      }
    }
    const m = (target: Run['target'], key: keyof Run) => median(results[target].map((r) => r[key] as number));
    const ratio = (key: keyof Run) => `${fmt(m('product', key) / m('bare', key), 2)}×`;
    const sum = (target: Run['target'], key: 'over3s' | 'modalsOpened') => results[target].reduce((total, r) => total + r[key], 0);
    rows.push(
      `| ${inFlight} (${requests} × ${RUNS}) | ${fmt(m('product', 'p50'))} / ${fmt(m('bare', 'p50'))} (${ratio('p50')}) | ${fmt(m('product', 'p99'))} / ${fmt(m('bare', 'p99'))} (${ratio('p99')}) | ${sum('product', 'over3s')} / ${sum('bare', 'over3s')} | ${sum('product', 'modalsOpened')} / ${sum('bare', 'modalsOpened')} | ${fmt(m('product', 'cpuMsPerRequest'), 2)} / ${fmt(m('bare', 'cpuMsPerRequest'), 2)} (${ratio('cpuMsPerRequest')}) | ${fmt(m('product', 'firstBurstMaxMs'), 0)} / ${fmt(m('bare', 'firstBurstMaxMs'), 0)} (${ratio('firstBurstMaxMs')}) | ${fmt(m('product', 'startMs'), 0)} / ${fmt(m('bare', 'startMs'), 0)} (${ratio('startMs')}) | ${fmt(m('product', 'idleRssMb'), 0)} / ${fmt(m('bare', 'idleRssMb'), 0)} (${ratio('idleRssMb')}) |`,
    );
  }
  const conversationRows: string[] = [];
  for (const inFlight of CONVERSATION_LEVELS) {
    const results: Record<Run['target'], ConversationRun[]> = { product: [], bare: [] };
    for (let i = 0; i < RUNS; i++) {
      const order: Run['target'][] = i % 2 === 0 ? ['product', 'bare'] : ['bare', 'product'];
      for (const target of order) {
        const result = runScript<ConversationRun>('scripts/bench/conversation-run.ts', target, inFlight, CONVERSATION_PEOPLE, modalBytes);
        results[target].push(result);
        console.error(`  conversation, ${inFlight} in flight, run ${i + 1}, ${target}: submit p50 ${fmt(result.submit.p50)} / p99 ${fmt(result.submit.p99)} ms, reply p50 ${fmt(result.reply.p50)} / p99 ${fmt(result.reply.p99)} ms, CPU ${fmt(result.cpuMsPerStep, 2)} ms/step`);
      }
    }
    const m = (target: Run['target'], pick: (r: ConversationRun) => number) => median(results[target].map(pick));
    const cell = (pick: (r: ConversationRun) => number, digits = 1) => `${fmt(m('product', pick), digits)} / ${fmt(m('bare', pick), digits)} (${fmt(m('product', pick) / m('bare', pick), 2)}×)`;
    const sum = (target: Run['target'], pick: (r: ConversationRun) => number) => results[target].reduce((total, r) => total + pick(r), 0);
    conversationRows.push(
      `| ${inFlight} (${CONVERSATION_PEOPLE} × ${RUNS}) | ${cell((r) => r.submit.p50)} | ${cell((r) => r.submit.p99)} | ${sum('product', (r) => r.submit.over3s)} / ${sum('bare', (r) => r.submit.over3s)} | ${cell((r) => r.reply.p50)} | ${cell((r) => r.reply.p99)} | ${sum('product', (r) => r.reply.over3s)} / ${sum('bare', (r) => r.reply.over3s)} | ${cell((r) => r.cpuMsPerStep, 2)} |`,
    );
  }

  // Idle: two quiet minutes each, after the load runs.
  const idle = (target: Run['target']) => runScript<{ idleCpuSecondsPerMinute: number; idleRssMb: number }>('scripts/bench/ack-run.ts', target, 1, 0, modalBytes);
  const idleProduct = idle('product');
  const idleBare = idle('bare');

  console.log('');
  console.log(`Medians, product / bare Bolt (ratio). Ack latency in ms, of a burst on an app warmed by ${WARMUP_COMMANDS} commands; acks over 3 s and`);
  console.log('modals opened summed over the runs; the first burst after a start is the slowest ack of the warm-up.');
  console.log('');
  console.log('| in flight (requests × runs) | ack p50 | ack p99 | acks > 3 s | modals opened | CPU ms per command | first burst after start, slowest ack ms | start to healthy ms | idle RSS MB |');
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const row of rows) console.log(row);
  console.log('');
  console.log('After the command: the form submitted (the product stores the question before it acknowledges) and a reply in its thread.');
  console.log('');
  console.log('| in flight (people × runs) | submit p50 ms | submit p99 ms | submits > 3 s | reply p50 ms | reply p99 ms | replies > 3 s | CPU ms per step, after-ack work included |');
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const row of conversationRows) console.log(row);
  console.log('');
  console.log(
    `Idle (two quiet minutes after a 30 s settle, every thread's CPU as the scheduler counts it): CPU ${idleProduct.idleCpuSecondsPerMinute.toFixed(3)} / ${idleBare.idleCpuSecondsPerMinute.toFixed(3)} s per minute, RSS ${idleProduct.idleRssMb} / ${idleBare.idleRssMb} MB (product / bare).`,
  );
}

await main();

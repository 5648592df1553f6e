// One run of `npm run bench:ack` for one app, in a process of its own: its own Slack stand-in, the app as its own
// process (scripts/bench/harness.ts), and the load. Prints one JSON line: start-to-healthy, idle RSS, ack latencies,
// acks over Slack's 3 s, modals opened, CPU per request. The burst is measured on a warm app: BENCH_WARMUP requests
// (default 100) go first at the same concurrency, untimed but for the slowest of them (the first burst after a start,
// while V8 still runs code in its interpreter, reported on its own as firstBurstMaxMs).
// Usage: tsx scripts/bench/ack-run.ts <product|bare> <in flight> <requests> [modal bytes]
// With 0 requests it measures idleness instead: CPU seconds per minute over BENCH_IDLE_SECONDS (default 120) after
// a 30 s settle, counted in nanoseconds by the kernel's scheduler for every thread (/proc/<pid>/task/*/schedstat),
// not in 10 ms ticks.
import { createSlackRequestClient } from '@goodtime-help/slack-stand-in';
import { SECRET, WARMUP_COMMANDS, inParallel, percentile, sleep, startAppUnderTest, threadCpuSeconds, usage, type AppUnderTest, type Target } from './harness';

const QUESTION = 'How do I reschedule a panel interview when one interviewer declines?';
const [target = 'product', inFlightArg = '16', requestsArg = '300', modalBytesArg = '3300'] = process.argv.slice(2);
const inFlight = Number(inFlightArg);
const requests = Number(requestsArg);

const app = await startAppUnderTest(target as Target, modalBytesArg);
try {
  await sleep(2_000);
  if (requests === 0) await measureIdle(app);
  else await measureLoad(app);
} finally {
  await app.stop();
}

async function measureLoad(app: AppUnderTest): Promise<void> {
  const { fake } = app;
  const idle = usage(app.pid);
  const users = Array.from({ length: 50 }, (_, n) => fake.addUser({ name: `recruiter${n}` }).id);
  const client = createSlackRequestClient({ appUrl: app.url, signingSecret: SECRET, fake, connect: false, timeoutMs: 30_000 });
  const opened = () => fake.calls.filter((call) => call.method === 'views.open' && call.response.ok === true).length;
  /** `count` commands, `inFlight` at a time; waits for the work after the ack too (every modal open, or no more). */
  const burst = async (count: number): Promise<number[]> => {
    const latencies: number[] = [];
    const before = opened();
    await inParallel(count, inFlight, async (i) => {
      const response = await client.slashCommand({ user: users[i % users.length] as string, channel: app.team, text: QUESTION });
      latencies.push(response.ms);
    });
    let last = -1;
    while (opened() - before < count && opened() !== last) {
      last = opened();
      await sleep(1_000);
    }
    return latencies;
  };
  const firstBurstMaxMs = Math.max(0, ...(await burst(WARMUP_COMMANDS)));
  const openedBefore = opened();
  const cpuBefore = usage(app.pid).cpu;
  const latencies = await burst(requests);
  const cpu = usage(app.pid).cpu - cpuBefore;
  const modal = fake.calls.find((call) => call.method === 'views.open')?.args.view;
  latencies.sort((a, b) => a - b);
  console.log(
    JSON.stringify({
      target,
      inFlight,
      requests,
      startMs: Math.round(app.startMs),
      idleRssMb: Math.round(idle.rssMb),
      p50: percentile(latencies, 50),
      p99: percentile(latencies, 99),
      over3s: latencies.filter((ms) => ms > 3_000).length,
      modalsOpened: opened() - openedBefore,
      firstBurstMaxMs,
      slackCallsPerRequest: fake.calls.length / requests,
      modalBytes: typeof modal === 'string' ? modal.length : JSON.stringify(modal ?? '').length,
      cpuMsPerRequest: (cpu * 1000) / requests,
    }),
  );
}

async function measureIdle(app: AppUnderTest): Promise<void> {
  await sleep(28_000);
  const seconds = Number(process.env.BENCH_IDLE_SECONDS ?? 120);
  const before = threadCpuSeconds(app.pid);
  await sleep(seconds * 1000);
  const cpuPerMinute = ((threadCpuSeconds(app.pid) - before) * 60) / seconds;
  console.log(JSON.stringify({ target, idleCpuSecondsPerMinute: cpuPerMinute, idleRssMb: Math.round(usage(app.pid).rssMb) }));
}

// npm run bench:ack — how fast /goodtime-help is acknowledged under load, side by side with a bare Bolt app
// that only calls ack(). Both run in this process against the same local Slack fake, with signed requests.
import { App, HTTPReceiver } from '@slack/bolt';
import { SIGNING_SECRET as SECRET, startTestApp } from '../test/support/app';
import { createSlackRequestClient, type SlackRequestClient } from '@goodtime-help/slack-stand-in';
import { silentLogger, startSlackFake } from '@goodtime-help/slack-stand-in';

const TOTAL = Number(process.env.BENCH_REQUESTS ?? 1500);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 30);

interface Scenario {
  name: string;
  text: string;
}

const SCENARIOS: Scenario[] = [
  { name: 'help (answered in the ack)', text: 'help' },
  { name: 'ask (ack, then open the modal)', text: 'How do I reschedule a panel interview?' },
  { name: 'search (ack, then query the knowledge base)', text: 'search reschedule panel' },
];

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

async function load(client: SlackRequestClient, user: string, channel: string, text: string): Promise<number[]> {
  const latencies: number[] = [];
  let next = 0;
  const worker = async () => {
    while (next < TOTAL) {
      next += 1;
      const response = await client.slashCommand({ user, channel, text });
      if (response.status !== 200) throw new Error(`HTTP ${response.status}`);
      latencies.push(response.ms);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return latencies.sort((a, b) => a - b);
}

async function startBareBolt(apiUrl: string, token: string): Promise<{ url: string; stop(): Promise<void> }> {
  const receiver = new HTTPReceiver({ signingSecret: SECRET, logger: silentLogger() });
  const app = new App({ token, receiver, clientOptions: { slackApiUrl: apiUrl }, logger: silentLogger() });
  app.command('/goodtime-help', async ({ ack }) => {
    await ack();
  });
  const port = 20_000 + Math.floor(Math.random() * 20_000);
  await app.start(port);
  return {
    url: `http://127.0.0.1:${port}`,
    stop: async () => {
      await app.stop();
    },
  };
}

async function main(): Promise<void> {
  const bareFake = await startSlackFake();
  const bare = await startBareBolt(bareFake.apiUrl, bareFake.botToken);
  const ours = await startTestApp({ LOG_LEVEL: 'warn' });
  const bareClient = createSlackRequestClient({ appUrl: bare.url, signingSecret: SECRET, fake: bareFake, connect: false });
  const bareUser = bareFake.addUser({ name: 'bench' }).id;
  const bareChannel = bareFake.addChannel({ name: 'bench' }).id;

  console.log(`Acknowledgement latency, ${TOTAL} signed slash commands per row, ${CONCURRENCY} in flight (ms)`);
  console.log('scenario'.padEnd(48), 'app'.padEnd(10), 'p50'.padStart(7), 'p95'.padStart(7), 'p99'.padStart(7), 'max'.padStart(7));
  const row = (name: string, who: string, l: number[]) =>
    console.log(name.padEnd(48), who.padEnd(10), ...[50, 95, 99, 100].map((p) => percentile(l, p).toFixed(1).padStart(7)));
  const baseline = await load(bareClient, bareUser, bareChannel, 'help');
  row('bare Bolt: ack() only', 'bare', baseline);
  for (const scenario of SCENARIOS) {
    const latencies = await load(ours.client, ours.ana.id, ours.teamChannel, scenario.text);
    row(scenario.name, 'goodtime', latencies);
    const ratio = percentile(latencies, 95) / percentile(baseline, 95);
    console.log(''.padEnd(48), `p95 ratio to bare Bolt: ${ratio.toFixed(2)}×${percentile(latencies, 99) > 3000 ? '  ✗ over Slack’s 3 s' : ''}`);
  }
  await ours.stop();
  await bare.stop();
  await bareFake.close();
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);

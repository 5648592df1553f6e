// One run of `npm run bench:ack`'s second table, for one app in a process of its own: what follows the slash
// command. Each of <requests> people has the ask form open (not measured); then, <in flight> at a time, they submit it
// (the product stores the question before it acknowledges; the bare app only acknowledges), and someone replies in
// each question's thread (the product records the first response and updates the card; the bare app receives the
// event). Prints one JSON line: submission and reply acknowledgement p50/p99, over Slack's 3 s, CPU per step.
// Usage: tsx scripts/bench/conversation-run.ts <product|bare> <in flight> <requests> [modal bytes]
import { Modal, createSlackRequestClient, waitFor, type SlackRequestClient } from '@goodtime-help/slack-stand-in';
import { SECRET, inParallel, percentile, sleep, startAppUnderTest, usage, type Target } from './harness';

const [targetArg = 'product', inFlightArg = '16', requestsArg = '300', modalBytesArg = '3300'] = process.argv.slice(2);
const target = targetArg as Target;
const inFlight = Number(inFlightArg);
const requests = Number(requestsArg);


const summary = (ms: number[]) => {
  const sorted = [...ms].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p99: percentile(sorted, 99), over3s: sorted.filter((v) => v > 3_000).length };
};

const app = await startAppUnderTest(target, modalBytesArg);
try {
  const { fake, team } = app;
  const client: SlackRequestClient = createSlackRequestClient({ appUrl: app.url, signingSecret: SECRET, fake, timeoutMs: 30_000 });
  const people = Array.from({ length: requests }, (_, n) => fake.addUser({ name: `recruiter${n}` }).id);
  for (const person of people) fake.joinChannel(person, team);

  // Everyone opens the form (not measured), then the app is left to settle.
  await inParallel(requests, inFlight, async (i) => {
    await client.slashCommand({ user: people[i] as string, channel: team, text: `Question ${i}: how do I reschedule a panel interview when one interviewer declines?` });
  });
  await waitFor(() => people.every((person) => fake.openView(person) !== undefined), { timeout: 60_000, interval: 100 });
  await sleep(1_000);

  const cpuBefore = usage(app.pid).cpu;
  const submissions: number[] = [];
  let notClosed = 0;
  await inParallel(requests, inFlight, async (i) => {
    const modal = new Modal(fake, client, people[i] as string);
    if (target === 'product') await modal.fill('Category', 'How-to');
    else await modal.fill('Question', `Question ${i}`);
    const result = await modal.submit();
    submissions.push(result.ms);
    if (result.outcome !== 'closed') notClosed++;
  });

  // The product posts a card per question (its threads are what people reply in); the bare app posts nothing, so
  // its replies go to threads of messages it never saw.
  const cards = () => fake.messages(team).filter((m) => m.bot_id && !m.thread_ts);
  if (target === 'product') await waitFor(() => cards().length >= requests, { timeout: 60_000, interval: 100 }).catch(() => undefined);
  const threads = target === 'product' ? cards().map((m) => m.ts) : people.map((_, i) => `${1_700_000_000 + i}.000100`);
  const replies: number[] = [];
  let repliesFailed = 0;
  await inParallel(threads.length, inFlight, async (i) => {
    const answerer = people[(i + 1) % people.length] as string;
    const { delivery } = await fake.userPostMessage(answerer, team, 'Open the interview, pick the panel, then Replace interviewer.', { threadTs: threads[i] });
    if (delivery) replies.push(delivery.ms);
    if (!delivery || delivery.status !== 200) repliesFailed++;
  });
  // The work after the acknowledgements is part of the cost: wait until the app has gone quiet (for a second; at most
  // two minutes, as an app under a profiler never is).
  let last = -1;
  for (let waited = 0; usage(app.pid).cpu !== last && waited < 120; waited++) {
    last = usage(app.pid).cpu;
    await sleep(1_000);
  }
  const cpu = last - cpuBefore;
  console.log(
    JSON.stringify({
      target,
      inFlight,
      requests,
      submit: { ...summary(submissions), notClosed },
      reply: { ...summary(replies), count: replies.length, failed: repliesFailed },
      cpuMsPerStep: (cpu * 1000) / (submissions.length + replies.length),
    }),
  );
} finally {
  await app.stop();
}

// `npm run bench:broadcast`: one incident declared to 300 channels and 200 people through the Slack fake with
// Slack's limits (1 post/s per channel, 600/min per workspace) and 10 % injected 429/5xx. Prints the time to full
// delivery against the floor those limits allow, lost and duplicate messages, and how fast slash commands sent
// during the broadcast were acknowledged.
import { startTestApp } from '../test/support/app';
import { waitFor } from '../test/support/people';
import type { Person } from '../test/support/people';
import { broadcastFloorMs, CHANNEL_SPACING_MS } from '../src/broadcast/broadcast-pacing';
import { declareIncident, incidentRoots, waitForBroadcastsToDrain } from '../test/incidents/incident-steps';

const CHANNELS = Number(process.env.BENCH_CHANNELS ?? 300);
const PEOPLE = Number(process.env.BENCH_PEOPLE ?? 200);
const PER_MINUTE = 600;
const FAILURE_RATE = 0.1;

const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((values.length * p) / 100))] ?? 0;
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

async function inBatches<T>(items: T[], size: number, run: (item: T) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(run));
}

async function main(): Promise<void> {
  console.log(`bench:broadcast — ${CHANNELS} channels + ${PEOPLE} people + the team channel, ${PER_MINUTE}/min per workspace, 1/s per channel, ${FAILURE_RATE * 100} % injected 429/5xx`);
  const t = await startTestApp({ INCIDENT_BROADCAST_PER_MINUTE: String(PER_MINUTE) });
  try {
    const channels = Array.from({ length: CHANNELS }, (_, i) => t.fake.addChannel({ name: `site-${i}` }).id);
    const people: Person[] = Array.from({ length: PEOPLE }, (_, i) => t.person(`recruiter-${i}`));
    await inBatches(channels, 20, (channel) => t.lia.runSlashCommand('subscribe', { channel }));
    await inBatches(people, 20, (p) => p.runSlashCommand('subscribe', { channel: t.fake.dmChannel(p.id).id }));
    await waitFor(() => t.fake.ephemerals(t.lia.id).filter((e) => e.text.includes('Done: this channel')).length === CHANNELS, { timeout: 60_000 });
    const places = [t.teamChannel, ...channels, ...people.map((p) => t.fake.dmChannel(p.id).id)];
    console.log(`subscribed ${places.length - 1} places; declaring…`);

    t.fake.setRateLimits({ perChannelPerSecond: 1, workspacePerMinute: PER_MINUTE });
    t.fake.setRandomFailures({ rate: FAILURE_RATE, kinds: [429, 500, 503], methods: ['chat.postMessage'] }, 7);
    const callsBefore = t.fake.calls.length;
    const started = performance.now();
    await declareIncident(t, t.lia, { title: 'Bench: calendar sync delayed', impact: 'Major outage', areas: ['Calendar sync'], message: 'Invites are delayed; keep booking.' });

    const ackMs: number[] = [];
    let probing = true;
    const probes = (async () => {
      for (let i = 0; probing; i += 1) {
        const person = people[i % people.length] as Person;
        ackMs.push((await person.runSlashCommand(i % 2 ? 'status' : 'help', { channel: t.fake.dmChannel(person.id).id })).ms);
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    })();
    const delivered = () => places.filter((p) => incidentRoots(t.fake, p).length > 0).length;
    await waitFor(() => delivered() === places.length, { timeout: 10 * 60_000, interval: 50 });
    const elapsed = performance.now() - started;
    probing = false;
    await probes;
    await waitForBroadcastsToDrain(t.app.connection, 60_000);

    const counts = places.map((p) => incidentRoots(t.fake, p).length);
    const lost = counts.filter((n) => n === 0).length;
    const duplicates = counts.reduce((sum, n) => sum + Math.max(0, n - 1), 0);
    const floor = broadcastFloorMs(places.length, PER_MINUTE);
    const posts = t.fake.calls.slice(callsBefore).filter((c) => c.method === 'chat.postMessage');
    const ok = posts.filter((c) => c.status === 200 && c.response.ok === true);
    const byChannel = new Map<string, number[]>();
    for (const c of ok) byChannel.set(String(c.args.channel), [...(byChannel.get(String(c.args.channel)) ?? []), c.time]);
    const tooClose = [...byChannel.values()].filter((times) => times.some((time, i) => i > 0 && time - (times[i - 1] ?? 0) < CHANNEL_SPACING_MS)).length;
    const busiestMinute = Math.max(...ok.map((c) => ok.filter((o) => o.time >= c.time && o.time < c.time + 60_000).length));

    console.log('');
    console.log(`time to full delivery   ${seconds(elapsed)}   (floor ${seconds(floor)} = ${places.length} posts at ${PER_MINUTE}/min)   ratio ${(elapsed / floor).toFixed(2)}×`);
    console.log(`lost ${lost}   duplicates ${duplicates}   (places with exactly one root: ${counts.filter((n) => n === 1).length}/${places.length})`);
    console.log(`chat.postMessage calls ${posts.length}: ${ok.length} posted, ${posts.filter((c) => c.status === 429).length} answered 429, ${posts.filter((c) => c.status >= 500).length} answered 5xx; in-doubt checks ${t.fake.calls.slice(callsBefore).filter((c) => c.method === 'conversations.history').length}`);
    console.log(`limits kept: busiest 60 s window ${busiestMinute} posts (cap ${PER_MINUTE}); channels with two posts < 1 s apart: ${tooClose}`);
    console.log(`slash commands during the broadcast: ${ackMs.length}, acknowledged p50 ${percentile(ackMs, 50).toFixed(0)} ms, p95 ${percentile(ackMs, 95).toFixed(0)} ms, max ${Math.max(...ackMs).toFixed(0)} ms`);
    const pass = lost === 0 && duplicates === 0 && elapsed / floor <= 1.2 && Math.max(...ackMs) < 1000;
    console.log(pass ? '\n✔ target met: zero lost, zero duplicates, ≤ 1.2× the floor, every slash command acknowledged in < 1 s' : '\n✘ target missed');
    process.exitCode = pass ? 0 : 1;
  } finally {
    t.fake.setRandomFailures(null);
    await t.stop();
  }
}

main().then(
  () => process.exit(process.exitCode ?? 0),
  (error: unknown) => {
    console.error('bench failed:', error);
    process.exit(1);
  },
);

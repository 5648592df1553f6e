import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MongoClient } from 'mongodb';
import { startEmbeddedMongo, type EmbeddedMongo } from '@goodtime-help/embedded-mongo';
import { createSlackRequestClient, type SlackRequestClient } from '@goodtime-help/slack-stand-in';
import { startSlackFake, waitFor, type SlackFake } from '@goodtime-help/slack-stand-in';
import { addPerson, createPerson, type Person } from '../support/people';
import type { FakeMessage } from '@goodtime-help/slack-stand-in';
import { startAppProcess, type AppProcess } from '../support/app-process';
import { incidentReplies, incidentRoots, postUpdate } from './incident-steps';

const SIGNING_SECRET = 'crash-test-signing-secret-0123';
const CHANNELS = 40;
const PEOPLE = 20;

describe('a broadcast survives the app being killed halfway (SIGKILL) and started again', () => {
  let mongo: EmbeddedMongo;
  let db: MongoClient;
  let fake: SlackFake;
  let app: AppProcess | undefined;
  let client: SlackRequestClient;
  let teamChannel: string;
  let lia: Person;
  const places: { name: string; channel: string }[] = [];
  let env: Record<string, string>;

  const unfinished = () =>
    db.db('crash').collection('incident_deliveries').countDocuments({ state: { $in: ['blocked', 'pending', 'sending'] } });
  const start = async () => {
    app = await startAppProcess(env);
    client = createSlackRequestClient({ appUrl: app.url, signingSecret: SIGNING_SECRET, fake });
  };

  beforeAll(async () => {
    mongo = await startEmbeddedMongo();
    db = await MongoClient.connect(`${mongo.uri}/crash`);
    fake = await startSlackFake({ chatWritePublic: true });
    teamChannel = fake.addChannel({ name: 'goodtime-project-team' }).id;
    const liaisonId = fake.addUser({ name: 'lia', real_name: 'Lia Liaison', email: 'lia@example.com', tz: 'America/New_York' }).id;
    fake.joinChannel(liaisonId, teamChannel);
    env = {
      SLACK_BOT_TOKEN: fake.botToken,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: fake.apiUrl,
      PORT: '0',
      MONGODB_URI: `${mongo.uri}/crash`,
      TEAM_CHANNEL_ID: teamChannel,
      LIAISON_USER_IDS: liaisonId,
      BUSINESS_HOURS: '24x7',
      JOBS_POLL_INTERVAL: '250ms',
      INCIDENT_BROADCAST_PER_MINUTE: '3000',
      LOG_LEVEL: 'info',
    };
    await start();
    // People act through whichever process is running now.
    const current = new Proxy({} as SlackRequestClient, { get: (_t, key) => client[key as keyof SlackRequestClient] });
    const deps = { client: current, fake, channel: teamChannel };
    lia = createPerson(liaisonId, deps);
    places.push({ name: 'team channel', channel: teamChannel });
    for (let i = 0; i < CHANNELS; i += 1) {
      const channel = fake.addChannel({ name: `office-${i}` }).id;
      await lia.runSlashCommand('subscribe', { channel });
      places.push({ name: `#office-${i}`, channel });
    }
    for (let i = 0; i < PEOPLE; i += 1) {
      const person = addPerson(deps, { name: `recruiter${i}`, email: `recruiter${i}@example.com` });
      const dm = fake.dmChannel(person.id).id;
      await person.runSlashCommand('subscribe', { channel: dm });
      places.push({ name: `recruiter${i} (DM)`, channel: dm });
    }
    await waitFor(() => fake.ephemerals(lia.id).filter((e) => e.text.includes('Done: this channel gets incident updates')).length === CHANNELS);
  }, 60_000);

  afterAll(async () => {
    await app?.kill('SIGTERM');
    await db?.close();
    await fake?.close();
    await mongo?.stop();
  });

  it('when it is killed with deliveries in flight and started again, then every place ends with one root and every update once', async () => {
    // Slow posts keep several sends in flight at any moment: the kill lands in the middle of some of them.
    fake.setLatency(300, 'chat.postMessage');
    fake.setRateLimits({ perChannelPerSecond: 1 });
    await lia.runSlashCommand('incident', { channel: teamChannel });
    const modal = await lia.waitForModal({ title: 'Declare an incident' });
    await modal.fill('Title', 'Scheduling links return errors');
    await modal.fill('Impact', 'Partial outage');
    await modal.fill('Affected areas', ['Scheduling']);
    await modal.fill('Message', 'Candidates opening scheduling links see an error page. We are on it.');
    expect((await modal.submit()).outcome).toBe('closed');
    const teamRoot = await waitFor(() => incidentRoots(fake, teamChannel)[0], { timeout: 10_000 });
    await postUpdate({ fake, teamChannel }, lia, teamRoot, ':dart: Identified', 'A bad deploy of the booking service; rolling back.', { waitForThread: false });

    const delivered = () => places.filter((p) => incidentRoots(fake, p.channel).length > 0).length;
    await waitFor(() => delivered() >= places.length / 2, { timeout: 20_000, interval: 10 });
    await app?.kill('SIGKILL');
    const atKill = delivered();
    expect(atKill).toBeLessThan(places.length);

    await start();
    await postUpdate({ fake, teamChannel }, lia, teamRoot, ':eyes: Monitoring', 'Rolled back; error rate back to normal. Watching.');
    await postUpdate({ fake, teamChannel }, lia, teamRoot, ':white_check_mark: Resolved', 'Scheduling links work again.');
    await waitFor(async () => (await unfinished()) === 0, { timeout: 40_000, interval: 200 });

    for (const place of places) {
      const roots = incidentRoots(fake, place.channel);
      expect(roots, place.name).toHaveLength(1);
      const root = roots[0] as FakeMessage;
      expect(root.text, place.name).toContain('Resolved');
      expect(incidentReplies(fake, place.channel, root.ts).map((m) => m.text.split(':')[0]), place.name).toEqual(['Identified', 'Monitoring', 'Resolved']);
    }
    expect(app?.logs.some((l) => l.msg?.includes('took over deliveries in doubt'))).toBe(true);
    // Some sends had reached Slack when the process died: the new process found them instead of posting twice.
    expect(app?.logs.some((l) => l.msg?.includes('delivery in doubt was already in Slack'))).toBe(true);
    fake.expectNoViolations();
  }, 90_000);
});

// The crash-point harness: the app as a child process, its database in a process of its own, a Slack stand-in,
// an SMTP inbox and a Dovecot mailbox; a test kills the app (SIGKILL, as a power cut would) at a named step
// (CRASH_AT), starts it again on the same database and counts what was lost or doubled.
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect } from 'vitest';
import { MongoClient, type Db } from 'mongodb';
import { createSlackRequestClient, startSlackFake, waitFor, type SlackFake, type SlackRequestClient } from '@goodtime-help/slack-stand-in';
import { addPerson, createPerson, type Person } from '../support/people';
import { startAppProcess, type AppProcess } from '../support/app-process';
import { startSmtpInbox, type SmtpInbox } from '../delivery/smtp-inbox';
import { fillTicketForm, type TicketFormInput } from '../tickets/ticket-helpers';
import { startImapServer, type ImapServer } from '../support/imap-server';
import { saveCrashTally } from '../support/crash-tally';

const SIGNING_SECRET = 'crash-points-signing-secret-01';
const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** The database in a process of its own, so killing the app never takes the data with it. */
async function startDatabaseProcess(): Promise<{ uri: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/db-embedded.ts'], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  const uri = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the database exited with ${code}`)));
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).once('line', (line) => resolve(line.trim()));
  });
  return { uri, child };
}

export interface CrashHarness {
  readonly db: Db;
  readonly fake: SlackFake;
  readonly inbox: SmtpInbox;
  readonly imap: ImapServer;
  readonly teamChannel: string;
  readonly ana: Person;
  readonly lia: Person;
  /** Starts the app (CRASH_AT in `extra` arms a crash point). */
  start(extra?: Record<string, string>): Promise<void>;
  /** Waits for the app to exit; its signal (SIGKILL when a crash point fired). */
  died(): Promise<NodeJS.Signals | null | undefined>;
  stop(): Promise<void>;
  /** One of each, or say what was lost (none) or doubled (more than one). */
  exactlyOne(what: string, count: number): void;
  /** A crash point was checked: nothing lost or doubled so far. */
  counted(): void;
  /** Every message the publisher posted under a key starting with `prefix`, in the team channel and its threads. */
  publishedUnder(prefix: string): Map<string, number>;
  /** A channel a liaison subscribed to incident updates (on the running app). */
  subscribedChannel(name: string): Promise<string>;
  /** A liaison files a ticket through the form on the running app; resolves once it is fully filed. */
  fileThroughForm(input: TicketFormInput): Promise<{ id: string; key: string; card: { channel: string; ts: string } }>;
}

/** Registers the harness's set-up and tear-down in the calling describe; prints "N crash points, 0 lost, 0 duplicated". */
export function useCrashHarness(database: string): CrashHarness {
  let dbProcess: { uri: string; child: ChildProcess };
  let mongo: MongoClient;
  let db: Db;
  let fake: SlackFake;
  let inbox: SmtpInbox;
  let imap: ImapServer;
  let app: AppProcess | undefined;
  let client: SlackRequestClient;
  let teamChannel: string;
  let ana: Person;
  let lia: Person;
  let env: Record<string, string>;
  const tally = { points: 0, lost: [] as string[], duplicated: [] as string[] };

  beforeAll(async () => {
    dbProcess = await startDatabaseProcess();
    mongo = await MongoClient.connect(`${dbProcess.uri}/${database}`);
    db = mongo.db(database);
    fake = await startSlackFake({ chatWritePublic: true });
    [inbox, imap] = await Promise.all([startSmtpInbox(), startImapServer({ user: 'replies@example.com' })]);
    teamChannel = fake.addChannel({ name: 'goodtime-project-team' }).id;
    const current = new Proxy({} as SlackRequestClient, { get: (_t, key) => client[key as keyof SlackRequestClient] });
    const deps = { client: current, fake, channel: teamChannel };
    ana = addPerson(deps, { name: 'ana', real_name: 'Ana Asker', email: 'ana@example.com' });
    const liaisonId = fake.addUser({ name: 'lia', real_name: 'Lia Liaison', email: 'lia@example.com' }).id;
    fake.joinChannel(liaisonId, teamChannel);
    lia = createPerson(liaisonId, deps);
    env = {
      SLACK_BOT_TOKEN: fake.botToken,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: fake.apiUrl,
      PORT: '0',
      MONGODB_URI: `${dbProcess.uri}/${database}`,
      TEAM_CHANNEL_ID: teamChannel,
      LIAISON_USER_IDS: liaisonId,
      BUSINESS_HOURS: '24x7',
      JOBS_POLL_INTERVAL: '200ms',
      RECOVERY_SWEEP_INTERVAL: '1s',
      SMTP_URL: inbox.url,
      MAIL_FROM: 'goodtime-help@example.com',
      SUPPORT_EMAIL: 'support@goodtime.example',
      OUTBOX_RETRY_BASE: '200ms',
      IMAP_URL: imap.url,
      IMAP_POLL_INTERVAL: '1s',
      LOG_LEVEL: 'info', // the harness waits for "goodtime-help is running"
    };
  }, 60_000);

  afterAll(async () => {
    await app?.kill('SIGTERM');
    await mongo?.close();
    await fake?.close();
    await inbox?.stop();
    await imap?.destroy();
    dbProcess?.child.kill('SIGTERM');
    console.log(`${tally.points} crash points, ${tally.lost.length} lost, ${tally.duplicated.length} duplicated`);
    saveCrashTally(database, tally);
  });

  const harness: CrashHarness = {
    get db() {
      return db;
    },
    get fake() {
      return fake;
    },
    get inbox() {
      return inbox;
    },
    get imap() {
      return imap;
    },
    get teamChannel() {
      return teamChannel;
    },
    get ana() {
      return ana;
    },
    get lia() {
      return lia;
    },
    async start(extra = {}) {
      app = await startAppProcess({ ...env, ...extra });
      client = createSlackRequestClient({ appUrl: app.url, signingSecret: SIGNING_SECRET, fake });
    },
    async died() {
      const child = app?.child;
      if (child && child.exitCode === null && child.signalCode === null) await new Promise((resolve) => child.once('exit', resolve));
      return child?.signalCode;
    },
    async stop() {
      await app?.kill('SIGTERM');
    },
    exactlyOne(what, count) {
      if (count === 0) tally.lost.push(what);
      if (count > 1) tally.duplicated.push(`${what} ×${count}`);
    },
    counted() {
      tally.points += 1;
      expect({ lost: tally.lost, duplicated: tally.duplicated }).toEqual({ lost: [], duplicated: [] });
    },
    publishedUnder(prefix) {
      const top = fake.messages(teamChannel);
      const all = [...top, ...top.flatMap((m) => fake.thread(teamChannel, m.ts).filter((r) => r.ts !== m.ts))];
      const keys = all.map((m) => String(m.metadata?.event_payload?.publication_key ?? '')).filter((k) => k.startsWith(prefix));
      return keys.reduce((counts, key) => counts.set(key, (counts.get(key) ?? 0) + 1), new Map<string, number>());
    },
    async subscribedChannel(name) {
      const channel = fake.addChannel({ name }).id;
      fake.joinChannel(lia.id, channel);
      await lia.runSlashCommand('subscribe', { channel });
      await waitFor(() => fake.messages(channel).some((m) => m.text.includes('now gets GoodTime incident updates')));
      return channel;
    },
    async fileThroughForm(input) {
      expect((await lia.runSlashCommand('ticket')).ok).toBe(true);
      const modal = await fillTicketForm(lia, input);
      expect((await modal.submit()).outcome).toBe('closed');
      await waitFor(async () => (await db.collection('tickets').countDocuments({ title: input.summary, announcedAt: { $exists: true } })) > 0, { timeout: 20_000 });
      const ticket = await db.collection('tickets').findOne({ title: input.summary });
      return { id: String(ticket?._id), key: String(ticket?.key), card: ticket?.card as { channel: string; ts: string } };
    },
  };
  return harness;
}

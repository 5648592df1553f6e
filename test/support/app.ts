// The real app for a test file: its own database, a Slack fake, and people who act through signed requests.
import { readFileSync } from 'node:fs';
import { Writable } from 'node:stream';
import { parse } from 'yaml';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/logger';
import { startApp, type RunningApp } from '../../src/main';
import { startTestDatabase, type TestDatabase } from './database';
import { startEmbeddedMongo, type EmbeddedMongo } from '@goodtime-help/embedded-mongo';
import { createSlackRequestClient, type SlackRequestClient } from '@goodtime-help/slack-stand-in';
import { createSocketModeRequestClient } from '@goodtime-help/slack-stand-in';
import { messagesTabOf, renderMessage, startSlackFake, type SlackFake } from '@goodtime-help/slack-stand-in';
import type { FakeMessage } from '@goodtime-help/slack-stand-in';
import { addPerson, createPerson, waitFor, type Person } from './people';

export const SIGNING_SECRET = 'test-signing-secret-0123456789';

export interface TestApp {
  app: RunningApp;
  fake: SlackFake;
  client: SlackRequestClient;
  db: TestDatabase;
  teamChannel: string;
  /** Requester (a recruiter), team member, and liaison. */
  ana: Person;
  ben: Person;
  lia: Person;
  /** Everything the app logged, as JSON lines (to check nothing secret is logged). */
  logs: string[];
  person(name: string, options?: { tz?: string; channels?: string[] }): Person;
  /** A message as a person reads it, with @names. */
  render(message: Pick<FakeMessage, 'text' | 'blocks'> | undefined): string;
  /** The current text of a message in the team channel. */
  teamMessage(ts: string): string;
  /** `person` asks through /goodtime-help and the modal; resolves with the card in the team channel. */
  ask(person: Person, question: string, fields?: Record<string, string | string[]>): Promise<FakeMessage>;
  restart(env?: Record<string, string>): Promise<void>;
  /** Another instance of the app on the same database and workspace (scaling out). */
  startAnotherInstance(): Promise<RunningApp>;
  stop(): Promise<void>;
}

const MANIFEST = parse(readFileSync(new URL('../../manifest.yml', import.meta.url), 'utf8')) as Parameters<typeof messagesTabOf>[0] & {
  oauth_config: { scopes: { bot: string[] } };
};

export interface TestAppOptions {
  /** Run on a private embedded server even when MONGODB_URI is set: for tests that inject database faults. */
  embeddedDatabase?: boolean;
  /** Connect by Socket Mode (SLACK_APP_TOKEN = fake.appToken, no signing secret); people act over the socket. */
  socketMode?: boolean;
}

async function privateEmbeddedDatabase(): Promise<TestDatabase & { embedded: EmbeddedMongo }> {
  const embedded = await startEmbeddedMongo({ ttlSweepMs: 250 });
  return { uri: `${embedded.uri}/goodtime-help-test`, dbName: 'goodtime-help-test', kind: 'embedded', embedded, stop: () => embedded.stop() };
}

export async function startTestApp(env: Record<string, string> = {}, options: TestAppOptions = {}): Promise<TestApp> {
  const db = options.embeddedDatabase ? await privateEmbeddedDatabase() : await startTestDatabase();
  // The workspace behaves as manifest.yml sets the app up: a Messages tab that is off would refuse every DM, a
  // method whose scope the manifest lacks gets missing_scope.
  const fake = await startSlackFake({ chatWritePublic: true, messagesTab: messagesTabOf(MANIFEST), scopes: MANIFEST.oauth_config.scopes.bot });
  const teamChannel = fake.addChannel({ name: 'goodtime-project-team' }).id;
  const logs: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, callback) {
      logs.push(String(chunk));
      if (process.env.TEST_LOG) process.stderr.write(chunk);
      callback();
    },
  });

  const liaisonId = fake.addUser({ name: 'lia', real_name: 'Lia Liaison', email: 'lia@example.com', tz: 'America/New_York' }).id;
  fake.joinChannel(liaisonId, teamChannel);
  const baseEnv = {
    SLACK_BOT_TOKEN: fake.botToken,
    ...(options.socketMode ? { SLACK_APP_TOKEN: fake.appToken } : { SLACK_SIGNING_SECRET: SIGNING_SECRET }),
    SLACK_API_URL: fake.apiUrl,
    PORT: '0',
    MONGODB_URI: db.uri,
    TEAM_CHANNEL_ID: teamChannel,
    LIAISON_USER_IDS: liaisonId,
    BUSINESS_HOURS: '24x7',
    QUESTION_ESCALATE_AFTER: '1h',
    BLOCKER_ESCALATE_AFTER: '30m',
    JOBS_POLL_INTERVAL: '250ms',
    // A weekly digest landing in the team channel would surprise every test that counts its messages.
    DIGEST_SCHEDULE: 'off',
    LOG_LEVEL: 'info',
    ...env,
  };
  const start = (extra: Record<string, string> = {}) =>
    startApp(loadConfig({ ...baseEnv, ...extra }), { host: '127.0.0.1', logger: createLogger({ level: 'debug', destination }) });

  const connect = (running: RunningApp) => (options.socketMode
    ? createSocketModeRequestClient({ fake })
    : createSlackRequestClient({ appUrl: running.url, signingSecret: SIGNING_SECRET, fake }));
  let app = await start();
  let client = connect(app);
  // People keep acting through whichever app instance is running (restart tests).
  const currentClient = new Proxy({} as SlackRequestClient, { get: (_target, key) => client[key as keyof SlackRequestClient] });
  const deps = () => ({ client: currentClient, fake, channel: teamChannel });
  const people = new Map<string, Person>();
  const person = (name: string, options: { tz?: string; channels?: string[] } = {}) => {
    const known = people.get(name);
    if (known) return known;
    const created = addPerson(deps(), { name, real_name: name, email: `${name}@example.com`, tz: options.tz ?? 'America/Los_Angeles', channels: options.channels ?? [teamChannel] });
    people.set(name, created);
    return created;
  };
  people.set('lia', createPerson(liaisonId, deps()));

  const testApp: TestApp = {
    get app() {
      return app;
    },
    fake,
    get client() {
      return client;
    },
    db,
    teamChannel,
    ana: person('ana'),
    ben: person('ben', { tz: 'Europe/Berlin' }),
    lia: people.get('lia') as Person,
    logs,
    person,
    render: (message) => (message ? renderMessage(message as FakeMessage, { userName: (id) => fake.user(id)?.name }) : ''),
    teamMessage: (ts) => testApp.render(fake.message(teamChannel, ts)),
    async ask(asker, question, fields = {}) {
      const command = await asker.runSlashCommand(question);
      if (!command.ok) throw new Error(`/goodtime-help failed: ${command.failure}`);
      const modal = await asker.waitForModal({ title: 'Ask the project team' });
      await modal.fillAll({ Category: 'How-to', ...fields });
      const submitted = await modal.submit();
      if (submitted.outcome !== 'closed') throw new Error(`ask form not accepted: ${JSON.stringify(submitted.errorsByLabel)}`);
      return waitFor(() => fake.messages(teamChannel).find((m) => m.text.includes(question.slice(0, 40).replace(/[<>&]/g, ''))));
    },
    async restart(extra) {
      await app.stop();
      app = await start(extra);
      client = connect(app);
    },
    startAnotherInstance: () => start(),
    async stop() {
      await app.stop();
      await fake.close();
      const unknown = db.embedded ? [...db.embedded.unknownCommands] : [];
      await db.stop();
      // The app's traffic (driver, mongoose, agenda) must only use commands the embedded server implements.
      if (unknown.length > 0) throw new Error(`the embedded MongoDB server saw unknown commands: ${unknown.join(', ')}`);
    },
  };
  return testApp;
}

// `npm start` as a newcomer runs it: the compiled app (npm start builds it first) as a real process, configured only
// by its environment.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MongoClient } from 'mongodb';
import { startEmbeddedMongo } from '@goodtime-help/embedded-mongo';
import { createSlackRequestClient, renderMessage, type SlackRequestClient } from '@goodtime-help/slack-stand-in';
import { startSlackFake, waitFor, type SlackFake } from '@goodtime-help/slack-stand-in';
import { createPerson } from '../support/people';
import { fillTicketForm } from '../tickets/ticket-helpers';
import { startSmtpInbox } from '../delivery/smtp-inbox';
import { startImapServer } from '../support/imap-server';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const MAIN = join(REPO, 'dist', 'main.js');
const SECRET = 'process-test-signing-secret';

interface Started {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

/** In `cwd` (default: a fresh directory without a .env file, so only this environment counts). */
function startMain(env: Record<string, string>, cwd = mkdtempSync(join(tmpdir(), 'goodtime-help-'))): Started {
  const child = spawn(process.execPath, [MAIN], { cwd, env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

describe('npm start', () => {
  let fake: SlackFake;
  beforeAll(async () => {
    execFileSync(process.execPath, [join(REPO, 'scripts', 'build.mjs')], { cwd: REPO }); // what `npm start` runs first
    fake = await startSlackFake();
  });
  afterAll(async () => {
    await fake?.close();
  });

  it('when required variables are missing, then it exits non-zero naming each, without a stack trace', async () => {
    const run = startMain({ SLACK_BOT_TOKEN: 'not-a-token' });
    const code = await run.exited;
    expect(code).not.toBe(0);
    expect(run.output()).toContain('SLACK_BOT_TOKEN: expected a bot token starting with xoxb-');
    expect(run.output()).toContain('TEAM_CHANNEL_ID is missing');
    expect(run.output()).toContain('SLACK_SIGNING_SECRET');
    expect(run.output()).not.toMatch(/\n\s+at .+:\d+:\d+/);
  });

  it('when Slack refuses the token, then it stops before starting anything, naming SLACK_BOT_TOKEN and what to check', async () => {
    const team = fake.addChannel({ name: 'token-team' }).id;
    const run = startMain({ SLACK_BOT_TOKEN: 'xoxb-revoked-token', SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: fake.apiUrl, TEAM_CHANNEL_ID: team, PORT: '0', DATA_DIR: ':memory:' });
    expect(await run.exited).not.toBe(0);
    expect(run.output()).toContain('Slack refused SLACK_BOT_TOKEN (invalid_auth)');
    expect(run.output()).toContain('OAuth & Permissions');
    expect(run.output()).not.toContain('MongoDB backend'); // nothing else was started
    expect(run.output()).not.toMatch(/\n\s+at .+:\d+:\d+/);
  });

  it('when a user token or an unknown PROCESS is given, then both are named with the other configuration errors', async () => {
    const run = startMain({ SLACK_BOT_TOKEN: 'xoxp-a-user-token', SLACK_SIGNING_SECRET: SECRET, TEAM_CHANNEL_ID: 'C0TEAM', PROCESS: 'foo' });
    expect(await run.exited).toBe(2);
    expect(run.output()).toContain('SLACK_BOT_TOKEN: expected a bot token starting with xoxb-');
    expect(run.output()).toContain('PROCESS must be goodtime, careportal or a path');
  });

  it('when the bot is not in the team channel and nobody is a liaison, then it starts but says so, naming the settings', async () => {
    const team = fake.addChannel({ name: 'uninvited', botMember: false }).id;
    const run = startMain({ SLACK_BOT_TOKEN: fake.botToken, SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: fake.apiUrl, TEAM_CHANNEL_ID: team, PORT: '0', DATA_DIR: ':memory:', LOG_LEVEL: 'info' });
    try {
      await waitFor(() => run.output().includes('goodtime-help is running'), { timeout: 30_000, interval: 100 });
      expect(run.output()).toContain('The bot is not a member of the team channel (TEAM_CHANNEL_ID, #uninvited)');
      expect(run.output()).toContain('/invite @goodtime-help');
      expect(run.output()).toContain('No liaisons are configured (LIAISON_USER_IDS or LIAISON_USERGROUP_ID)');
    } finally {
      run.child.kill('SIGKILL');
    }
  });

  it('when configured, then it serves /healthz on the embedded database, acknowledges a signed command, and stops cleanly on SIGTERM', async () => {
    const team = fake.addChannel({ name: 'team' }).id;
    const user = fake.addUser({ name: 'newcomer' }).id;
    const run = startMain({
      SLACK_BOT_TOKEN: fake.botToken,
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: fake.apiUrl,
      TEAM_CHANNEL_ID: team,
      PORT: '0', // the OS picks a free port; the start-up log says which
      LOG_LEVEL: 'info',
    });
    try {
      const port = await waitFor(() => /"port":(\d+)[^\n]*goodtime-help is running/.exec(run.output())?.[1], {
        timeout: 30_000,
        interval: 100,
        message: 'the app did not log that it is running',
      }).catch((error: Error) => {
        throw new Error(`${error.message}\n--- its output ---\n${run.output()}`);
      });
      const url = `http://127.0.0.1:${port}`;
      await waitFor(async () => expect((await fetch(`${url}/healthz`)).status).toBe(200), { timeout: 10_000, interval: 200 });
      expect(run.output()).toMatch(/embedded server, data kept in \S+\/data .*several.*MONGODB_URI/);

      const client = createSlackRequestClient({ appUrl: url, signingSecret: SECRET, fake, connect: false });
      const reply = await client.slashCommand({ user, channel: team, text: 'help' });
      expect(reply.status).toBe(200);
      expect(reply.ms).toBeLessThan(3000);
      expect(JSON.stringify(reply.body)).toContain('/goodtime-help search');

      // Work still in flight when SIGTERM comes (a slow Slack) is finished before the process exits.
      const asker = createPerson(user, { client, fake, channel: team });
      await asker.runSlashCommand('Shutdown check: where is the offer letter template?');
      const modal = await asker.waitForModal({ title: 'Ask the project team' });
      await modal.fill('Category', 'How-to');
      fake.setLatency(1_500, 'chat.postMessage');
      expect((await modal.submit()).outcome).toBe('closed');
      const stopping = Date.now();
      run.child.kill('SIGTERM');
      expect(await run.exited).toBe(0);
      expect(run.output()).toContain('stopped');
      expect(fake.messages(team).some((m) => m.text.includes('Shutdown check'))).toBe(true);
      // Stopped, it wrote its code cache again, now with the code that served these requests (src/entry.ts).
      expect(statSync(join(REPO, 'dist', 'app.cjs.v8-cache')).mtimeMs).toBeGreaterThanOrEqual(stopping);
    } finally {
      run.child.kill('SIGKILL');
    }
  });

  it('when mail is configured, then the compiled app emails Support about a ticket and posts the vendor\'s reply in its thread', { timeout: 60_000 }, async () => {
    // The mail libraries are evaluated on first use, from inside the bundle: this is where they are proved to work there.
    const [inbox, imap] = await Promise.all([startSmtpInbox(), startImapServer({ user: 'replies@example.com' })]);
    const lia = fake.addUser({ name: 'lia-mail' }).id;
    const team = fake.addChannel({ name: 'mail-team', members: [lia] }).id;
    const run = startMain({
      SLACK_BOT_TOKEN: fake.botToken, SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: fake.apiUrl, TEAM_CHANNEL_ID: team, LIAISON_USER_IDS: lia,
      PORT: '0', LOG_LEVEL: 'info', DATA_DIR: ':memory:',
      SMTP_URL: inbox.url, MAIL_FROM: 'goodtime-help@example.com', SUPPORT_EMAIL: 'support@goodtime.example', IMAP_URL: imap.url, IMAP_POLL_INTERVAL: '1s',
    });
    try {
      const port = await waitFor(() => /"port":(\d+)[^\n]*goodtime-help is running/.exec(run.output())?.[1], { timeout: 30_000, interval: 100 }).catch((error: Error) => {
        throw new Error(`${error.message}\n--- its output ---\n${run.output()}`);
      });
      const client = createSlackRequestClient({ appUrl: `http://127.0.0.1:${port}`, signingSecret: SECRET, fake });
      const liaison = createPerson(lia, { client, fake, channel: team });
      expect((await liaison.runSlashCommand('ticket')).ok).toBe(true);
      const form = await fillTicketForm(liaison, {
        summary: 'Calendar sync stopped for the Denver office',
        fields: { 'What were you trying to do?': 'Book a panel', 'What actually happened?': 'No free slots shown', 'Interviews affected': 'Many interviews', 'Who is affected?': 'Several users', 'When does it happen?': 'Happening right now' },
      });
      expect((await form.submit()).outcome).toBe('closed');
      const card = await waitFor(() => fake.messages(team).find((m) => m.text.includes('Calendar sync stopped for the Denver office')), { timeout: 15_000 });
      const [email] = await inbox.waitForMessages(1, 20_000);
      expect(email?.to).toEqual(['support@goodtime.example']);

      await imap.deliver(
        [
          'From: Jane Doe <jane@goodtime.io>',
          'To: goodtime-help@example.com',
          `Subject: Re: ${email?.subject}`,
          'Message-ID: <vendor-reply-1@goodtime.io>',
          `In-Reply-To: ${email?.messageId}`,
          `Date: ${new Date().toUTCString()}`,
          'MIME-Version: 1.0',
          'Content-Type: text/html; charset=utf-8',
          '',
          '<p>Thanks, we are looking at the <b>Denver</b> calendar connection.</p>',
          '',
        ].join('\r\n'),
      );
      await waitFor(() => expect(fake.thread(team, card.ts).map((m) => m.text).join('\n')).toContain('we are looking at the Denver calendar connection'), { timeout: 20_000 });
    } finally {
      run.child.kill('SIGTERM');
      await run.exited;
      await inbox.stop();
      await imap.destroy();
    }
  });

  it('with the default configuration, questions, tickets, subscriptions and the knowledge base survive SIGKILL and SIGTERM restarts', { timeout: 120_000 }, async () => {
    const [ana, ben, lia] = ['ana', 'ben', 'lia'].map((name) => fake.addUser({ name }).id) as [string, string, string];
    const team = fake.addChannel({ name: 'project-team', members: [ana, ben, lia] }).id;
    const ops = fake.addChannel({ name: 'recruiting-ops', members: [lia] }).id;
    const cwd = mkdtempSync(join(tmpdir(), 'goodtime-help-'));
    const env = { SLACK_BOT_TOKEN: fake.botToken, SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: fake.apiUrl, TEAM_CHANNEL_ID: team, LIAISON_USER_IDS: lia, PORT: '0', LOG_LEVEL: 'info' };
    let run: Started | undefined;
    let client: SlackRequestClient | undefined;
    const start = async () => {
      run = startMain(env, cwd);
      const started = run;
      const port = await waitFor(() => /"port":(\d+)[^\n]*goodtime-help is running/.exec(started.output())?.[1], { timeout: 30_000, interval: 100 }).catch((error: Error) => {
        throw new Error(`${error.message}\n--- its output ---\n${started.output()}`);
      });
      client = createSlackRequestClient({ appUrl: `http://127.0.0.1:${port}`, signingSecret: SECRET, fake }); // events go to the new process
    };
    const current = new Proxy({} as SlackRequestClient, { get: (_t, key) => (client as SlackRequestClient)[key as keyof SlackRequestClient] });
    const person = (id: string) => createPerson(id, { client: current, fake, channel: team });
    const card = (text: string) => waitFor(() => fake.messages(team).find((m) => m.text.includes(text)), { timeout: 15_000 });
    const cardText = (ts: string) => renderMessage(fake.message(team, ts) ?? {});
    const ask = async (who: string, text: string) => {
      await person(who).runSlashCommand(text);
      const modal = await person(who).waitForModal({ title: 'Ask the project team' });
      await modal.fill('Category', 'How-to');
      expect((await modal.submit()).outcome).toBe('closed');
      return card(text);
    };

    try {
      await start();
      expect(existsSync(join(cwd, 'data'))).toBe(true);
      const answered = await ask(ana, 'Why does the candidate see no availability for Friday?');
      await person(ben).replyInThread(team, answered.ts, 'Friday is blocked by the working-hours rule; adjust it in Settings.');
      await waitFor(() => expect(cardText(answered.ts)).toContain(`First response by @${ben}`), { timeout: 15_000 });
      const reply = await waitFor(() => fake.thread(team, answered.ts).find((m) => m.user === ben), { timeout: 15_000 });
      await person(ana).react(team, reply.ts, 'white_check_mark');
      await waitFor(() => fake.thread(team, answered.ts).find((m) => m.text.includes('Saved to the knowledge base')), { timeout: 15_000 });
      const open = await ask(ana, 'Where do I change the offer letter template?');
      expect((await person(lia).runSlashCommand('ticket')).ok).toBe(true);
      const form = await fillTicketForm(person(lia), {
        summary: 'Reminders stopped going out',
        fields: { 'What were you trying to do?': 'Send reminders', 'What actually happened?': 'None went out', 'Interviews affected': 'Many interviews', 'Who is affected?': 'The whole organisation', 'When does it happen?': 'Happening right now' },
      });
      expect((await form.submit()).outcome).toBe('closed');
      await card('Reminders stopped going out');
      await person(lia).runSlashCommand('subscribe', { channel: ops });
      await waitFor(() => fake.messages(ops).find((m) => m.text.includes('now gets GoodTime incident updates')), { timeout: 15_000 });

      // A power cut: the data must already be on disk.
      run?.child.kill('SIGKILL');
      await run?.exited;
      await start();
      await person(ben).runSlashCommand('search friday availability');
      await waitFor(() => person(ben).ephemerals().find((e) => e.text?.includes('answered question')), { timeout: 15_000 });
      await person(ben).replyInThread(team, open.ts, 'Settings → Offer letters.');
      await waitFor(() => expect(cardText(open.ts)).toContain(`First response by @${ben}`), { timeout: 15_000 });

      run?.child.kill('SIGTERM');
      expect(await run?.exited).toBe(0);
      await start();
      run?.child.kill('SIGTERM');
      expect(await run?.exited).toBe(0);

      // What is on disk, read directly.
      const server = await startEmbeddedMongo({ dataDir: join(cwd, 'data') });
      const mongo = await MongoClient.connect(`${server.uri}/goodtime-help`);
      try {
        const db = mongo.db();
        expect(await db.collection('questions').countDocuments()).toBe(2);
        expect(await db.collection('tickets').countDocuments({ title: 'Reminders stopped going out' })).toBe(1);
        expect(await db.collection('incident_subscriptions').countDocuments({ channelId: ops })).toBe(1);
        expect(await db.collection('knowledge').countDocuments()).toBe(1);
      } finally {
        await mongo.close();
        await server.stop();
      }
    } finally {
      run?.child.kill('SIGKILL');
    }
  });

  it('when `npm start` gets SIGTERM, then the app itself shuts down cleanly and npm exits only after it', { timeout: 60_000 }, async () => {
    const team = fake.addChannel({ name: 'npm-start-team' }).id;
    const child = spawn('npm', ['start'], {
      cwd: REPO,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', SLACK_BOT_TOKEN: fake.botToken, SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: fake.apiUrl, TEAM_CHANNEL_ID: team, PORT: '0', DATA_DIR: ':memory:', LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true, // its own process group, so a failing run leaves no app behind
    });
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      await waitFor(() => output.includes('goodtime-help is running'), { timeout: 45_000, interval: 100 }).catch((error: Error) => {
        throw new Error(`${error.message}\n--- its output ---\n${output}`);
      });
      child.kill('SIGTERM'); // what a container runtime sends to npm
      expect(await exited).toBe(0);
      expect(output).toContain('"msg":"stopped"'); // the app's own shutdown ran to the end before npm exited
    } finally {
      try {
        process.kill(-(child.pid as number), 'SIGKILL');
      } catch {
        // the group is already gone
      }
    }
  });
});

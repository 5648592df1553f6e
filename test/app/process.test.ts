// `npm start` as a newcomer runs it: the compiled app (npm start builds it first) as a real process, configured only
// by its environment.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSlackRequestClient } from '@goodtime-help/slack-stand-in';
import { startSlackFake, waitFor, type SlackFake } from '@goodtime-help/slack-stand-in';
import { createPerson } from '../support/people';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const MAIN = join(REPO, 'dist', 'main.js');
const SECRET = 'process-test-signing-secret';

interface Started {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

function startMain(env: Record<string, string>): Started {
  // A directory without a .env file, so only this environment counts.
  const cwd = mkdtempSync(join(tmpdir(), 'goodtime-help-'));
  const child = spawn(process.execPath, ['--enable-source-maps', MAIN], { cwd, env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
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
      expect(run.output()).toContain('embedded in-memory server');

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
      run.child.kill('SIGTERM');
      expect(await run.exited).toBe(0);
      expect(run.output()).toContain('stopped');
      expect(fake.messages(team).some((m) => m.text.includes('Shutdown check'))).toBe(true);
    } finally {
      run.child.kill('SIGKILL');
    }
  });
});

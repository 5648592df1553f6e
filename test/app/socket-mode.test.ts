// The real app in Socket Mode (SLACK_APP_TOKEN, no signing secret): commands, modals and events arrive as
// envelopes on its WebSocket to the fake, and it survives Slack asking it to reconnect.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebClient } from '@slack/web-api';
import { ConfigError, loadConfig } from '../../src/config';
import { startTestApp, type TestApp } from '../support/app';
import { silentLogger, waitFor } from '@goodtime-help/slack-stand-in';
import type { Person } from '../support/people';

describe('the app in Socket Mode', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({}, { socketMode: true });
  });
  afterAll(async () => {
    await t?.stop();
  });
  const confirmed = (person: Person) => waitFor(() => person.dms().find((m) => m.text.includes('Your question is with the project team')));

  it('when it starts, then it opened a Socket Mode connection with the app token and serves no request URL', async () => {
    expect(t.app.config.SLACK_APP_TOKEN).toBe(t.fake.appToken);
    expect(t.app.config.SLACK_SIGNING_SECRET).toBeUndefined();
    expect(t.fake.callsTo('apps.connections.open')).toMatchObject([{ response: { ok: true } }]);
    expect(t.fake.socketMode.openConnections).toBe(1);
    const post = await fetch(`${t.app.url}/slack/events`, { method: 'POST', body: '{}' });
    expect(post.status).toBe(404);
  });

  it('when ana runs /goodtime-help help, then the help comes back in the ack', async () => {
    const help = await t.ana.runSlashCommand('help');
    expect(help).toMatchObject({ ok: true, status: 200 });
    expect(JSON.stringify(help.body)).toContain('/goodtime-help search');
    expect(t.ana.ephemerals().some((e) => e.text.includes('ask the project team'))).toBe(true);
    expect(t.fake.socketMode.envelopes.at(-1)).toMatchObject({ type: 'slash_commands', payload: { text: 'help', user_id: t.ana.id } });
  });

  it('when ana asks through the modal and ben replies in the thread, then the card appears and shows the first response', async () => {
    const card = await t.ask(t.ana, 'How do I move a debrief to next week over Socket Mode?');
    expect(t.teamMessage(card.ts)).toContain('Question from @ana');
    expect(t.fake.socketMode.envelopes.some((e) => e.type === 'interactive' && e.payload.type === 'view_submission')).toBe(true);
    await confirmed(t.ana); // the app has stored the card's ts (a reply before that would not find the question)

    await t.ben.replyInThread(t.teamChannel, card.ts, 'Open the debrief and pick "Reschedule".');
    await waitFor(() => expect(t.teamMessage(card.ts)).toContain('First response by @ben'));
    const replyEvent = t.fake.socketMode.envelopes.find((e) => e.type === 'events_api' && (e.payload.event as { user?: string }).user === t.ben.id);
    expect(replyEvent).toMatchObject({ ack: {} });
    expect(t.fake.deliveries.every((d) => d.status === 200)).toBe(true);
    t.fake.expectNoViolations();
  });

  it('when asked for /healthz, then it still answers on the HTTP port', async () => {
    const res = await fetch(`${t.app.url}/healthz`);
    expect(res.status).toBe(200);
  });

  it('when a bot token is given as the app token, then apps.connections.open refuses it and the config rejects it', async () => {
    const web = new WebClient(t.fake.botToken, { slackApiUrl: t.fake.apiUrl, retryConfig: { retries: 0 }, logger: silentLogger() });
    await expect(web.apps.connections.open()).rejects.toMatchObject({ data: { ok: false, error: 'not_allowed_token_type' } });
    const env = { SLACK_BOT_TOKEN: t.fake.botToken, SLACK_APP_TOKEN: t.fake.botToken, TEAM_CHANNEL_ID: t.teamChannel };
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(/SLACK_APP_TOKEN: expected an app-level token/);
  });

  it('when Slack sends disconnect, then the app reconnects with a new URL and keeps working', async () => {
    const opened = t.fake.callsTo('apps.connections.open').length;
    await t.fake.socketMode.disconnect('refresh_requested');
    // @slack/socket-mode waits one client ping timeout (5 s by default) before reconnecting.
    await waitFor(() => expect(t.fake.socketMode.connected).toBe(true), { timeout: 15_000 });
    expect(t.fake.callsTo('apps.connections.open')).toHaveLength(opened + 1);
    expect(t.fake.socketMode.connectionCount).toBe(2);

    const card = await t.ask(t.ben, 'After the reconnect: can panels span two days?');
    await confirmed(t.ben);
    await t.lia.replyInThread(t.teamChannel, card.ts, 'Yes, use a multi-day schedule.');
    await waitFor(() => expect(t.teamMessage(card.ts)).toContain('First response by @lia'));
  }, 30_000);

  it.each([
    ['interactive', 'block_actions without actions', { type: 'block_actions', actions: [] }],
    ['slash_commands', 'slash command without user_id, channel_id, trigger_id', { command: '/goodtime-help', text: 'help' }],
    ['events_api', 'event_callback without an event', { type: 'event_callback', event_id: 'Ev0SOCKETBAD' }],
  ] as const)('when Slack sends a malformed %s envelope (%s), then it is acknowledged with nothing done and one warning', async (type, malformed, payload) => {
    // What the app would do for a person: post, answer, open a modal (its own background sweeps may look things up).
    const effects = () => t.fake.calls.filter((c) => /^(chat|views)\./.test(c.method)).length;
    for (let seen = -1; seen !== effects(); ) {
      seen = effects(); // the earlier tests' last posts land first
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
    const before = effects();
    const logged = t.logs.length;
    const result = await t.fake.socketMode.send(type, { ...payload, user: { id: t.ana.id } } as never);
    expect(result.status).toBe(200);
    expect(result.ms).toBeLessThan(1_000);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(effects()).toBe(before);
    const warnings = t.logs.slice(logged).map((line) => JSON.parse(line) as { level: number; msg: string; malformed?: string }).filter((l) => l.level >= 40);
    expect(warnings).toEqual([expect.objectContaining({ msg: 'malformed Slack request answered; nothing done', malformed })]);
  });

  it('when the app logs, then the app token does not appear', () => {
    expect(t.logs.join('\n')).not.toContain(t.fake.appToken);
  });
});

// The fake's Socket Mode, driven by Slack's own SocketModeClient: apps.connections.open, hello, envelopes and
// acks for slash commands, interactions and events, Slack's 3-second limit and retries, and disconnect.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SocketModeClient } from '@slack/socket-mode';
import { WebClient } from '@slack/web-api';
import { WebSocket } from 'ws';
import { silentLogger, startSlackFake, waitFor } from '@goodtime-help/slack-stand-in';
import { globalShortcut } from '@goodtime-help/slack-stand-in';
import { createSocketModeRequestClient } from '@goodtime-help/slack-stand-in';
import { addPerson } from '../support/people';
import type { SlackFake } from '@goodtime-help/slack-stand-in';
import type { SlackRequestClient } from '@goodtime-help/slack-stand-in';
import type { Person } from '../support/people';

type Incoming = { type: string; body: Record<string, unknown>; ack: (response?: Record<string, unknown>) => Promise<void> };

let fake: SlackFake;
let channel: string;
let socket: SocketModeClient;
let client: SlackRequestClient;
let ana: Person;
/** Raw messages the client received (hello, disconnect, envelopes). */
const received: Record<string, unknown>[] = [];
/** What the "app" does with each envelope; tests replace it. */
let handle: (incoming: Incoming) => Promise<void>;

const web = (token?: string) => new WebClient(token, { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 }, logger: silentLogger() });
const errorOf = (promise: Promise<unknown>) => promise.then(() => 'ok', (e: { data?: { error?: string } }) => e.data?.error);

beforeAll(async () => {
  fake = await startSlackFake();
  channel = fake.addChannel({ name: 'goodtime-help' }).id;
  // clientPingTimeout also sets the client's reconnect delay (1 × timeout): 1 s keeps the disconnect test quick.
  socket = new SocketModeClient({ appToken: fake.appToken, logger: silentLogger(), clientPingTimeout: 1000, clientOptions: { slackApiUrl: fake.apiUrl } });
  socket.on('ws_message', (data: Buffer | string) => received.push(JSON.parse(String(data)) as Record<string, unknown>));
  socket.on('slack_event', (incoming: Incoming) => void handle(incoming));
  await socket.start();
  client = createSocketModeRequestClient({ fake });
  ana = addPerson({ client, fake, channel }, { name: 'ana', channels: [channel] });
});
afterAll(async () => {
  await socket.disconnect();
  await fake.close();
});
beforeEach(() => {
  fake.reset();
  received.length = 0;
  handle = ({ ack }) => ack();
});

describe('apps.connections.open', () => {
  it('gives the app-level token a ws:// URL on the fake', async () => {
    const res = await web(fake.appToken).apps.connections.open();
    expect(res.url).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/socket-mode\?ticket=[\w-]+$/);
  });

  it("refuses other tokens with Slack's errors, and the app token on bot methods", async () => {
    expect(await errorOf(web(fake.botToken).apps.connections.open())).toBe('not_allowed_token_type');
    expect(await errorOf(web('xapp-1-wrong').apps.connections.open())).toBe('invalid_auth');
    expect(await errorOf(web().apps.connections.open())).toBe('not_authed');
    expect(await errorOf(web(fake.appToken).chat.postMessage({ channel, text: 'hi' }))).toBe('not_allowed_token_type');
  });

  it('accepts each URL once', async () => {
    const { url } = await web(fake.appToken).apps.connections.open();
    const connect = () => new Promise<string>((resolve) => {
      const ws = new WebSocket(String(url));
      ws.once('message', (data) => {
        ws.close();
        resolve(String(data));
      });
      ws.once('unexpected-response', (_req, res) => resolve(`HTTP ${res.statusCode}`));
    });
    expect(JSON.parse(await connect())).toMatchObject({ type: 'hello', connection_info: { app_id: fake.appId } });
    expect(await connect()).toBe('HTTP 401');
  });
});

describe('a SocketModeClient connected to the fake', () => {
  it('was greeted with hello when it connected', async () => {
    const fresh = new SocketModeClient({ appToken: fake.appToken, logger: silentLogger(), clientOptions: { slackApiUrl: fake.apiUrl } });
    const messages: Record<string, unknown>[] = [];
    fresh.on('ws_message', (data: Buffer | string) => messages.push(JSON.parse(String(data)) as Record<string, unknown>));
    await fresh.start();
    expect(messages[0]).toMatchObject({
      type: 'hello', num_connections: 2, connection_info: { app_id: fake.appId }, debug_info: { host: expect.any(String) as string },
    });
    await fresh.disconnect();
    await waitFor(() => expect(fake.socketMode.openConnections).toBe(1));
  });

  it('gets a slash command as a slash_commands envelope; the ack payload is the reply Slack shows', async () => {
    handle = ({ body, ack }) => ack({ response_type: 'ephemeral', text: `You said: ${String(body.text)}` });
    const res = await ana.runSlashCommand('hello there');
    expect(res).toMatchObject({ ok: true, status: 200, body: { response_type: 'ephemeral', text: 'You said: hello there' } });
    expect(received[0]).toMatchObject({
      type: 'slash_commands', accepts_response_payload: true, envelope_id: expect.any(String) as string,
      payload: { command: '/goodtime-help', text: 'hello there', user_id: ana.id, channel_id: channel, trigger_id: res.triggerId },
    });
    expect(ana.ephemerals().map((e) => e.text)).toEqual(['You said: hello there']);
    expect(fake.socketMode.envelopes[0]).toMatchObject({ type: 'slash_commands', ack: { text: 'You said: hello there' } });
  });

  it('gets an interaction as an interactive envelope; a bare ack is an empty 200', async () => {
    const payload = globalShortcut(fake.ws, { user: ana.id, callbackId: 'ask', triggerId: fake.issueTriggerId(ana.id) });
    const res = await client.interaction(payload);
    expect(res).toMatchObject({ status: 200, body: '', text: '' });
    expect(received[0]).toMatchObject({ type: 'interactive', payload: { type: 'shortcut', callback_id: 'ask' } });
  });

  it("gets people's messages as events_api envelopes (event_callback payload)", async () => {
    const { delivery } = await fake.userPostMessage(ana.id, channel, 'morning!');
    expect(delivery).toMatchObject({ status: 200 });
    expect(received[0]).toMatchObject({
      type: 'events_api', accepts_response_payload: false, retry_attempt: 0, retry_reason: '',
      payload: { type: 'event_callback', api_app_id: fake.appId, event: { type: 'message', text: 'morning!', user: ana.id } },
    });
    expect(fake.deliveries).toMatchObject([{ type: 'message', attempt: 0, status: 200 }]);
  });

  it('without an ack in time the envelope fails, and Slack redelivers events with retry_attempt', async () => {
    const message = await ana.postMessage(channel, 'react to me');
    let reactions = 0;
    handle = async ({ body, ack }) => {
      if ((body.event as { type?: string }).type === 'reaction_added' && ++reactions === 1) return; // never acknowledged
      await ack();
    };
    fake.connectSocketApp({ retryDelaysMs: [0], timeoutMs: 300 });
    try {
      const delivery = await fake.userReact(ana.id, channel, message.ts, 'eyes');
      expect(delivery).toMatchObject({ status: 200 });
    } finally {
      fake.connectSocketApp();
    }
    expect(fake.deliveries.filter((d) => d.type === 'reaction_added')).toMatchObject([{ attempt: 0, status: 0, error: 'no ack within 300 ms' }, { attempt: 1, status: 200 }]);
    expect(received.filter((m) => m.type === 'events_api').at(-1)).toMatchObject({ retry_attempt: 1, retry_reason: 'timeout' });

    handle = async () => undefined;
    const slow = await ana.runSlashCommand('nobody answers');
    expect(slow).toMatchObject({ ok: false, status: 0, failure: 'operation_timeout' });
    expect(slow.ms).toBeGreaterThanOrEqual(2900);
  });

  it('after disconnect the client opens a new URL, reconnects and keeps working', async () => {
    const before = fake.socketMode.connectionCount;
    await fake.socketMode.disconnect('refresh_requested');
    expect(received).toContainEqual(expect.objectContaining({ type: 'disconnect', reason: 'refresh_requested' }));
    expect((await client.interaction(globalShortcut(fake.ws, { user: ana.id, callbackId: 'x', triggerId: fake.issueTriggerId(ana.id) }))).error)
      .toBe('no Socket Mode connection');
    await waitFor(() => expect(fake.socketMode.connectionCount).toBe(before + 1), { timeout: 10_000 });
    expect(fake.callsTo('apps.connections.open')).toHaveLength(1);
    handle = ({ ack }) => ack({ text: 'still here' });
    expect(await ana.runSlashCommand('are you there?')).toMatchObject({ ok: true, body: { text: 'still here' } });
  });
});

describe('without a Socket Mode connection', () => {
  it('envelopes fail at once, like an unreachable request URL', async () => {
    const lonely = await startSlackFake();
    try {
      const res = await lonely.socketMode.send('events_api', { type: 'event_callback' });
      expect(res).toMatchObject({ status: 0, error: 'no Socket Mode connection' });
      expect(res.ms).toBeLessThan(100);
    } finally {
      await lonely.close();
    }
  });
});

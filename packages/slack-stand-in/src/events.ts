// Slack's event delivery side: Events API envelopes (event_callback), signed POSTs to the app's request URL (or
// events_api envelopes over Socket Mode), optional retries with X-Slack-Retry-Num / X-Slack-Retry-Reason (Socket
// Mode: retry_attempt / retry_reason), and a log of deliveries.
import { postSigned } from './signing';
import { VERIFICATION_TOKEN } from './payloads';
import { viewOut } from './methods-views';
import { sleep } from './util';
import type { HttpResult } from './signing';
import type { SocketModeServer } from './socket-mode';
import type { Workspace } from './store';
import type { EventDelivery, FakeMessage, FakeView, JsonObject } from './types';

export interface DeliverySettings {
  /** Also deliver the bot's own messages (Slack does, with bot_id; Bolt ignores them). Default false. */
  deliverBotMessages?: boolean;
  /** Delays before retrying a failed delivery (Slack: immediately, 1 min, 5 min). Default: no retries. */
  retryDelaysMs?: number[];
  /** How long Slack waits for the ack (3 s). */
  timeoutMs?: number;
}

/** The app receives events at its request URL (HTTP). */
export interface AppConnection extends DeliverySettings {
  /** The app's request URL, e.g. http://127.0.0.1:PORT/slack/events */
  url: string;
  signingSecret: string;
}

/** The app is connected by Socket Mode: events go over its WebSocket as `events_api` envelopes. */
export interface SocketAppConnection extends DeliverySettings {
  socketMode: SocketModeServer;
}

export interface DeliveryResult extends HttpResult {
  eventId: string;
}

let eventCounter = 0;

export class EventDeliverer {
  connection: AppConnection | SocketAppConnection | undefined;
  deliveries: EventDelivery[] = [];
  private readonly inFlight = new Set<Promise<unknown>>();

  constructor(private readonly ws: Workspace) {}

  newEventId(): string {
    eventCounter += 1;
    return `Ev${String(eventCounter).padStart(4, '0')}${this.ws.ids.next('').slice(0, 6)}`;
  }

  envelope(event: JsonObject, eventId = this.newEventId()): JsonObject {
    const { ws } = this;
    return {
      token: VERIFICATION_TOKEN, team_id: ws.team.id, context_team_id: ws.team.id, context_enterprise_id: null,
      api_app_id: ws.bot.appId, event, type: 'event_callback', event_id: eventId,
      event_time: Math.floor(ws.now() / 1000),
      authorizations: [{ enterprise_id: null, team_id: ws.team.id, user_id: ws.bot.userId, is_bot: true, is_enterprise_install: false }],
      is_ext_shared_channel: false,
      event_context: Buffer.from(`4-${eventId}-${ws.team.id}`).toString('base64'),
    };
  }

  /** Delivers one event and waits for the app's response; undefined when no app is connected. */
  async deliver(event: JsonObject, eventId?: string): Promise<DeliveryResult | undefined> {
    const connection = this.connection;
    if (!connection) return undefined;
    const envelope = this.envelope(event, eventId);
    const id = String(envelope.event_id);
    const raw = JSON.stringify(envelope);
    const run = async (): Promise<DeliveryResult> => {
      let result = await this.attempt(connection, raw, id, String(event.type), 0, undefined);
      const delays = connection.retryDelaysMs ?? [];
      for (let i = 0; i < delays.length && !(result.status >= 200 && result.status < 300); i += 1) {
        await sleep(delays[i] ?? 0);
        result = await this.attempt(connection, raw, id, String(event.type), i + 1, result.error ? 'http_timeout' : 'http_error');
      }
      return result;
    };
    const promise = run();
    this.inFlight.add(promise);
    try {
      return await promise;
    } finally {
      this.inFlight.delete(promise);
    }
  }

  private async attempt(c: AppConnection | SocketAppConnection, raw: string, eventId: string, type: string, retryNum: number, reason: string | undefined): Promise<DeliveryResult> {
    const headers: Record<string, string> = retryNum > 0 ? { 'X-Slack-Retry-Num': String(retryNum), 'X-Slack-Retry-Reason': reason ?? 'http_error' } : {};
    const result = 'socketMode' in c
      ? await c.socketMode.send('events_api', JSON.parse(raw) as JsonObject, { timeoutMs: c.timeoutMs ?? 3000, retryAttempt: retryNum, retryReason: retryNum > 0 ? 'timeout' : '' })
      : await postSigned(c.url, c.signingSecret, raw, 'application/json', headers, c.timeoutMs ?? 3000);
    this.deliveries.push({
      eventId, type, attempt: retryNum, status: result.status, ms: result.ms, body: result.text,
      ...(result.error ? { error: result.error } : {}),
    });
    return { ...result, eventId };
  }

  /** Resolves when no delivery is in flight (the bot's own messages are delivered in the background). */
  async idle(): Promise<void> {
    while (this.inFlight.size) await Promise.allSettled([...this.inFlight]);
  }
}

function richText(text: string): JsonObject[] {
  return [{ type: 'rich_text', block_id: 'rt0', elements: [{ type: 'rich_text_section', elements: [{ type: 'text', text }] }] }];
}

/** The `message` event for a message in a channel, thread or DM. */
export function messageEvent(ws: Workspace, message: FakeMessage): JsonObject {
  const channel = ws.requireChannel(message.channel);
  const event: JsonObject = {
    type: 'message', channel: message.channel, text: message.text, ts: message.ts, event_ts: message.ts,
    channel_type: ws.channelType(channel), team: ws.team.id,
  };
  if (message.bot_id) {
    Object.assign(event, { user: message.user, bot_id: message.bot_id, app_id: message.app_id, bot_profile: message.bot_profile });
    if (message.blocks) event.blocks = message.blocks;
  } else {
    Object.assign(event, { user: message.user, client_msg_id: message.client_msg_id });
    if (message.blocks) event.blocks = richText(message.text);
  }
  if (message.subtype) event.subtype = message.subtype;
  if (message.files) {
    // Slack still sends a person's upload to the Events API as the `file_share` subtype (the stored message, as
    // conversations.history returns it, has none), and without `team` (slackapi/slack-api-specs#62).
    Object.assign(event, { files: structuredClone(message.files), upload: message.upload ?? true, display_as_bot: false });
    event.subtype ??= 'file_share';
    delete event.team;
  }
  if (message.thread_ts && message.thread_ts !== message.ts) {
    event.thread_ts = message.thread_ts;
    if (message.parent_user_id) event.parent_user_id = message.parent_user_id;
  }
  return event;
}

export function appMentionEvent(ws: Workspace, message: FakeMessage): JsonObject {
  const event: JsonObject = {
    type: 'app_mention', user: message.user, text: message.text, ts: message.ts, channel: message.channel,
    event_ts: message.ts, team: ws.team.id, client_msg_id: message.client_msg_id, blocks: richText(message.text),
  };
  if (message.files) Object.assign(event, { files: structuredClone(message.files), upload: message.upload ?? true, display_as_bot: false });
  if (message.thread_ts && message.thread_ts !== message.ts) event.thread_ts = message.thread_ts;
  return event;
}

export function reactionEvent(ws: Workspace, type: 'reaction_added' | 'reaction_removed', user: string, reaction: string, message: FakeMessage): JsonObject {
  return {
    type, user, reaction, item_user: message.user ?? ws.bot.userId,
    item: { type: 'message', channel: message.channel, ts: message.ts }, event_ts: (ws.now() / 1000).toFixed(6),
  };
}

export function appHomeOpenedEvent(ws: Workspace, user: string, tab: 'home' | 'messages', view: FakeView | undefined): JsonObject {
  const event: JsonObject = { type: 'app_home_opened', user, channel: ws.openDm(user).id, tab, event_ts: (ws.now() / 1000).toFixed(6) };
  if (view && tab === 'home') event.view = viewOut(view);
  return event;
}

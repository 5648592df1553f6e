// Sends the app exactly what Slack sends: signed slash commands, interaction payloads and Events API callbacks.
import { slashCommandFields, VERIFICATION_TOKEN } from './payloads';
import { postRaw, signSlackRequest } from './signing';
import type { AppConnection } from './events';
import type { SlackFake } from './fake';
import type { HttpResult } from './signing';
import type { JsonObject } from './types';

export interface SlackRequestClientOptions {
  /** The app's base URL, e.g. http://127.0.0.1:PORT */
  appUrl: string;
  signingSecret: string;
  fake: SlackFake;
  /** Request path of the app (default /slack/events, Bolt's default). */
  path?: string;
  /** Also register the app with the fake for event delivery (default true). */
  connect?: boolean;
  /** Event delivery settings when connecting (deliverBotMessages, retryDelaysMs, timeoutMs). */
  delivery?: Omit<AppConnection, 'url' | 'signingSecret'>;
  /** Client-side timeout; Slack itself gives up after 3 s (the people helpers judge that). Default 10 s. */
  timeoutMs?: number;
}

export type SlackResponse = HttpResult;

export interface SlashCommandInput {
  user: string;
  channel: string;
  text?: string;
  command?: string;
  /** Defaults: fresh ones minted by the fake. */
  triggerId?: string;
  responseUrl?: string;
}

export interface EventOptions {
  eventId?: string;
  retryNum?: number;
  retryReason?: string;
}

export interface SlackRequestClient {
  readonly url: string;
  readonly fake: SlackFake;
  sign(rawBody: string, timestamp: number): string;
  /** X-Slack-Request-Timestamp / X-Slack-Signature for a body (timestamp defaults to now). */
  signedHeaders(rawBody: string, timestamp?: number): Record<string, string>;
  slashCommand(input: SlashCommandInput): Promise<SlackResponse & { triggerId: string; responseUrl: string }>;
  interaction(payload: JsonObject, options?: { timeoutMs?: number }): Promise<SlackResponse>;
  event(event: JsonObject, options?: EventOptions): Promise<SlackResponse & { eventId: string }>;
  urlVerification(challenge?: string): Promise<SlackResponse>;
  /** Sends any body with exactly these headers (no signing): for stale or wrongly signed requests. */
  raw(body: string, headers: Record<string, string>): Promise<SlackResponse>;
}

/** What Slack sends for a slash command (form fields over HTTP, the same fields as an object over Socket Mode),
 *  with a fresh trigger_id and response_url unless given. */
export function slashCommandRequest(fake: SlackFake, input: SlashCommandInput): { fields: Record<string, string>; triggerId: string; responseUrl: string } {
  const triggerId = input.triggerId ?? fake.issueTriggerId(input.user);
  const responseUrl = input.responseUrl ?? fake.newResponseUrl(input.user, input.channel);
  const fields = slashCommandFields(fake.ws, {
    user: input.user, channel: fake.channel(input.channel)?.id ?? input.channel, text: input.text ?? '',
    command: input.command ?? '/goodtime-help', responseUrl, triggerId,
  });
  return { fields, triggerId, responseUrl };
}

export function createSlackRequestClient(options: SlackRequestClientOptions): SlackRequestClient {
  const { fake, signingSecret } = options;
  const url = `${options.appUrl.replace(/\/$/, '')}${options.path ?? '/slack/events'}`;
  const timeoutMs = options.timeoutMs ?? 10_000;
  if (options.connect ?? true) fake.connectApp({ ...options.delivery, url, signingSecret });

  const signedHeaders = (rawBody: string, timestamp = Math.floor(Date.now() / 1000)) => ({
    'X-Slack-Request-Timestamp': String(timestamp),
    'X-Slack-Signature': signSlackRequest(signingSecret, rawBody, timestamp),
  });
  const post = (rawBody: string, contentType: string, extra: Record<string, string> = {}, timeout = timeoutMs) =>
    postRaw(url, rawBody, { 'Content-Type': contentType, ...signedHeaders(rawBody), ...extra }, timeout);

  return {
    url,
    fake,
    sign: (rawBody, timestamp) => signSlackRequest(signingSecret, rawBody, timestamp),
    signedHeaders,
    async slashCommand(input) {
      const { fields, triggerId, responseUrl } = slashCommandRequest(fake, input);
      const result = await post(new URLSearchParams(fields).toString(), 'application/x-www-form-urlencoded');
      return { ...result, triggerId, responseUrl };
    },
    interaction(payload, opts = {}) {
      const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
      return post(body, 'application/x-www-form-urlencoded', {}, opts.timeoutMs ?? timeoutMs);
    },
    async event(event, opts = {}) {
      const envelope = fake.events.envelope(event, opts.eventId);
      const extra: Record<string, string> = {};
      if (opts.retryNum !== undefined) {
        extra['X-Slack-Retry-Num'] = String(opts.retryNum);
        extra['X-Slack-Retry-Reason'] = opts.retryReason ?? 'http_timeout';
      }
      const result = await post(JSON.stringify(envelope), 'application/json', extra);
      return { ...result, eventId: String(envelope.event_id) };
    },
    urlVerification(challenge = 'challenge-from-slack-test') {
      const body = { token: VERIFICATION_TOKEN, challenge, type: 'url_verification' };
      return post(JSON.stringify(body), 'application/json');
    },
    raw(body, headers) {
      return postRaw(url, body, headers, timeoutMs);
    },
  };
}

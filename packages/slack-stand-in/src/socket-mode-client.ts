// Sends the app what Slack sends over Socket Mode: slash_commands, interactive and events_api envelopes on the
// app's WebSocket. Same interface as the signed-HTTP client, so people and modals work unchanged: the ack
// payload comes back as the response body (status 200), no ack within 3 s as status 0 with `error`.
import { slashCommandRequest } from './slack-client';
import { SOCKET_ACK_TIMEOUT_MS } from './socket-mode';
import type { SlackRequestClient } from './slack-client';
import type { DeliverySettings } from './events';
import type { SlackFake } from './fake';

export interface SocketModeRequestClientOptions {
  fake: SlackFake;
  /** Also deliver people's messages, reactions and App Home visits over the socket (default true). */
  connect?: boolean;
  /** Event delivery settings when connecting (deliverBotMessages, retryDelaysMs, timeoutMs). */
  delivery?: DeliverySettings;
  /** How long to wait for an ack; default 3 s, like Slack (the people helpers judge slower acks as failures). */
  timeoutMs?: number;
}

const notOverSocket = (what: string) => () => Promise.reject(new Error(`${what}: not in Socket Mode (Slack sends no HTTP requests to a Socket Mode app)`));

export function createSocketModeRequestClient(options: SocketModeRequestClientOptions): SlackRequestClient {
  const { fake } = options;
  const timeoutMs = options.timeoutMs ?? SOCKET_ACK_TIMEOUT_MS;
  if (options.connect ?? true) fake.connectSocketApp(options.delivery);

  return {
    url: 'socket-mode',
    fake,
    // Socket Mode requests are not signed: the app token authenticated the connection.
    sign: () => '',
    signedHeaders: () => ({}),
    async slashCommand(input) {
      const { fields, triggerId, responseUrl } = slashCommandRequest(fake, input);
      const result = await fake.socketMode.send('slash_commands', fields, { timeoutMs });
      return { ...result, triggerId, responseUrl };
    },
    interaction(payload, opts = {}) {
      return fake.socketMode.send('interactive', payload, { timeoutMs: opts.timeoutMs ?? timeoutMs });
    },
    async event(event, opts = {}) {
      const envelope = fake.events.envelope(event, opts.eventId);
      const result = await fake.socketMode.send('events_api', envelope, {
        timeoutMs, retryAttempt: opts.retryNum ?? 0, retryReason: opts.retryNum ? (opts.retryReason ?? 'timeout') : '',
      });
      return { ...result, eventId: String(envelope.event_id) };
    },
    urlVerification: notOverSocket('urlVerification'),
    raw: notOverSocket('raw'),
  };
}

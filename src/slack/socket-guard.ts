// Socket Mode's counterpart of the HTTP guard (payload-guard.ts), before @slack/socket-mode reads an envelope: an
// Events API envelope without its event would make the client throw (it reads `payload.event.type` first), leaving the
// envelope unacknowledged and the rejection unhandled. It is acknowledged with nothing done and one warning instead;
// every other envelope goes on as it came (Bolt's middleware answers the other malformed ones, unknown-requests.ts).
// This reaches into the client's `ws_message` listener, its message reader and its ack (@slack/socket-mode 3.x):
// test/app/socket-mode.test.ts fails if a new version moves them.
import type { SocketModeReceiver } from '@slack/bolt';
import type { Logger } from '../logger';
import { malformation } from './unknown-requests';

interface EnvelopeReader {
  onWebSocketMessage(data: string | ArrayBuffer, isBinary: boolean): Promise<void>;
  send(envelopeId: string, body?: object): Promise<void>;
}

export function guardSocketEnvelopes(client: SocketModeReceiver['client'], logger: Logger): void {
  const reader = client as unknown as EnvelopeReader;
  const read = reader.onWebSocketMessage.bind(client);
  if (typeof read !== 'function' || typeof reader.send !== 'function') throw new Error('@slack/socket-mode changed: no envelope reader to guard');
  client.removeAllListeners('ws_message');
  client.on('ws_message', (data: string | ArrayBuffer, isBinary: boolean) => {
    const envelope = isBinary ? undefined : parse(data);
    const malformed = envelope?.type === 'events_api' ? malformation(isObject(envelope.payload) ? envelope.payload : {}) : undefined;
    if (envelope && malformed) {
      logger.warn({ malformed }, 'malformed Slack request answered; nothing done');
      if (typeof envelope.envelope_id === 'string') reader.send(envelope.envelope_id, {}).catch((error: unknown) => logger.warn({ err: error }, 'could not acknowledge a malformed envelope'));
      return;
    }
    read(data, isBinary).catch((error: unknown) => logger.warn({ err: error }, 'Socket Mode envelope could not be read'));
  });
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function parse(data: string | ArrayBuffer): Record<string, unknown> | undefined {
  try {
    const parsed: unknown = JSON.parse(typeof data === 'string' ? data : new TextDecoder().decode(data));
    return isObject(parsed) ? parsed : undefined;
  } catch {
    return undefined; // the client ignores what it cannot parse, as Slack does
  }
}

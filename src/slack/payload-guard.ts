// Before Bolt: a signed request whose payload Slack would never send (an unknown type, a form without its view) is
// answered 400 at once with one warning, instead of Bolt's 500 or a 404 after 3 s. Anything else goes to Bolt as
// it came (the body is handed on re-readable); unsigned requests are Bolt's to refuse.
import { Readable } from 'node:stream';
import type { IncomingMessage, RequestListener } from 'node:http';
import { isValidSlackRequest } from '@slack/bolt';
import type { Logger } from '../logger';
import { malformation } from './unknown-requests';

/** Far above anything Slack sends (a modal's state is at most a few hundred KB); a bigger body is refused, never cut. */
const MAX_BODY_BYTES = 1024 * 1024;

function payloadOf(raw: string, contentType: string | undefined): Record<string, unknown> | undefined {
  try {
    if (contentType?.includes('application/json')) return JSON.parse(raw) as Record<string, unknown>;
    const form = new URLSearchParams(raw);
    const payload = form.get('payload');
    return payload ? (JSON.parse(payload) as Record<string, unknown>) : undefined; // slash commands carry no payload
  } catch {
    return { type: 'unparseable' };
  }
}

export function guardPayloads(listener: RequestListener, signingSecret: string, logger: Logger): RequestListener {
  return (req, res) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on('end', () => {
      if (size > MAX_BODY_BYTES) {
        logger.warn({ bytes: size }, 'oversize Slack request refused');
        res.writeHead(413, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: false, error: 'payload_too_large' }));
        return;
      }
      const body = Buffer.concat(chunks);
      const raw = body.toString('utf8');
      const headers = req.headers as Record<string, string>;
      const signed = isValidSlackRequest({ signingSecret, body: raw, headers: { 'x-slack-signature': headers['x-slack-signature'] ?? '', 'x-slack-request-timestamp': Number(headers['x-slack-request-timestamp'] ?? 0) } });
      const payload = signed ? payloadOf(raw, headers['content-type']) : undefined;
      const malformed = payload ? malformation(payload) : undefined;
      if (malformed) {
        logger.warn({ malformed }, 'malformed Slack request answered; nothing done');
        res.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: false, error: 'malformed_payload' }));
        return;
      }
      const replay = Object.assign(Readable.from([body]), { headers: req.headers, method: req.method, url: req.url, socket: req.socket, connection: req.socket });
      void listener(replay as unknown as IncomingMessage, res);
    });
  };
}

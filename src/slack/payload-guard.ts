// Before Bolt, the one check of every request to /slack/events: its signature (Slack's signing secret, at most five
// minutes old), refused 401 as Bolt would; Slack's unsigned `ssl_check` reaches Bolt with nothing else in it. A signed
// request whose payload Slack would never send (an unknown type, a form without its view) is answered 400 at once with
// one warning, instead of Bolt's 500 or a 404 after 3 s. Anything else goes to Bolt with its body already read
// (`rawBody`, which Bolt's receiver takes as it is), so the body is read, and the signature computed, once.
import type { IncomingMessage, RequestListener } from 'node:http';
import { isValidSlackRequest } from '@slack/bolt';
import type { Logger } from '../logger';
import { malformation } from './unknown-requests';

/** Far above anything Slack sends (a modal's state is at most a few hundred KB); a bigger body is refused, never cut. */
const MAX_BODY_BYTES = 1024 * 1024;

/** An interaction's payload, an event's body (JSON, so no form), or a slash command's fields. */
function payloadOf(raw: string, form: URLSearchParams | undefined): Record<string, unknown> | undefined {
  try {
    if (!form) return JSON.parse(raw) as Record<string, unknown>;
    const payload = form.get('payload');
    if (payload) return JSON.parse(payload) as Record<string, unknown>;
    return form.has('command') ? Object.fromEntries(form) : undefined;
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
      const contentType = headers['content-type'];
      const form = contentType?.includes('application/json') ? undefined : new URLSearchParams(raw); // read once
      // Slack's check of a slash command's certificate: unsigned, answered 200 by Bolt. Only the flag is passed on.
      if (contentType?.includes('application/x-www-form-urlencoded') && form?.get('ssl_check') === '1') {
        void listener(Object.assign(req, { rawBody: Buffer.from('ssl_check=1') }), res);
        return;
      }
      const signed = isValidSlackRequest({ signingSecret, body: raw, headers: { 'x-slack-signature': headers['x-slack-signature'] ?? '', 'x-slack-request-timestamp': Number(headers['x-slack-request-timestamp'] ?? 0) } });
      if (!signed) {
        logger.warn({}, 'Slack request with a missing, wrong or stale signature refused');
        res.writeHead(401).end();
        return;
      }
      const payload = payloadOf(raw, form);
      const malformed = payload ? malformation(payload) : undefined;
      if (malformed) {
        logger.warn({ malformed }, 'malformed Slack request answered; nothing done');
        res.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: false, error: 'malformed_payload' }));
        return;
      }
      void listener(Object.assign(req, { rawBody: body }) as IncomingMessage, res);
    });
  };
}

// POST /webhooks/support: the vendor's helpdesk (or an automation) moves a ticket. PRODUCT.md's contract:
// HMAC-SHA256 "v1=" signature over "<timestamp>.<raw body>", ±5 minutes, 64 KiB, zod-checked JSON body.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { z } from 'zod';
import type { Clock } from '../clock';
import type { Logger } from '../logger';
import { sendJson, type RouteHandler } from './server';

export const MAX_WEBHOOK_BYTES = 64 * 1024;
export const MAX_CLOCK_SKEW_SECONDS = 5 * 60;
export const TIMESTAMP_HEADER = 'x-goodtime-timestamp';
export const SIGNATURE_HEADER = 'x-goodtime-signature';

export const supportWebhookBody = z.strictObject({
  ticket: z.string().regex(/^[A-Z][A-Z0-9]{0,9}-\d{1,9}$/, 'expected a ticket key such as "GT-1042"'),
  phase: z.union([z.number().int().positive(), z.string().trim().min(1).max(100)], { error: 'expected a phase number (2) or name ("Under Review by Support Team")' }),
  note: z.string().max(4000).optional(),
  vendorTicketId: z.string().trim().min(1).max(100).regex(/^[\w.:#/-]+$/, 'expected letters, digits and . : # / - _').optional(),
});
export type SupportWebhookBody = z.infer<typeof supportWebhookBody>;

/** "v1=<hex>" for a body; what the sender computes. */
export function signSupportWebhook(secret: string, timestamp: number | string, rawBody: string): string {
  return `v1=${createHmac('sha256', secret).update(`${timestamp}.${rawBody}`).digest('hex')}`;
}

/** Constant-time check of signature and timestamp; a reason when refused. */
export function verifySupportWebhook(
  secret: string,
  headers: { timestamp?: string; signature?: string },
  rawBody: string,
  nowSeconds: number,
): { ok: true } | { ok: false; reason: string } {
  const { timestamp, signature } = headers;
  if (!timestamp || !signature) return { ok: false, reason: 'missing X-Goodtime-Timestamp or X-Goodtime-Signature' };
  if (!/^\d{1,12}$/.test(timestamp)) return { ok: false, reason: 'X-Goodtime-Timestamp must be unix seconds' };
  if (Math.abs(nowSeconds - Number(timestamp)) > MAX_CLOCK_SKEW_SECONDS) return { ok: false, reason: 'timestamp is more than 5 minutes away' };
  const expected = Buffer.from(signSupportWebhook(secret, timestamp, rawBody));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'signature does not match' };
  return { ok: true };
}

export type WebhookMoveOutcome =
  | { kind: 'moved'; ticket: string; phase: number | string }
  | { kind: 'unknown-ticket' }
  | { kind: 'refused'; reason: string };

export interface SupportWebhookDeps {
  secret: string;
  clock: Clock;
  logger: Logger;
  /** Applies the move (a repeat of the current phase changes nothing). */
  move(body: SupportWebhookBody): Promise<WebhookMoveOutcome>;
  /**
   * Remembers a signed request (in the database, so every instance agrees) for longer than its timestamp is
   * accepted: false for a replay. `release` forgets one whose move failed, so the helpdesk's retry is applied.
   */
  requests: { claim(id: string): Promise<boolean>; release(id: string): Promise<void> };
  /** The ticket's phase now: a replay is answered as a repeat would be. */
  currentPhase(ticket: string): Promise<number | string | undefined>;
}

class TooLarge extends Error {}

async function readBody(req: IncomingMessage): Promise<string> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > MAX_WEBHOOK_BYTES) throw new TooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_WEBHOOK_BYTES) throw new TooLarge();
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export function supportWebhookRoute(deps: SupportWebhookDeps): RouteHandler {
  const log = deps.logger.child({ component: 'support-webhook' });
  return async (req, res) => {
    let raw: string;
    try {
      raw = await readBody(req);
    } catch (error) {
      if (!(error instanceof TooLarge)) throw error;
      res.setHeader('connection', 'close'); // stop reading what is left of an oversize body
      return sendJson(res, 413, { ok: false, error: 'payload_too_large', reasons: [`body is over ${MAX_WEBHOOK_BYTES} bytes`] });
    }
    const header = (name: string) => (typeof req.headers[name] === 'string' ? (req.headers[name] as string) : undefined);
    const verified = verifySupportWebhook(deps.secret, { timestamp: header(TIMESTAMP_HEADER), signature: header(SIGNATURE_HEADER) }, raw, deps.clock.now().toSeconds());
    if (!verified.ok) {
      log.warn({ reason: verified.reason }, 'support webhook refused');
      return sendJson(res, 401, { ok: false, error: 'invalid_signature', reasons: [verified.reason] });
    }
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      return sendJson(res, 400, { ok: false, error: 'invalid_body', reasons: ['body is not JSON'] });
    }
    const body = supportWebhookBody.safeParse(json);
    if (!body.success) {
      const reasons = body.error.issues.map((issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`);
      return sendJson(res, 400, { ok: false, error: 'invalid_body', reasons });
    }
    const requestId = `support-webhook:${header(SIGNATURE_HEADER)}`;
    if (!(await deps.requests.claim(requestId))) {
      log.info({ ticket: body.data.ticket }, 'support webhook replayed; already applied');
      return sendJson(res, 200, { ok: true, ticket: body.data.ticket, phase: await deps.currentPhase(body.data.ticket) });
    }
    let outcome: WebhookMoveOutcome;
    try {
      outcome = await deps.move(body.data);
    } catch (error) {
      await deps.requests.release(requestId).catch(() => undefined);
      throw error;
    }
    switch (outcome.kind) {
      case 'unknown-ticket':
        return sendJson(res, 404, { ok: false, error: 'unknown_ticket', reasons: [`no ticket ${body.data.ticket}`] });
      case 'refused':
        return sendJson(res, 409, { ok: false, error: 'move_not_allowed', reasons: [outcome.reason] });
      case 'moved':
        log.info({ ticket: outcome.ticket, phase: outcome.phase }, 'support webhook applied');
        return sendJson(res, 200, { ok: true, ticket: outcome.ticket, phase: outcome.phase });
    }
  };
}

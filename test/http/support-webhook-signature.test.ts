import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signSupportWebhook, supportWebhookBody, verifySupportWebhook } from '../../src/http/support-webhook';

const SECRET = 'webhook-secret-0123456789';
const NOW = 1_790_000_000;
const BODY = '{"ticket":"GT-1042","phase":2}';

describe('support webhook signatures', () => {
  it('signs "v1=" + hex HMAC-SHA256 over "<timestamp>.<raw body>", as the contract says', () => {
    const expected = createHmac('sha256', SECRET).update(`${NOW}.${BODY}`).digest('hex');
    expect(signSupportWebhook(SECRET, NOW, BODY)).toBe(`v1=${expected}`);
  });

  it('accepts a matching signature within 5 minutes either way', () => {
    for (const ts of [NOW, NOW - 300, NOW + 300]) {
      expect(verifySupportWebhook(SECRET, { timestamp: String(ts), signature: signSupportWebhook(SECRET, ts, BODY) }, BODY, NOW)).toEqual({ ok: true });
    }
  });

  it('refuses missing headers, other secrets, changed bodies, stale or odd timestamps and truncated signatures', () => {
    const signature = signSupportWebhook(SECRET, NOW, BODY);
    const refused = (headers: { timestamp?: string; signature?: string }, body = BODY) => verifySupportWebhook(SECRET, headers, body, NOW);
    expect(refused({ timestamp: String(NOW) })).toEqual({ ok: false, reason: 'missing X-Goodtime-Timestamp or X-Goodtime-Signature' });
    expect(refused({ timestamp: String(NOW), signature: signSupportWebhook('another-secret-000000', NOW, BODY) })).toEqual({ ok: false, reason: 'signature does not match' });
    expect(refused({ timestamp: String(NOW), signature }, BODY.replace('2', '3'))).toEqual({ ok: false, reason: 'signature does not match' });
    expect(refused({ timestamp: String(NOW - 301), signature: signSupportWebhook(SECRET, NOW - 301, BODY) })).toEqual({ ok: false, reason: 'timestamp is more than 5 minutes away' });
    expect(refused({ timestamp: '1.5e9', signature })).toEqual({ ok: false, reason: 'X-Goodtime-Timestamp must be unix seconds' });
    expect(refused({ timestamp: String(NOW), signature: signature.slice(0, -1) })).toEqual({ ok: false, reason: 'signature does not match' });
    expect(refused({ timestamp: String(NOW), signature: signature.replace('v1=', 'v0=') })).toEqual({ ok: false, reason: 'signature does not match' });
  });

  it('takes a phase as a number or a name, and nothing it does not know', () => {
    expect(supportWebhookBody.safeParse({ ticket: 'GT-1042', phase: 'Under Review by Support Team', note: 'n', vendorTicketId: 'ZD-1' }).success).toBe(true);
    expect(supportWebhookBody.safeParse({ ticket: 'GT-1042', phase: 0 }).success).toBe(false);
    expect(supportWebhookBody.safeParse({ ticket: 'GT-1042', phase: 2, admin: true }).success).toBe(false);
    expect(supportWebhookBody.safeParse({ ticket: 'GT-1042', phase: 2, vendorTicketId: '<script>' }).success).toBe(false);
  });
});

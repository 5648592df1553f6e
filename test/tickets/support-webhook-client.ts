// Calls POST /webhooks/support the way the vendor's helpdesk would: signed, timestamped JSON.
import { signSupportWebhook } from '../../src/http/support-webhook';

export interface WebhookResponse {
  status: number;
  body: { ok: boolean; ticket?: string; phase?: number | string; error?: string; reasons?: string[] };
}

export async function postWebhook(appUrl: string, rawBody: string, headers: Record<string, string>): Promise<WebhookResponse> {
  const res = await fetch(`${appUrl}/webhooks/support`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: rawBody });
  return { status: res.status, body: (await res.json()) as WebhookResponse['body'] };
}

export function signedHeaders(secret: string, rawBody: string, timestamp = Math.floor(Date.now() / 1000)): Record<string, string> {
  return { 'X-Goodtime-Timestamp': String(timestamp), 'X-Goodtime-Signature': signSupportWebhook(secret, timestamp, rawBody) };
}

export function sendSupportWebhook(appUrl: string, secret: string, body: object): Promise<WebhookResponse> {
  const raw = JSON.stringify(body);
  return postWebhook(appUrl, raw, signedHeaders(secret, raw));
}

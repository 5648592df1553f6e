// Slack request signing (v0) and a signed POST, shared by the request client and the fake's event delivery.
import { createHmac } from 'node:crypto';

/** `v0=` + hex HMAC-SHA256 of `v0:{timestamp}:{rawBody}` with the signing secret. */
export function signSlackRequest(signingSecret: string, rawBody: string, timestamp: number): string {
  return `v0=${createHmac('sha256', signingSecret).update(`v0:${timestamp}:${rawBody}`).digest('hex')}`;
}

export function signedHeaders(signingSecret: string, rawBody: string, timestamp = Math.floor(Date.now() / 1000)) {
  return {
    'X-Slack-Request-Timestamp': String(timestamp),
    'X-Slack-Signature': signSlackRequest(signingSecret, rawBody, timestamp),
  };
}

export interface HttpResult {
  status: number;
  /** Parsed JSON when the response is JSON, else the raw text ('' for an empty body). */
  body: unknown;
  text: string;
  ms: number;
  headers: Record<string, string>;
  /** Set when the request failed before a response (connection refused, timeout). */
  error?: string;
}

export async function postRaw(
  url: string,
  rawBody: string,
  headers: Record<string, string>,
  timeoutMs = 10_000,
): Promise<HttpResult> {
  const started = performance.now();
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'User-Agent': 'Slackbot 1.0 (+https://api.slack.com/robots)', ...headers },
      body: rawBody,
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await response.text();
    let body: unknown = text;
    if ((response.headers.get('content-type') ?? '').includes('json') || /^\s*[[{]/.test(text)) {
      try {
        body = JSON.parse(text) as unknown;
      } catch {
        body = text;
      }
    }
    return { status: response.status, body, text, ms: performance.now() - started, headers: Object.fromEntries(response.headers.entries()) };
  } catch (error) {
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    return { status: 0, body: undefined, text: '', ms: performance.now() - started, headers: {}, error: message };
  }
}

/** POSTs a body signed with the app's signing secret, as Slack does for commands, interactions and events. */
export function postSigned(
  url: string,
  signingSecret: string,
  rawBody: string,
  contentType: 'application/json' | 'application/x-www-form-urlencoded',
  extraHeaders: Record<string, string> = {},
  timeoutMs?: number,
): Promise<HttpResult> {
  return postRaw(url, rawBody, { 'Content-Type': contentType, ...signedHeaders(signingSecret, rawBody), ...extraHeaders }, timeoutMs);
}

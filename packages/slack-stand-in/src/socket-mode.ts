// Slack's Socket Mode side: single-use URLs from apps.connections.open, a WebSocket endpoint on the fake's HTTP
// server, `hello` / `disconnect` messages, and envelopes (slash_commands, interactive, events_api) that wait
// for the app's ack `{ envelope_id, payload? }` — the ack payload is what an HTTP response body would have been.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { RawData, WebSocket } from 'ws';
import type { HttpResult } from './signing';
import type { JsonObject } from './types';

export const SOCKET_MODE_PATH = '/socket-mode';
/** How long Slack waits for an ack. */
export const SOCKET_ACK_TIMEOUT_MS = 3000;
const DEBUG_INFO = { host: 'applink-fake', build_number: 1, approximate_connection_time: 18060 };

export type EnvelopeType = 'slash_commands' | 'interactive' | 'events_api';
/** Reasons Slack gives in a `disconnect` message. */
export type DisconnectReason = 'warning' | 'refresh_requested' | 'link_disabled' | 'too_many_websockets';

export interface EnvelopeOptions {
  /** Default 3 s, like Slack. */
  timeoutMs?: number;
  /** events_api only: Slack's `retry_attempt` / `retry_reason` for a redelivery. */
  retryAttempt?: number;
  retryReason?: string;
}

/** Shaped like an HTTP response so request clients and people judge both transports the same way:
 *  status 200 with the ack payload as body ('' for an empty ack), or status 0 with `error` (no ack in time). */
export interface EnvelopeResult extends HttpResult {
  envelopeId: string;
}

export interface EnvelopeRecord {
  envelopeId: string;
  type: EnvelopeType;
  payload: JsonObject;
  /** The ack's payload (`{}` for a bare ack); undefined when none came in time. */
  ack?: JsonObject;
  ms: number;
  error?: string;
}

export class SocketModeServer {
  /** Every envelope sent (cleared by fake.reset()). */
  readonly envelopes: EnvelopeRecord[] = [];
  /** Connections greeted with `hello` so far (a reconnect counts again). */
  connectionCount = 0;
  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly tickets = new Set<string>();
  private readonly sockets = new Set<WebSocket>();
  /** Told to disconnect: no new envelopes go there. */
  private readonly draining = new WeakSet<WebSocket>();
  private readonly pending = new Map<string, (ack: JsonObject) => void>();
  private turn = 0;

  constructor(private readonly appId: () => string, private readonly baseUrl: () => string) {}

  /** apps.connections.open: a single-use WebSocket URL. */
  open(): JsonObject {
    const ticket = randomUUID();
    this.tickets.add(ticket);
    return { url: `${this.baseUrl().replace(/^http/, 'ws')}${SOCKET_MODE_PATH}?ticket=${ticket}` };
  }

  /** Open connections that receive envelopes. */
  get openConnections(): number {
    return this.active().length;
  }
  get connected(): boolean {
    return this.openConnections > 0;
  }

  /** For the HTTP server's 'upgrade' event: accepts a URL issued by open(), once. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname !== SOCKET_MODE_PATH || !this.tickets.delete(url.searchParams.get('ticket') ?? '')) {
      socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => this.accept(ws));
  }

  private accept(ws: WebSocket): void {
    this.sockets.add(ws);
    this.connectionCount += 1;
    ws.on('message', (data, isBinary) => this.onMessage(data, isBinary));
    ws.on('close', () => this.sockets.delete(ws));
    ws.on('error', () => ws.terminate());
    ws.send(JSON.stringify({
      type: 'hello', num_connections: this.sockets.size, debug_info: DEBUG_INFO, connection_info: { app_id: this.appId() },
    }));
  }

  private onMessage(data: RawData, isBinary: boolean): void {
    if (isBinary) return;
    let message: unknown;
    try {
      message = JSON.parse(String(data));
    } catch {
      return; // Slack ignores what it cannot parse
    }
    if (typeof message !== 'object' || message === null) return;
    const { envelope_id: id, payload } = message as { envelope_id?: unknown; payload?: unknown };
    const settle = typeof id === 'string' ? this.pending.get(id) : undefined;
    // A late or unknown ack is ignored, as Slack does.
    settle?.(typeof payload === 'object' && payload !== null && !Array.isArray(payload) ? (payload as JsonObject) : {});
  }

  private active(): WebSocket[] {
    return [...this.sockets].filter((ws) => ws.readyState === ws.OPEN && !this.draining.has(ws));
  }

  /** Sends one envelope (round-robin over open connections) and waits for its ack. */
  async send(type: EnvelopeType, payload: JsonObject, options: EnvelopeOptions = {}): Promise<EnvelopeResult> {
    const envelopeId = randomUUID();
    const record: EnvelopeRecord = { envelopeId, type, payload, ms: 0 };
    this.envelopes.push(record);
    const started = performance.now();
    const sockets = this.active();
    const ws = sockets[this.turn++ % Math.max(sockets.length, 1)];
    const timeoutMs = options.timeoutMs ?? SOCKET_ACK_TIMEOUT_MS;
    const ack = !ws ? undefined : await new Promise<JsonObject | undefined>((resolve) => {
      const settle = (value: JsonObject | undefined) => {
        clearTimeout(timer);
        this.pending.delete(envelopeId);
        resolve(value);
      };
      const timer = setTimeout(() => settle(undefined), timeoutMs);
      this.pending.set(envelopeId, settle);
      const envelope: JsonObject = { envelope_id: envelopeId, type, payload, accepts_response_payload: type !== 'events_api' };
      if (type === 'events_api') Object.assign(envelope, { retry_attempt: options.retryAttempt ?? 0, retry_reason: options.retryReason ?? '' });
      ws.send(JSON.stringify(envelope), (error) => {
        if (error) settle(undefined);
      });
    });
    record.ms = performance.now() - started;
    const base = { envelopeId, ms: record.ms, headers: {} };
    if (!ack) {
      record.error = ws ? `no ack within ${timeoutMs} ms` : 'no Socket Mode connection';
      return { ...base, status: 0, body: undefined, text: '', error: record.error };
    }
    record.ack = ack;
    const empty = Object.keys(ack).length === 0;
    return { ...base, status: 200, body: empty ? '' : ack, text: empty ? '' : JSON.stringify(ack) };
  }

  /** Slack's `disconnect` message to every open connection (the client should reconnect with a new URL).
   *  Resolves when they are closed; a connection that does not close within `closeAfterMs` is cut. */
  async disconnect(reason: DisconnectReason = 'refresh_requested', closeAfterMs = 2000): Promise<void> {
    const sockets = this.active();
    await Promise.all(sockets.map((ws) => new Promise<void>((resolve) => {
      this.draining.add(ws);
      const timer = setTimeout(() => ws.terminate(), closeAfterMs);
      ws.once('close', () => {
        clearTimeout(timer);
        resolve();
      });
      ws.send(JSON.stringify({ type: 'disconnect', reason, debug_info: { host: DEBUG_INFO.host } }));
    })));
  }

  /** Ends every connection and forgets unused URLs (on fake.close()). */
  close(): void {
    for (const ws of this.sockets) ws.terminate();
    this.sockets.clear();
    this.tickets.clear();
    this.wss.close();
  }
}

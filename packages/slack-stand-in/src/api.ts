// The Web API endpoint: body parsing (form or JSON), auth, injected faults, rate limits, dispatch to the
// method handlers, and the record of every call.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { chatMethods } from './methods-chat';
import { fileMethods } from './files';
import { uploadMethods } from './uploads';
import { conversationMethods } from './methods-conversations';
import { viewMethods } from './methods-views';
import { missingScope } from './scopes';
import { SlackError, sleep, str } from './util';
import type { Faults } from './faults';
import type { Handler, MethodContext } from './methods-chat';
import type { SocketModeServer } from './socket-mode';
import type { CallRecord, JsonObject, Violation } from './types';

export const METHODS: Record<string, Handler> = { ...chatMethods, ...conversationMethods, ...viewMethods, ...fileMethods, ...uploadMethods };

/** Methods that take the app-level token (xapp-…) instead of the bot token. */
const APP_TOKEN_METHODS: Record<string, (state: ApiState) => JsonObject> = {
  'apps.connections.open': (state) => state.socketMode.open(),
};

const JSON_ARGS = ['blocks', 'attachments', 'metadata', 'view'];

/** The request body's bytes (upload URLs take binary files; everything else reads them as UTF-8). */
export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Arguments from a form-encoded or JSON body (plus query string), as Slack accepts both. */
export function parseArgs(raw: string, contentType: string, query: URLSearchParams): JsonObject {
  const args: JsonObject = Object.fromEntries(query.entries());
  if (!raw) return args;
  if (contentType.includes('application/json')) {
    const parsed: unknown = JSON.parse(raw);
    if (parsed && typeof parsed === 'object') Object.assign(args, parsed);
    return args;
  }
  return Object.assign(args, Object.fromEntries(new URLSearchParams(raw).entries()));
}

/** A readable copy for `fake.calls`: JSON-string args parsed, the token removed. */
function recordedArgs(args: JsonObject): JsonObject {
  const copy: JsonObject = { ...args };
  delete copy.token;
  for (const key of JSON_ARGS) {
    const value = copy[key];
    if (typeof value === 'string') {
      try {
        copy[key] = JSON.parse(value) as unknown;
      } catch {
        /* keep the raw string */
      }
    }
  }
  return copy;
}

export interface ApiState {
  botToken: string;
  appToken: string;
  socketMode: SocketModeServer;
  faults: Faults;
  calls: CallRecord[];
  violations: Violation[];
  context: MethodContext;
  log: boolean;
}

export interface ApiResult {
  status: number;
  body: JsonObject;
  headers: Record<string, string>;
}

export async function callMethod(state: ApiState, method: string, args: JsonObject, authorization: string | undefined): Promise<ApiResult> {
  const { ws } = state.context;
  const started = performance.now();
  const time = ws.now();
  const latency = state.faults.latencyFor(method);
  if (latency > 0) await sleep(latency);
  const result = await run(state, method, args, authorization);
  state.calls.push({ method, args: recordedArgs(args), time, ms: performance.now() - started, status: result.status, response: result.body });
  if (state.log) console.error(`[slack-fake] ${method} → ${result.status} ${result.body.ok ? 'ok' : String(result.body.error)}`);
  return result;
}

async function run(state: ApiState, method: string, args: JsonObject, authorization: string | undefined): Promise<ApiResult> {
  const ok = (body: JsonObject): ApiResult => ({ status: 200, body, headers: {} });
  const appMethod = APP_TOKEN_METHODS[method];
  const handler: Handler | undefined = appMethod ? () => appMethod(state) : METHODS[method];
  if (!handler) return ok({ ok: false, error: 'unknown_method' });
  const bearer = /^Bearer\s+(.+)$/i.exec(authorization ?? '')?.[1];
  const token = bearer ?? str(args, 'token');
  if (!token) return ok({ ok: false, error: 'not_authed' });
  if (token !== (appMethod ? state.appToken : state.botToken)) {
    const known = token === state.botToken || token === state.appToken;
    return ok({ ok: false, error: known ? 'not_allowed_token_type' : 'invalid_auth' });
  }
  const scope = missingScope(state.context.ws, method, args);
  if (scope) return ok({ ok: false, error: 'missing_scope', needed: scope, provided: [...(state.context.ws.scopes ?? [])].join(',') });
  const fault = state.faults.injected(method);
  if (fault && !fault.applied) return fault;
  const channel = str(args, 'channel');
  const limited = state.faults.rateLimited(method, channel, state.context.ws.now());
  if (limited) return limited;
  try {
    const body = await handler(args, state.context);
    if (fault) return fault; // applied, then the answer is lost
    return ok({ ok: true, ...body });
  } catch (error) {
    if (!(error instanceof SlackError)) throw error;
    if (error.violation) {
      state.violations.push({ method, error: error.error, messages: error.messages, time: state.context.ws.now() });
    }
    const body: JsonObject = { ok: false, error: error.error, ...error.extra };
    if (error.messages.length) {
      body.response_metadata = { messages: error.messages };
      if (error.error === 'invalid_blocks') body.errors = error.messages.map((m) => m.replace(/^\[ERROR\]\s*/, ''));
    }
    return ok(body);
  }
}

export function send(res: ServerResponse, status: number, body: JsonObject | string | Buffer, headers: Record<string, string> = {}): void {
  if (Buffer.isBuffer(body)) {
    res.writeHead(status, { 'Content-Type': 'application/octet-stream', ...headers });
    res.end(body);
    return;
  }
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  const type = typeof body === 'string' && !text.startsWith('{') ? 'text/plain' : 'application/json; charset=utf-8';
  res.writeHead(status, { 'Content-Type': type, ...headers });
  res.end(text);
}

// The core of the fake Slack: HTTP server (Web API + response_url endpoints), call log, failure knobs,
// workspace set-up and readers.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { callMethod, parseArgs, readBody, send } from './api';
import { EventDeliverer, messageEvent } from './events';
import { Faults } from './faults';
import { FILES_PATH, serveFile } from './files';
import { receiveUpload, UPLOAD_PATH } from './uploads';
import { ResponseUrls } from './response-urls';
import { SocketModeServer } from './socket-mode';
import { Workspace } from './store';
import type { ApiState } from './api';
import type { WorkspaceOptions } from './store';
import type {
  CallRecord, ChannelInput, EventDelivery, ExternalUpload, FakeChannel, FakeEphemeral, FakeFile, FakeMessage, FakeUser, FakeUserGroup,
  FakeView, FaultSpec, FileDownload, JsonObject, RandomFailures, RateLimits, UserInput, Violation,
} from './types';

export interface SlackFakeOptions extends WorkspaceOptions {
  botToken?: string;
  /** The app-level token (xapp-…) that apps.connections.open accepts (Socket Mode). */
  appToken?: string;
  /** The app has chat:write.public (may post in public channels it has not joined). Default false. */
  chatWritePublic?: boolean;
  users?: UserInput[];
  channels?: ChannelInput[];
  /** Print each API call to stderr (also SLACK_FAKE_LOG=1). */
  log?: boolean;
}

/** Server, call log, knobs, workspace set-up and readers. `SlackFake` adds what people do. */
export class SlackFakeBase {
  readonly botToken: string;
  readonly appToken: string;
  readonly ws: Workspace;
  readonly calls: CallRecord[] = [];
  readonly violations: Violation[] = [];
  /** Every GET on a file's url_private / url_private_download, and what was served. */
  readonly fileDownloads: FileDownload[] = [];
  readonly events: EventDeliverer;
  /** Socket Mode: apps.connections.open, the WebSocket endpoint, envelopes and `disconnect`. */
  readonly socketMode: SocketModeServer;
  protected readonly faults = new Faults();
  protected readonly responseUrls: ResponseUrls;
  private readonly api: ApiState;
  private server: Server | undefined;
  baseUrl = '';

  constructor(options: SlackFakeOptions = {}) {
    this.botToken = options.botToken ?? 'xoxb-test-token';
    this.appToken = options.appToken ?? 'xapp-1-A0FAKE-1-test-app-token';
    this.ws = new Workspace(options);
    this.events = new EventDeliverer(this.ws);
    this.responseUrls = new ResponseUrls(this.ws, () => this.baseUrl);
    this.socketMode = new SocketModeServer(() => this.appId, () => this.baseUrl);
    this.api = {
      botToken: this.botToken, appToken: this.appToken, socketMode: this.socketMode, faults: this.faults, calls: this.calls, violations: this.violations,
      log: options.log ?? process.env.SLACK_FAKE_LOG === '1',
      context: {
        ws: this.ws, chatWritePublic: options.chatWritePublic ?? false,
        onBotMessage: (message) => {
          if (this.events.connection?.deliverBotMessages) void this.events.deliver(messageEvent(this.ws, message));
        },
      },
    };
    for (const user of options.users ?? []) this.addUser(user);
    for (const channel of options.channels ?? []) this.addChannel(channel);
  }

  /** Base URL for WebClient's `slackApiUrl`, e.g. http://127.0.0.1:PORT/api/ */
  get apiUrl(): string {
    return `${this.baseUrl}/api/`;
  }
  get botUserId(): string {
    return this.ws.bot.userId;
  }
  get botId(): string {
    return this.ws.bot.botId;
  }
  get appId(): string {
    return this.ws.bot.appId;
  }
  get teamId(): string {
    return this.ws.team.id;
  }
  get deliveries(): EventDelivery[] {
    return this.events.deliveries;
  }

  async listen(port = 0): Promise<void> {
    this.server = createServer((req, res) => {
      this.route(req.method ?? 'GET', req.url ?? '/', req.headers, readBody(req)).then(
        (r) => send(res, r.status, r.body, r.headers),
        (error: unknown) => {
          console.error('[slack-fake] internal error', error);
          send(res, 500, { ok: false, error: 'fake_internal_error', detail: String(error) });
        },
      );
    });
    this.server.on('upgrade', (req, socket, head: Buffer) => this.socketMode.handleUpgrade(req, socket, head));
    await new Promise<void>((resolve) => this.server?.listen(port, '127.0.0.1', resolve));
    this.baseUrl = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    this.ws.baseUrl = this.baseUrl;
  }

  private async route(method: string, rawUrl: string, headers: Record<string, string | string[] | undefined>, body: Promise<Buffer>) {
    const url = new URL(rawUrl, 'http://127.0.0.1');
    const bytes = await body;
    const raw = bytes.toString('utf8');
    const auth = headers.authorization;
    const authorization = Array.isArray(auth) ? auth[0] : auth;
    if (url.pathname.startsWith(FILES_PATH)) {
      return serveFile({ ws: this.ws, botToken: this.botToken, downloads: this.fileDownloads }, method, url.pathname, authorization);
    }
    if (url.pathname.startsWith(UPLOAD_PATH)) {
      const receipt = receiveUpload(this.ws, method, url.pathname, String(headers['content-type'] ?? ''), bytes);
      if (receipt.violation) this.violations.push({ method: 'upload_url', ...receipt.violation, time: this.now() });
      return receipt;
    }
    if (url.pathname.startsWith('/response/') && method === 'POST') {
      const result = this.responseUrls.handle(url.pathname.slice('/response/'.length), raw);
      if (result.violation) this.violations.push({ method: 'response_url', error: result.violation.error, messages: result.violation.messages, time: this.now() });
      return { status: result.status, body: result.text, headers: {} };
    }
    if (!url.pathname.startsWith('/api/')) return { status: 404, body: 'not found', headers: {} };
    let args: JsonObject;
    try {
      args = parseArgs(raw, String(headers['content-type'] ?? ''), url.searchParams);
    } catch {
      return { status: 200, body: { ok: false, error: 'invalid_json' }, headers: {} };
    }
    return callMethod(this.api, url.pathname.slice('/api/'.length), args, authorization);
  }

  async close(): Promise<void> {
    await this.events.idle();
    this.socketMode.close();
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  // ---- calls, violations and knobs ----

  callsTo(method: string): CallRecord[] {
    return this.calls.filter((c) => c.method === method);
  }
  /** Calls answered with ok:false (or a non-200 status). */
  failures(): CallRecord[] {
    return this.calls.filter((c) => c.status !== 200 || c.response.ok === false);
  }
  /** Throws, listing every rule broken, if Slack would have rejected any payload. */
  expectNoViolations(): void {
    if (this.violations.length) {
      throw new Error(`Slack would have rejected ${this.violations.length} payload(s):\n${this.violations.map((v) => `${v.method} → ${v.error}\n  ${v.messages.join('\n  ')}`).join('\n')}`);
    }
  }
  failNext(method: string, spec: FaultSpec, count = 1): void {
    this.faults.failNext(method, spec, count);
  }
  /** The methods of one-off failures queued and not answered yet; clearing drops them. */
  pendingFailures(): string[] {
    return this.faults.pending();
  }
  clearFailures(): void {
    this.faults.clearQueued();
  }
  setLatency(ms: number, method?: string): void {
    this.faults.setLatency(ms, method);
  }
  setRateLimits(limits: RateLimits): void {
    this.faults.setRateLimits(limits);
  }
  setRandomFailures(spec: RandomFailures | null, seed?: number): void {
    this.faults.setRandomFailures(spec, seed);
  }
  now(): number {
    return this.ws.now();
  }
  /** Moves the fake's clock (message ts, trigger and response_url expiry) forward. */
  advanceTime(ms: number): void {
    this.ws.clock.advance(ms);
  }

  // ---- the workspace ----

  addUser(input: UserInput): FakeUser {
    return this.ws.addUser(input);
  }
  addChannel(input: ChannelInput): FakeChannel {
    return this.ws.addChannel(input);
  }
  addUserGroup(input: { id?: string; handle: string; name?: string; users: string[] }): FakeUserGroup {
    return this.ws.addUserGroup(input);
  }
  user(id: string): FakeUser | undefined {
    return this.ws.users.get(id);
  }
  /** A channel by id, or by name as '#name'. */
  channel(idOrName: string): FakeChannel | undefined {
    if (idOrName.startsWith('#')) return [...this.ws.channels.values()].find((c) => c.name === idOrName.slice(1));
    return this.ws.channels.get(idOrName);
  }
  protected channelId(idOrName: string): string {
    const channel = this.channel(idOrName);
    if (!channel) throw new Error(`slack-fake: no channel ${idOrName}`);
    return channel.id;
  }
  joinChannel(userId: string, channel: string): void {
    const c = this.ws.requireChannel(this.channelId(channel));
    if (!c.members.includes(userId)) c.members.push(userId);
  }
  /** The bot's DM channel with a person (created like conversations.open would). */
  dmChannel(userId: string): FakeChannel {
    return this.ws.openDm(userId);
  }

  // ---- readers ----

  messages(channel: string): FakeMessage[] {
    return this.ws.topLevel(this.channelId(channel));
  }
  thread(channel: string, ts: string): FakeMessage[] {
    return this.ws.replies(this.channelId(channel), ts);
  }
  message(channel: string, ts: string): FakeMessage | undefined {
    return this.ws.findMessage(this.channelId(channel), ts);
  }
  dms(userId: string): FakeMessage[] {
    const id = this.ws.dmChannelId(userId);
    return id ? this.ws.allMessages(id) : [];
  }
  ephemerals(userId: string, channel?: string): FakeEphemeral[] {
    const channelId = channel ? this.channelId(channel) : undefined;
    return this.ws.ephemerals.filter((e) => e.user === userId && !e.deleted && (!channelId || e.channel === channelId));
  }
  view(id: string): FakeView | undefined {
    return this.ws.views.get(id);
  }
  /** The top of the person's modal stack, if a modal is open. */
  openView(userId: string): FakeView | undefined {
    return this.modalStack(userId).at(-1);
  }
  modalStack(userId: string): FakeView[] {
    return (this.ws.modalStacks.get(userId) ?? []).map((id) => this.ws.views.get(id) as FakeView);
  }
  /** The app's uploads (files.getUploadURLExternal onwards), oldest first: what was announced, the bytes POSTed
   *  (`.content`) and what files.completeUploadExternal did (`.completed`: title, channels, message ts). */
  get uploads(): ExternalUpload[] {
    return [...this.ws.uploads.values()];
  }
  /** A file in the workspace (shared by a person, or uploaded by the app): its Slack file object (`.file`), bytes
   *  (`.content`), shares and download count. */
  file(id: string): FakeFile | undefined {
    return this.ws.files.get(id);
  }
  home(userId: string): FakeView | undefined {
    return this.ws.views.get(this.ws.homes.get(userId) ?? '');
  }
}

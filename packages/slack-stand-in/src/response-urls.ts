// response_url endpoints (Bolt's `respond()`): ephemeral or in_channel replies, replace_original and
// delete_original, at most 5 uses within 30 minutes.
import { buildBotMessage } from './methods-chat';
import { assertValidMessage, withGeneratedIds } from './validate-surfaces';
import { isObject, SlackError } from './util';
import type { Workspace } from './store';
import type { FakeEphemeral, FakeMessage } from './types';

export const RESPONSE_URL_MAX_USES = 5;
export const RESPONSE_URL_LIFETIME_MS = 30 * 60 * 1000;

export interface ResponseUrlSource {
  /** The bot message whose button produced this URL (replace_original / delete_original act on it). */
  messageTs?: string;
  /** ...or the ephemeral message it came from. */
  ephemeralTs?: string;
}

interface ResponseUrl extends ResponseUrlSource {
  user: string;
  channel: string;
  createdAt: number;
  uses: number;
}

export interface ResponseUrlResult {
  status: number;
  text: string;
  /** Set when Slack would reject the payload (also recorded as a violation). */
  violation?: SlackError;
}

export class ResponseUrls {
  private readonly urls = new Map<string, ResponseUrl>();
  private counter = 0;

  constructor(private readonly ws: Workspace, private readonly baseUrl: () => string) {}

  create(user: string, channel: string, source: ResponseUrlSource = {}): string {
    this.counter += 1;
    const id = `${this.ws.team.id}/${this.counter}/${Math.random().toString(36).slice(2, 12)}`;
    this.urls.set(id, { user, channel, createdAt: this.ws.now(), uses: 0, ...source });
    return `${this.baseUrl()}/response/${id}`;
  }

  handle(id: string, rawBody: string): ResponseUrlResult {
    const entry = this.urls.get(id);
    if (!entry) return { status: 404, text: 'no_such_url' };
    if (this.ws.now() - entry.createdAt > RESPONSE_URL_LIFETIME_MS) return { status: 404, text: 'expired_url' };
    if (entry.uses >= RESPONSE_URL_MAX_USES) return { status: 404, text: 'used_url' };
    let body: unknown;
    try {
      body = JSON.parse(rawBody);
    } catch {
      return { status: 400, text: 'invalid_payload' };
    }
    if (!isObject(body)) return { status: 400, text: 'invalid_payload' };
    entry.uses += 1;
    try {
      this.apply(entry, body);
      return { status: 200, text: '{"ok":true}' };
    } catch (error) {
      if (error instanceof SlackError) return { status: 400, text: error.error, violation: error };
      throw error;
    }
  }

  private apply(entry: ResponseUrl, body: Record<string, unknown>): void {
    const { ws } = this;
    const original = this.original(entry);
    if (body.delete_original === true) {
      if (original?.kind === 'message' && original.message.bot_id) ws.removeMessage(original.message);
      if (original?.kind === 'ephemeral') original.ephemeral.deleted = true;
      return;
    }
    const content = { text: typeof body.text === 'string' ? body.text : undefined, blocks: body.blocks, attachments: body.attachments };
    assertValidMessage(content, { requireContent: true });
    const blocks = Array.isArray(content.blocks) ? withGeneratedIds(content.blocks) : undefined;
    if (body.replace_original === true && original) {
      const target = original.kind === 'message' ? original.message : original.ephemeral;
      target.text = content.text ?? '';
      if (blocks) target.blocks = blocks;
      else delete target.blocks;
      if (original.kind === 'message') original.message.edited = { user: ws.bot.userId, ts: ws.clock.nextTs() };
      return;
    }
    const threadTs = typeof body.thread_ts === 'string' ? body.thread_ts : undefined;
    if (body.response_type === 'in_channel') {
      ws.addMessage(buildBotMessage(ws, entry.channel, content, threadTs));
      return;
    }
    ws.ephemerals.push({
      source: 'response_url', user: entry.user, channel: entry.channel, ts: ws.clock.nextTs(), text: content.text ?? '',
      ...(blocks ? { blocks } : {}), ...(threadTs ? { thread_ts: threadTs } : {}),
    });
  }

  private original(entry: ResponseUrl):
    | { kind: 'message'; message: FakeMessage }
    | { kind: 'ephemeral'; ephemeral: FakeEphemeral }
    | undefined {
    if (entry.messageTs) {
      const message = this.ws.findMessage(entry.channel, entry.messageTs);
      return message ? { kind: 'message', message } : undefined;
    }
    if (entry.ephemeralTs) {
      const ephemeral = this.ws.ephemerals.find((e) => e.ts === entry.ephemeralTs && e.user === entry.user);
      return ephemeral ? { kind: 'ephemeral', ephemeral } : undefined;
    }
    return undefined;
  }

  reset(): void {
    this.urls.clear();
  }
}

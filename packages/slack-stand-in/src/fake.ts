// SlackFake: a local stand-in for Slack (Web API, response_url endpoints, event delivery) for tests and demos.
// This file adds what Slack does on a person's behalf: their messages and reactions (delivered to the app as
// events), App Home visits, modal input, how Slack applies view_submission responses, and reset().
import { randomUUID } from 'node:crypto';
import { SlackFakeBase } from './fake-base';
import { appHomeOpenedEvent, appMentionEvent, messageEvent, reactionEvent } from './events';
import { recordShares, storeUploads } from './files';
import { addReaction, buildBotMessage, removeReaction } from './methods-chat';
import { applySubmissionResponse, issueTrigger } from './methods-views';
import { assertPersonMayWriteTo } from './store';
import { isObject, SlackError } from './util';
import { assertValidMessage, withGeneratedIds } from './validate-surfaces';
import type { AppConnection, DeliveryResult, DeliverySettings } from './events';
import type { SlackFakeOptions } from './fake-base';
import type { SubmissionOutcome } from './methods-views';
import type { ResponseUrlSource } from './response-urls';
import type { FakeMessage, FakeView, FileUpload, JsonObject } from './types';

export type { SlackFakeOptions } from './fake-base';

export class SlackFake extends SlackFakeBase {
  // ---- what Slack does on a person's behalf ----

  issueTriggerId(userId: string): string {
    return issueTrigger(this.ws, userId);
  }
  newResponseUrl(userId: string, channel: string, source?: ResponseUrlSource): string {
    return this.responseUrls.create(userId, this.channelId(channel), source);
  }
  connectApp(connection: AppConnection): void {
    this.events.connection = connection;
  }
  /** The app is connected by Socket Mode: people's messages, reactions and App Home visits reach it as
   *  events_api envelopes over its WebSocket instead of signed POSTs. */
  connectSocketApp(settings: DeliverySettings = {}): void {
    this.events.connection = { ...settings, socketMode: this.socketMode };
  }
  deliverEvent(event: JsonObject, eventId?: string): Promise<DeliveryResult | undefined> {
    return this.events.deliver(event, eventId);
  }
  eventsIdle(): Promise<void> {
    return this.events.idle();
  }

  /**
   * A person posts (or replies in a thread); the app gets `message` (and `app_mention`) events. With `files`, the
   * person uploads them with the message (text may be ''): the message carries Slack's file objects in `files`
   * (with `upload: true`), the event has `subtype: 'file_share'`, and the bytes are served at the files'
   * `url_private` / `url_private_download` to the bot token with files:read.
   */
  async userPostMessage(userId: string, channel: string, text: string, opts: { threadTs?: string; broadcast?: boolean; files?: FileUpload[] } = {}) {
    const c = this.ws.requireChannel(this.channelId(channel));
    this.ws.requireUser(userId);
    if (!c.members.includes(userId)) throw new Error(`slack-fake: ${userId} is not a member of ${c.name}; fake.joinChannel() first`);
    assertPersonMayWriteTo(this.ws, c);
    const uploads = opts.files ?? [];
    const message: FakeMessage = {
      type: 'message', channel: c.id, ts: this.ws.clock.nextTs(), text, team: this.ws.team.id, user: userId,
      client_msg_id: randomUUID(),
    };
    // A file-only message has no blocks, as in Slack.
    if (text || !uploads.length) message.blocks = [{ type: 'rich_text', block_id: 'rt0', elements: [{ type: 'rich_text_section', elements: [{ type: 'text', text }] }] }];
    if (uploads.length) Object.assign(message, { files: storeUploads(this.ws, this.baseUrl, userId, c.id, uploads), upload: true, display_as_bot: false });
    if (opts.threadTs) message.thread_ts = opts.threadTs;
    if (opts.broadcast && opts.threadTs) message.subtype = 'thread_broadcast';
    this.ws.addMessage(message);
    recordShares(this.ws, message);
    // Slack only sends the app events from conversations it is in.
    if (!this.ws.isBotMember(c)) return { message, delivery: undefined, mention: undefined };
    const delivery = await this.events.deliver(messageEvent(this.ws, message));
    const mention = text.includes(`<@${this.botUserId}>`) && !c.is_im ? await this.events.deliver(appMentionEvent(this.ws, message)) : undefined;
    return { message, delivery, mention };
  }

  async userReact(userId: string, channel: string, ts: string, name: string, remove = false): Promise<DeliveryResult | undefined> {
    const channelId = this.channelId(channel);
    const message = remove ? removeReaction(this.ws, channelId, ts, name, userId) : addReaction(this.ws, channelId, ts, name, userId);
    if (!this.ws.isBotMember(this.ws.requireChannel(channelId))) return undefined;
    return this.events.deliver(reactionEvent(this.ws, remove ? 'reaction_removed' : 'reaction_added', userId, name, message));
  }

  userOpenHome(userId: string, tab: 'home' | 'messages' = 'home'): Promise<DeliveryResult | undefined> {
    return this.events.deliver(appHomeOpenedEvent(this.ws, userId, tab, this.home(userId)));
  }

  /** Stores what a person typed/selected in a view input (Slack keeps it in `view.state`). */
  setViewValue(viewId: string, blockId: string, actionId: string, value: JsonObject): void {
    const view = this.ws.views.get(viewId);
    if (!view) throw new Error(`slack-fake: no view ${viewId}`);
    view.state.values[blockId] = { ...(view.state.values[blockId] ?? {}), [actionId]: value };
  }

  /** Applies the app's response to a view_submission as Slack would; Slack-rejected responses become violations. */
  applySubmissionResponse(userId: string, viewId: string, body: string): SubmissionOutcome | { outcome: 'rejected'; error: string; messages: string[] } {
    try {
      return applySubmissionResponse(this.ws, userId, viewId, body);
    } catch (error) {
      if (!(error instanceof SlackError) && !(error instanceof SyntaxError)) throw error;
      const e = error instanceof SlackError ? error : new SlackError('invalid_json', [String(error.message)], true);
      this.violations.push({ method: 'view_submission response', error: e.error, messages: e.messages, time: this.now() });
      return { outcome: 'rejected', error: e.error, messages: e.messages };
    }
  }

  /** Shows a slash command's synchronous reply (the HTTP body) as Slack does: ephemeral, or in_channel. */
  showCommandReply(userId: string, channel: string, body: unknown): void {
    const reply = isObject(body) ? body : typeof body === 'string' && body.trim() ? { text: body } : undefined;
    if (!reply || (reply.text === undefined && reply.blocks === undefined)) return;
    const channelId = this.channelId(channel);
    const content = { text: typeof reply.text === 'string' ? reply.text : undefined, blocks: reply.blocks, attachments: reply.attachments };
    try {
      assertValidMessage(content, { requireContent: true });
    } catch (error) {
      if (!(error instanceof SlackError)) throw error;
      this.violations.push({ method: 'slash command response', error: error.error, messages: error.messages, time: this.now() });
      return;
    }
    if (reply.response_type === 'in_channel') {
      this.ws.addMessage(buildBotMessage(this.ws, channelId, content));
      return;
    }
    this.ws.ephemerals.push({
      source: 'command_response', user: userId, channel: channelId, ts: this.ws.clock.nextTs(), text: content.text ?? '',
      ...(Array.isArray(content.blocks) ? { blocks: withGeneratedIds(content.blocks) } : {}),
    });
  }

  /** A person closes the top modal (or all of them). Returns the views that were closed, top first. */
  closeModal(userId: string, all = false): FakeView[] {
    const stack = this.ws.modalStack(userId);
    const closed = (all ? stack.splice(0) : stack.splice(-1)).reverse();
    return closed.map((id) => this.ws.views.get(id) as FakeView);
  }

  /** Forgets messages, files, views, calls, violations, deliveries, envelopes, downloads and knobs; keeps users, channels, groups
   *  and the app connection (HTTP or Socket Mode). */
  reset(): void {
    this.ws.reset();
    this.calls.length = 0;
    this.violations.length = 0;
    this.events.deliveries.length = 0;
    this.socketMode.envelopes.length = 0;
    this.fileDownloads.length = 0;
    this.faults.reset();
    this.responseUrls.reset();
  }
}

export async function startSlackFake(options: SlackFakeOptions = {}): Promise<SlackFake> {
  const fake = new SlackFake(options);
  await fake.listen();
  return fake;
}

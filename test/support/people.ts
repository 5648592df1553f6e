// People in the fake workspace: each action goes through the fake and the signed client exactly as Slack
// would send it (slash commands, clicks, modals, messages, reactions, shortcuts, App Home).
import { actionFor, blockActionsFromMessage, blockActionsFromView, globalShortcut, messageShortcut } from '@goodtime-help/slack-stand-in';
import { findButton, findMenuOption } from '@goodtime-help/slack-stand-in';
import { Modal, SLACK_TIMEOUT_MS } from '@goodtime-help/slack-stand-in';
import { renderMessage, renderView } from '@goodtime-help/slack-stand-in';
import type { DeliveryResult } from '@goodtime-help/slack-stand-in';
import type { SlackFake } from '@goodtime-help/slack-stand-in';
import type { FakeEphemeral, FakeMessage, FakeUser, JsonObject, UserInput } from '@goodtime-help/slack-stand-in';
import type { SlackRequestClient, SlackResponse } from '@goodtime-help/slack-stand-in';

import { waitFor } from '@goodtime-help/slack-stand-in';

export { waitFor };
export { Modal } from '@goodtime-help/slack-stand-in';
export type { SubmitResult } from '@goodtime-help/slack-stand-in';

export interface PersonDeps {
  client: SlackRequestClient;
  fake: SlackFake;
  /** Where slash commands run by default (id or '#name'); default: the person's DM with the app. */
  channel?: string;
}

export interface CommandResult extends SlackResponse {
  /** Slack accepted the response: HTTP 200 within 3 s. */
  ok: boolean;
  /** What Slack shows the person when it did not ("/goodtime-help failed with the error ..."). */
  failure?: 'operation_timeout' | 'dispatch_failed';
  triggerId: string;
  responseUrl: string;
}

export interface InteractionResult extends SlackResponse {
  /** HTTP 200 within 3 s (otherwise Slack shows the person a warning). */
  ok: boolean;
}

function judged<T extends SlackResponse>(res: T): T & { ok: boolean } {
  return { ...res, ok: res.status === 200 && res.ms <= SLACK_TIMEOUT_MS };
}

export class Person {
  constructor(readonly id: string, private readonly deps: PersonDeps) {
    if (!deps.fake.user(id)) throw new Error(`No user ${id} in the fake workspace; fake.addUser() first`);
  }

  get user(): FakeUser {
    return this.deps.fake.user(this.id) as FakeUser;
  }
  get name(): string {
    return this.user.name;
  }

  /** Runs the slash command; a sync reply in the body is shown to the person like Slack does. */
  async runSlashCommand(text: string, opts: { channel?: string; command?: string } = {}): Promise<CommandResult> {
    const { fake, client } = this.deps;
    const channel = opts.channel ?? this.deps.channel ?? fake.dmChannel(this.id).id;
    const res = await client.slashCommand({ user: this.id, channel, text, ...(opts.command ? { command: opts.command } : {}) });
    const result: CommandResult = { ...res, ok: res.status === 200 && res.ms <= SLACK_TIMEOUT_MS };
    if (res.status !== 200) result.failure = res.error || res.status === 0 ? 'operation_timeout' : 'dispatch_failed';
    else if (res.ms > SLACK_TIMEOUT_MS) result.failure = 'operation_timeout';
    else fake.showCommandReply(this.id, channel, res.body);
    return result;
  }

  /** The person's open modal (live: always the top of their stack). */
  modal(): Modal {
    return new Modal(this.deps.fake, this.deps.client, this.id);
  }

  /** Waits (default 5 s) until the person has a modal open — views.open usually runs after ack(). */
  async waitForModal(opts: { title?: string; timeout?: number } = {}): Promise<Modal> {
    return waitFor(() => {
      const modal = this.modal();
      if (!modal.isOpen) throw new Error(`${this.name} has no modal open`);
      if (opts.title !== undefined && modal.title !== opts.title) throw new Error(`open modal is "${modal.title}", not "${opts.title}"`);
      return modal;
    }, { timeout: opts.timeout ?? 5000 });
  }

  /** Clicks a button (by its text) in a message or in one of this person's ephemeral messages. */
  async clickButton(text: string, at: { channel: string; ts: string }): Promise<InteractionResult> {
    const target = this.messageAt(at);
    const { block, element } = findButton(target.blocks, text, target.where);
    return this.sendMessageAction(target, actionFor(this.deps.fake.ws, block, element));
  }

  /** Picks an option (by its text) from an overflow menu, select or radio group in a message. */
  async choose(optionText: string, at: { channel: string; ts: string }): Promise<InteractionResult> {
    const target = this.messageAt(at);
    const { block, element, option } = findMenuOption(target.blocks, optionText, target.where);
    const many = element.type === 'checkboxes' || String(element.type).startsWith('multi_');
    return this.sendMessageAction(target, actionFor(this.deps.fake.ws, block, element, many ? [option] : option));
  }

  private messageAt(at: { channel: string; ts: string }) {
    const { fake } = this.deps;
    const channel = fake.channel(at.channel)?.id ?? at.channel;
    const message = fake.message(channel, at.ts);
    const ephemeral = message ? undefined : fake.ephemerals(this.id, channel).find((e) => e.ts === at.ts);
    if (!message && !ephemeral) throw new Error(`No message ${at.ts} in ${at.channel} visible to ${this.id}`);
    const blocks = (message ?? ephemeral)?.blocks ?? [];
    return { channel, message, ephemeral, blocks, where: `message ${at.ts}: ${renderMessage({ blocks }).slice(0, 200)}` };
  }

  private async sendMessageAction(target: { channel: string; message?: FakeMessage | undefined; ephemeral?: FakeEphemeral | undefined }, action: JsonObject) {
    const { fake, client } = this.deps;
    const source = target.message ? { messageTs: target.message.ts } : { ephemeralTs: target.ephemeral?.ts ?? '' };
    const payload = blockActionsFromMessage(fake.ws, {
      user: this.id, channel: target.channel, action, triggerId: fake.issueTriggerId(this.id),
      responseUrl: fake.newResponseUrl(this.id, target.channel, source),
      ...(target.message ? { message: target.message } : {}), ...(target.ephemeral ? { ephemeral: target.ephemeral } : {}),
    });
    return judged(await client.interaction(payload));
  }

  /** Posts a top-level message; the app receives a `message` event. Returns the stored message. */
  async postMessage(channel: string, text: string): Promise<FakeMessage> {
    return (await this.deps.fake.userPostMessage(this.id, channel, text)).message;
  }

  async replyInThread(channel: string, threadTs: string, text: string, opts: { broadcast?: boolean } = {}): Promise<FakeMessage> {
    return (await this.deps.fake.userPostMessage(this.id, channel, text, { threadTs, ...opts })).message;
  }

  /** Writes to the app in its Messages tab (the DM); the app receives a message event with channel_type 'im'. */
  async messageApp(text: string): Promise<FakeMessage> {
    return this.postMessage(this.deps.fake.dmChannel(this.id).id, text);
  }

  async react(channel: string, ts: string, name: string): Promise<DeliveryResult | undefined> {
    return this.deps.fake.userReact(this.id, channel, ts, name);
  }

  async unreact(channel: string, ts: string, name: string): Promise<DeliveryResult | undefined> {
    return this.deps.fake.userReact(this.id, channel, ts, name, true);
  }

  /** Uses a message shortcut (e.g. "Escalate to support") on a stored message. */
  async useMessageShortcut(callbackId: string, at: { channel: string; ts: string }): Promise<InteractionResult> {
    const { fake, client } = this.deps;
    const channel = fake.channel(at.channel)?.id ?? at.channel;
    const message = fake.message(channel, at.ts);
    if (!message) throw new Error(`No message ${at.ts} in ${at.channel}`);
    const payload = messageShortcut(fake.ws, {
      user: this.id, callbackId, channel, message, triggerId: fake.issueTriggerId(this.id),
      responseUrl: fake.newResponseUrl(this.id, channel),
    });
    return judged(await client.interaction(payload));
  }

  async useGlobalShortcut(callbackId: string): Promise<InteractionResult> {
    const { fake, client } = this.deps;
    return judged(await client.interaction(globalShortcut(fake.ws, { user: this.id, callbackId, triggerId: fake.issueTriggerId(this.id) })));
  }

  /** Opens the App Home tab: the app receives app_home_opened. */
  openHome(): Promise<DeliveryResult | undefined> {
    return this.deps.fake.userOpenHome(this.id);
  }

  /** The published home tab as text, or undefined if none was published. */
  home(): string | undefined {
    const view = this.deps.fake.home(this.id);
    return view ? renderView(view, { userName: (id) => this.deps.fake.user(id)?.name }) : undefined;
  }

  async clickHomeButton(text: string): Promise<InteractionResult> {
    const { fake, client } = this.deps;
    const view = fake.home(this.id);
    if (!view) throw new Error(`No home tab published for ${this.id}`);
    const { block, element } = findButton(view.blocks, text, 'the home tab');
    const action = actionFor(fake.ws, block, element);
    return judged(await client.interaction(blockActionsFromView(fake.ws, { user: this.id, view, action, triggerId: fake.issueTriggerId(this.id) })));
  }

  /** Messages in the app's DM with this person (oldest first). */
  dms(): FakeMessage[] {
    return this.deps.fake.dms(this.id);
  }

  /** What was shown to this person only (postEphemeral, response_url, sync command replies). */
  ephemerals(): FakeEphemeral[] {
    return this.deps.fake.ephemerals(this.id);
  }
}

export function createPerson(userId: string, deps: PersonDeps): Person {
  return new Person(userId, deps);
}

/** Adds a user to the fake (joining the given channels) and returns them as a Person. */
export function addPerson(deps: PersonDeps, input: UserInput & { channels?: string[] }): Person {
  const { channels = [], ...user } = input;
  const added = deps.fake.addUser(user);
  for (const channel of channels) deps.fake.joinChannel(added.id, channel);
  return new Person(added.id, deps);
}

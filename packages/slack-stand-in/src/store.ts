// The fake workspace's state: team, bot, users, channels, DMs, user groups, messages, views, triggers.
import { IdMaker, SlackError, TsClock, zoneInfo } from './util';
import type {
  ChannelInput, ExternalUpload, FakeChannel, FakeEphemeral, FakeFile, FakeMessage, FakeUser, FakeUserGroup, FakeView, UserInput,
} from './types';

/**
 * The app's Messages tab (App Home), as its manifest sets it: `enabled` (people and the app write in the DM),
 * `read-only` (only the app writes; people see no composer), `disabled` (no DM at all: Slack refuses the app's
 * posts there with `messages_tab_disabled`). See `messagesTabOf` for reading it from a manifest.
 */
export type MessagesTab = 'enabled' | 'read-only' | 'disabled';

/** What a manifest's `features.app_home` says about the Messages tab (Slack's default when absent: disabled). */
export function messagesTabOf(manifest: { features?: { app_home?: { messages_tab_enabled?: boolean; messages_tab_read_only_enabled?: boolean } } }): MessagesTab {
  const home = manifest.features?.app_home;
  if (!home?.messages_tab_enabled) return 'disabled';
  return home.messages_tab_read_only_enabled ? 'read-only' : 'enabled';
}

export interface WorkspaceOptions {
  /** Default `enabled`. */
  messagesTab?: MessagesTab;
  /** The bot scopes the app was granted (its manifest's `oauth_config.scopes.bot`); a method needing another gets
   * `missing_scope`. Default: not checked. */
  scopes?: string[];
  teamId?: string;
  teamName?: string;
  teamDomain?: string;
  botUserId?: string;
  botId?: string;
  appId?: string;
  botName?: string;
}

export interface Trigger {
  user: string;
  issuedAt: number;
  used: boolean;
}

export class Workspace {
  readonly ids = new IdMaker();
  readonly clock = new TsClock();
  readonly team: { id: string; name: string; domain: string };
  readonly bot: { userId: string; botId: string; appId: string; name: string };
  readonly users = new Map<string, FakeUser>();
  readonly channels = new Map<string, FakeChannel>();
  readonly userGroups = new Map<string, FakeUserGroup>();
  readonly messagesByChannel = new Map<string, FakeMessage[]>();
  ephemerals: FakeEphemeral[] = [];
  readonly views = new Map<string, FakeView>();
  readonly modalStacks = new Map<string, string[]>();
  readonly homes = new Map<string, string>();
  readonly triggers = new Map<string, Trigger>();
  /** Files people shared in messages, by id. */
  readonly files = new Map<string, FakeFile>();
  /** The app's uploads (files.getUploadURLExternal → upload URL → files.completeUploadExternal), by file id. */
  readonly uploads = new Map<string, ExternalUpload>();
  /** The stand-in's own base URL (upload URLs point at it); set when it listens. */
  baseUrl = '';
  private readonly dmByUser = new Map<string, string>();
  readonly messagesTab: MessagesTab;
  readonly scopes: ReadonlySet<string> | undefined;

  constructor(options: WorkspaceOptions = {}) {
    this.messagesTab = options.messagesTab ?? 'enabled';
    this.scopes = options.scopes ? new Set(options.scopes) : undefined;
    this.team = {
      id: options.teamId ?? 'T0GOODTIME1',
      name: options.teamName ?? 'GoodTime Test',
      domain: options.teamDomain ?? 'goodtime-test',
    };
    this.bot = {
      userId: options.botUserId ?? 'U0HELPBOT01',
      botId: options.botId ?? 'B0HELPBOT01',
      appId: options.appId ?? 'A0HELPAPP01',
      name: options.botName ?? 'goodtime-help',
    };
    const botUser = this.addUser({ id: this.bot.userId, name: this.bot.name, real_name: 'GoodTime Help', is_bot: true });
    botUser.profile.bot_id = this.bot.botId;
  }

  now(): number {
    return this.clock.now();
  }

  addUser(input: UserInput): FakeUser {
    const id = input.id ?? this.ids.next('U');
    const tz = input.tz ?? 'America/Los_Angeles';
    const zone = zoneInfo(tz, new Date(this.now()));
    const realName = input.real_name ?? input.name;
    const displayName = input.display_name ?? input.name;
    const user: FakeUser = {
      id, team_id: this.team.id, name: input.name, real_name: realName,
      tz, tz_label: zone.label, tz_offset: zone.offset,
      is_bot: input.is_bot ?? false, is_admin: input.is_admin ?? false, deleted: input.deleted ?? false,
      profile: {
        real_name: realName, display_name: displayName,
        real_name_normalized: realName, display_name_normalized: displayName,
        ...(input.email !== undefined ? { email: input.email } : {}),
        ...(input.title !== undefined ? { title: input.title } : {}),
      },
    };
    this.users.set(id, user);
    return user;
  }

  addChannel(input: ChannelInput): FakeChannel {
    const isPrivate = input.is_private ?? false;
    const id = input.id ?? this.ids.next('C');
    const members = new Set(input.members ?? []);
    if (input.botMember ?? true) members.add(this.bot.userId);
    const created = Math.floor(this.now() / 1000);
    const channel: FakeChannel = {
      id, name: input.name, is_channel: !isPrivate, is_group: isPrivate, is_im: false, is_mpim: false,
      is_private: isPrivate, is_archived: input.is_archived ?? false, created, creator: this.bot.userId,
      members: [...members],
      topic: { value: input.topic ?? '', creator: '', last_set: 0 },
      purpose: { value: input.purpose ?? '', creator: '', last_set: 0 },
    };
    this.channels.set(id, channel);
    return channel;
  }

  addUserGroup(input: { id?: string; handle: string; name?: string; users: string[] }): FakeUserGroup {
    const group: FakeUserGroup = {
      id: input.id ?? this.ids.next('S'), team_id: this.team.id, handle: input.handle,
      name: input.name ?? input.handle, users: [...input.users],
    };
    this.userGroups.set(group.id, group);
    return group;
  }

  requireUser(id: string | undefined): FakeUser {
    const user = id ? this.users.get(id) : undefined;
    if (!user) throw new SlackError('user_not_found');
    return user;
  }

  /** The channel for an id; a user id means the bot's DM with that user (as chat.postMessage allows). */
  requireChannel(id: string | undefined): FakeChannel {
    if (id && /^[UW]/.test(id) && this.users.has(id)) return this.openDm(id);
    const channel = id ? this.channels.get(id) : undefined;
    if (!channel) throw new SlackError('channel_not_found');
    return channel;
  }

  /** The bot can see public channels, and private ones / DMs only as a member. */
  requireVisibleChannel(id: string | undefined): FakeChannel {
    const channel = this.requireChannel(id);
    if (channel.is_private && !channel.members.includes(this.bot.userId)) throw new SlackError('channel_not_found');
    return channel;
  }

  isBotMember(channel: FakeChannel): boolean {
    return channel.members.includes(this.bot.userId);
  }

  openDm(userId: string): FakeChannel {
    this.requireUser(userId);
    const existing = this.dmByUser.get(userId);
    if (existing) return this.channels.get(existing) as FakeChannel;
    const id = this.ids.next('D');
    const channel: FakeChannel = {
      id, name: userId, is_channel: false, is_group: false, is_im: true, is_mpim: false, is_private: true,
      is_archived: false, created: Math.floor(this.now() / 1000), creator: userId, user: userId,
      members: [userId, this.bot.userId],
      topic: { value: '', creator: '', last_set: 0 }, purpose: { value: '', creator: '', last_set: 0 },
    };
    this.channels.set(id, channel);
    this.dmByUser.set(userId, id);
    return channel;
  }

  openMpim(userIds: string[]): FakeChannel {
    const members = [...new Set([...userIds, this.bot.userId])].sort();
    const name = `mpdm-${members.map((u) => this.requireUser(u).name).join('--')}-1`;
    const existing = [...this.channels.values()].find((c) => c.is_mpim && c.name === name);
    if (existing) return existing;
    return Object.assign(this.addChannel({ name, is_private: true, members }), { is_mpim: true, is_group: false });
  }

  dmChannelId(userId: string): string | undefined {
    return this.dmByUser.get(userId);
  }

  channelType(channel: FakeChannel): 'channel' | 'group' | 'im' | 'mpim' {
    if (channel.is_im) return 'im';
    if (channel.is_mpim) return 'mpim';
    return channel.is_private ? 'group' : 'channel';
  }

  /** All messages of a channel (top level and replies), oldest first. */
  allMessages(channel: string): FakeMessage[] {
    let list = this.messagesByChannel.get(channel);
    if (!list) {
      list = [];
      this.messagesByChannel.set(channel, list);
    }
    return list;
  }

  findMessage(channel: string, ts: string | undefined): FakeMessage | undefined {
    return ts ? this.allMessages(channel).find((m) => m.ts === ts) : undefined;
  }

  requireMessage(channel: string, ts: string | undefined): FakeMessage {
    const message = this.findMessage(channel, ts);
    if (!message) throw new SlackError('message_not_found');
    return message;
  }

  /** Top-level messages (and replies broadcast to the channel), oldest first. */
  topLevel(channel: string): FakeMessage[] {
    return this.allMessages(channel).filter((m) => !m.thread_ts || m.thread_ts === m.ts || m.subtype === 'thread_broadcast');
  }

  replies(channel: string, threadTs: string): FakeMessage[] {
    return this.allMessages(channel).filter((m) => m.thread_ts === threadTs && m.ts !== threadTs);
  }

  /** Stores a message, keeping the parent's reply_count / reply_users / latest_reply right. */
  addMessage(message: FakeMessage): FakeMessage {
    if (message.thread_ts) {
      let parent = this.findMessage(message.channel, message.thread_ts);
      if (parent?.thread_ts && parent.thread_ts !== parent.ts) parent = this.findMessage(message.channel, parent.thread_ts);
      if (!parent) {
        delete message.thread_ts; // Slack posts to the channel when thread_ts matches no message
      } else {
        message.thread_ts = parent.ts;
        if (parent.user) message.parent_user_id = parent.user;
        parent.thread_ts = parent.ts;
        parent.reply_count = (parent.reply_count ?? 0) + 1;
        const replyUsers = new Set(parent.reply_users ?? []);
        if (message.user) replyUsers.add(message.user);
        parent.reply_users = [...replyUsers];
        parent.reply_users_count = replyUsers.size;
        parent.latest_reply = message.ts;
      }
    }
    this.allMessages(message.channel).push(message);
    return message;
  }

  removeMessage(message: FakeMessage): void {
    const list = this.allMessages(message.channel);
    const hasReplies = (message.reply_count ?? 0) > 0 && message.thread_ts === message.ts;
    if (hasReplies) {
      // Slack leaves a tombstone so the thread survives.
      Object.assign(message, { subtype: 'tombstone', text: 'This message was deleted.', blocks: undefined });
      return;
    }
    list.splice(list.indexOf(message), 1);
    if (message.thread_ts && message.thread_ts !== message.ts) {
      const parent = this.findMessage(message.channel, message.thread_ts);
      if (parent) {
        parent.reply_count = Math.max(0, (parent.reply_count ?? 1) - 1);
        const rest = this.replies(message.channel, parent.ts);
        parent.latest_reply = rest.at(-1)?.ts ?? parent.ts;
      }
    }
  }

  modalStack(user: string): string[] {
    let stack = this.modalStacks.get(user);
    if (!stack) {
      stack = [];
      this.modalStacks.set(user, stack);
    }
    return stack;
  }

  /** Clears what happened (messages, files, uploads, views, triggers); keeps users, channels, DMs and groups. */
  reset(): void {
    this.messagesByChannel.clear();
    this.files.clear();
    this.uploads.clear();
    this.ephemerals = [];
    this.views.clear();
    this.modalStacks.clear();
    this.homes.clear();
    this.triggers.clear();
    this.clock.reset();
  }
}

/** People cannot write in the app's DM (messages or slash commands) unless its Messages tab is fully enabled. */
export function assertPersonMayWriteTo(ws: Workspace, channel: FakeChannel): void {
  if (channel.is_im && ws.messagesTab !== 'enabled') {
    throw new Error(`slack-fake: the app's Messages tab is ${ws.messagesTab}: people see "Sending messages to this app has been turned off" and cannot write in its DM`);
  }
}

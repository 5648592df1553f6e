// chat.* and reactions.* — messages the bot posts, edits and deletes, and emoji reactions.
import { assertValidMessage, withGeneratedIds } from './validate-surfaces';
import { bool, json, requireStr, SlackError, str, violation } from './util';
import type { Workspace } from './store';
import type { FakeChannel, FakeMessage, JsonObject, MessageMetadata } from './types';

export interface MethodContext {
  ws: Workspace;
  chatWritePublic: boolean;
  /** Called for every message the bot posts (event delivery of the bot's own messages, if enabled). */
  onBotMessage(message: FakeMessage): void;
}

export type Handler = (args: JsonObject, ctx: MethodContext) => JsonObject | Promise<JsonObject>;

/** A message as the Web API returns it (no `channel`, no unfurl flags, metadata only when asked). */
export function messageOut(message: FakeMessage, includeMetadata: boolean): JsonObject {
  const { channel: _channel, unfurl_links: _ul, unfurl_media: _um, metadata, ...rest } = structuredClone(message);
  return includeMetadata && metadata ? { ...rest, metadata } : rest;
}

export interface MessageContent {
  text?: string | undefined;
  blocks?: unknown;
  attachments?: unknown;
  metadata?: unknown;
}

/** A message from the bot, not yet stored (content already validated). */
export function buildBotMessage(ws: Workspace, channel: string, content: MessageContent, threadTs?: string): FakeMessage {
  const message: FakeMessage = {
    type: 'message', channel, ts: ws.clock.nextTs(), text: content.text ?? '', team: ws.team.id,
    user: ws.bot.userId, bot_id: ws.bot.botId, app_id: ws.bot.appId,
    bot_profile: { id: ws.bot.botId, app_id: ws.bot.appId, name: ws.bot.name, deleted: false, team_id: ws.team.id },
  };
  if (Array.isArray(content.blocks)) message.blocks = withGeneratedIds(content.blocks);
  if (Array.isArray(content.attachments)) message.attachments = content.attachments as JsonObject[];
  if (content.metadata) message.metadata = content.metadata as MessageMetadata;
  if (threadTs) message.thread_ts = threadTs;
  return message;
}

function contentArgs(args: JsonObject): MessageContent {
  return {
    text: str(args, 'text'),
    blocks: json(args, 'blocks', 'invalid_blocks_format'),
    attachments: json(args, 'attachments', 'invalid_attachments'),
    metadata: json(args, 'metadata', 'invalid_metadata_format'),
  };
}

/** Where the bot may post: public channels it is in (or any with chat:write.public), private ones it is in, DMs (unless the Messages tab is off). */
export function postableChannel(ctx: MethodContext, id: string | undefined): FakeChannel {
  if (!id) throw violation('channel_not_found', ['[ERROR] missing required field: channel']);
  const channel = ctx.ws.requireVisibleChannel(id);
  if (channel.is_archived) throw new SlackError('is_archived');
  if (!channel.is_private && !ctx.ws.isBotMember(channel) && !ctx.chatWritePublic) throw new SlackError('not_in_channel');
  if (channel.is_im && ctx.ws.messagesTab === 'disabled') throw new SlackError('messages_tab_disabled');
  return channel;
}

function ownMessage(ctx: MethodContext, args: JsonObject, method: string, notOwn: string): FakeMessage {
  const channel = ctx.ws.requireVisibleChannel(requireStr(args, 'channel', method));
  const message = ctx.ws.requireMessage(channel.id, requireStr(args, 'ts', method));
  if (message.bot_id !== ctx.ws.bot.botId) throw new SlackError(notOwn);
  return message;
}

const postMessage: Handler = (args, ctx) => {
  const { ws } = ctx;
  const channel = postableChannel(ctx, str(args, 'channel'));
  const content = contentArgs(args);
  assertValidMessage(content, { requireContent: true });
  const broadcast = bool(args, 'reply_broadcast') === true && str(args, 'thread_ts') !== undefined;
  const message = buildBotMessage(ws, channel.id, content, str(args, 'thread_ts'));
  if (broadcast) message.subtype = 'thread_broadcast';
  for (const flag of ['unfurl_links', 'unfurl_media'] as const) {
    const value = bool(args, flag);
    if (value !== undefined) message[flag] = value;
  }
  for (const key of ['username', 'icon_emoji', 'icon_url'] as const) {
    const value = str(args, key);
    if (value !== undefined) message[key] = value;
  }
  ws.addMessage(message);
  ctx.onBotMessage(message);
  return { channel: channel.id, ts: message.ts, message: messageOut(message, true) };
};

const update: Handler = (args, ctx) => {
  const message = ownMessage(ctx, args, 'chat.update', 'cant_update_message');
  const content = contentArgs(args);
  assertValidMessage(content, { requireContent: content.metadata === undefined && !Array.isArray(content.blocks) });
  if (content.text !== undefined) message.text = content.text;
  if (Array.isArray(content.blocks)) {
    if (content.blocks.length) message.blocks = withGeneratedIds(content.blocks);
    else delete message.blocks;
  }
  if (Array.isArray(content.attachments)) message.attachments = content.attachments as JsonObject[];
  if (content.metadata) message.metadata = content.metadata as MessageMetadata;
  message.edited = { user: ctx.ws.bot.userId, ts: ctx.ws.clock.nextTs() };
  return { channel: message.channel, ts: message.ts, text: message.text, message: messageOut(message, true) };
};

const remove: Handler = (args, ctx) => {
  const message = ownMessage(ctx, args, 'chat.delete', 'cant_delete_message');
  ctx.ws.removeMessage(message);
  return { channel: message.channel, ts: message.ts };
};

const postEphemeral: Handler = (args, ctx) => {
  const { ws } = ctx;
  const channel = postableChannel(ctx, str(args, 'channel'));
  const user = ws.requireUser(requireStr(args, 'user', 'chat.postEphemeral'));
  if (!channel.members.includes(user.id)) throw new SlackError('user_not_in_channel');
  const content = contentArgs(args);
  assertValidMessage(content, { requireContent: true });
  const ts = ws.clock.nextTs();
  ws.ephemerals.push({
    source: 'chat.postEphemeral', user: user.id, channel: channel.id, ts, text: content.text ?? '',
    ...(Array.isArray(content.blocks) ? { blocks: withGeneratedIds(content.blocks) } : {}),
    ...(str(args, 'thread_ts') ? { thread_ts: str(args, 'thread_ts') } : {}),
  });
  return { message_ts: ts };
};

const getPermalink: Handler = (args, ctx) => {
  const channel = ctx.ws.requireVisibleChannel(requireStr(args, 'channel', 'chat.getPermalink'));
  const message = ctx.ws.requireMessage(channel.id, requireStr(args, 'message_ts', 'chat.getPermalink'));
  let permalink = `https://${ctx.ws.team.domain}.slack.com/archives/${channel.id}/p${message.ts.replace('.', '')}`;
  if (message.thread_ts && message.thread_ts !== message.ts) {
    permalink += `?thread_ts=${message.thread_ts}&cid=${channel.id}`;
  }
  return { channel: channel.id, permalink };
};

/** Adds a reaction (used by reactions.add and by people reacting through the harness). */
export function addReaction(ws: Workspace, channelId: string, ts: string, name: string, user: string): FakeMessage {
  if (!/^[a-z0-9_+'-]+(::skin-tone-[2-6])?$/.test(name)) throw new SlackError('invalid_name');
  const message = ws.requireMessage(channelId, ts);
  message.reactions ??= [];
  let reaction = message.reactions.find((r) => r.name === name);
  if (reaction?.users.includes(user)) throw new SlackError('already_reacted');
  if (!reaction) {
    reaction = { name, users: [], count: 0 };
    message.reactions.push(reaction);
  }
  reaction.users.push(user);
  reaction.count = reaction.users.length;
  return message;
}

export function removeReaction(ws: Workspace, channelId: string, ts: string, name: string, user: string): FakeMessage {
  const message = ws.requireMessage(channelId, ts);
  const reaction = message.reactions?.find((r) => r.name === name);
  if (!reaction?.users.includes(user)) throw new SlackError('no_reaction');
  reaction.users = reaction.users.filter((u) => u !== user);
  reaction.count = reaction.users.length;
  if (!reaction.count) message.reactions = message.reactions?.filter((r) => r !== reaction);
  if (!message.reactions?.length) delete message.reactions;
  return message;
}

function reactionTarget(args: JsonObject, ctx: MethodContext, method: string) {
  const channel = ctx.ws.requireVisibleChannel(requireStr(args, 'channel', method));
  const ts = requireStr(args, 'timestamp', method);
  return { channel: channel.id, ts };
}

export const chatMethods: Record<string, Handler> = {
  'chat.postMessage': postMessage,
  'chat.update': update,
  'chat.delete': remove,
  'chat.postEphemeral': postEphemeral,
  'chat.getPermalink': getPermalink,
  'reactions.add': (args, ctx) => {
    const { channel, ts } = reactionTarget(args, ctx, 'reactions.add');
    addReaction(ctx.ws, channel, ts, str(args, 'name') ?? '', ctx.ws.bot.userId);
    return {};
  },
  'reactions.remove': (args, ctx) => {
    const { channel, ts } = reactionTarget(args, ctx, 'reactions.remove');
    removeReaction(ctx.ws, channel, ts, str(args, 'name') ?? '', ctx.ws.bot.userId);
    return {};
  },
  'reactions.get': (args, ctx) => {
    const { channel, ts } = reactionTarget(args, ctx, 'reactions.get');
    return { type: 'message', channel, message: messageOut(ctx.ws.requireMessage(channel, ts), false) };
  },
};

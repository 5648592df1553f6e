// conversations.*, users.*, usergroups.*, team.info, bots.info and auth.test.
import { messageOut } from './methods-chat';
import { bool, paginate, requireStr, SlackError, str, tsToNumber } from './util';
import type { Handler, MethodContext } from './methods-chat';
import type { FakeChannel, FakeMessage, JsonObject } from './types';

export function channelOut(ctx: MethodContext, channel: FakeChannel, withCount = false): JsonObject {
  const { members, ...rest } = structuredClone(channel);
  const out: JsonObject = { ...rest, is_member: ctx.ws.isBotMember(channel) };
  if (channel.is_im) {
    return { id: channel.id, created: channel.created, is_im: true, is_org_shared: false, user: channel.user, is_user_deleted: false, priority: 0 };
  }
  if (withCount) out.num_members = members.length;
  return out;
}

/** Reading history needs membership (public channels: not_in_channel; private: channel_not_found). */
function readableChannel(ctx: MethodContext, args: JsonObject, method: string): FakeChannel {
  const channel = ctx.ws.requireVisibleChannel(requireStr(args, 'channel', method));
  if (!ctx.ws.isBotMember(channel)) throw new SlackError('not_in_channel');
  return channel;
}

/** oldest/latest window (exclusive unless inclusive=true), as conversations.history and .replies apply it. */
function inWindow(args: JsonObject): (m: FakeMessage) => boolean {
  const oldest = str(args, 'oldest');
  const latest = str(args, 'latest');
  const inclusive = bool(args, 'inclusive') === true;
  return (m) => {
    const ts = tsToNumber(m.ts);
    if (oldest !== undefined && (inclusive ? ts < Number(oldest) : ts <= Number(oldest))) return false;
    if (latest !== undefined && (inclusive ? ts > Number(latest) : ts >= Number(latest))) return false;
    return true;
  };
}

function pageOfMessages(list: FakeMessage[], args: JsonObject, defaultLimit: number) {
  const includeMetadata = bool(args, 'include_all_metadata') === true;
  const { page, hasMore, nextCursor } = paginate(list, args, defaultLimit, 999);
  return {
    messages: page.map((m) => messageOut(m, includeMetadata)),
    has_more: hasMore,
    ...(hasMore ? { response_metadata: { next_cursor: nextCursor } } : {}),
  };
}

function userOut(ctx: MethodContext, id: string): JsonObject {
  return structuredClone(ctx.ws.requireUser(id)) as unknown as JsonObject;
}

export const conversationMethods: Record<string, Handler> = {
  'auth.test': (_args, { ws }) => ({
    url: `https://${ws.team.domain}.slack.com/`, team: ws.team.name, user: ws.bot.name, team_id: ws.team.id,
    user_id: ws.bot.userId, bot_id: ws.bot.botId, is_enterprise_install: false,
  }),
  'team.info': (_args, { ws }) => ({
    team: { id: ws.team.id, name: ws.team.name, domain: ws.team.domain, email_domain: 'example.com', icon: {} },
  }),
  'bots.info': (args, { ws }) => {
    if (str(args, 'bot') !== ws.bot.botId) throw new SlackError('bot_not_found');
    return {
      bot: { id: ws.bot.botId, deleted: false, name: ws.bot.name, updated: 1700000000, app_id: ws.bot.appId, user_id: ws.bot.userId, icons: {} },
    };
  },
  'users.info': (args, ctx) => ({ user: userOut(ctx, requireStr(args, 'user', 'users.info')) }),
  'users.list': (args, ctx) => {
    const { page, hasMore, nextCursor } = paginate([...ctx.ws.users.keys()], args, 200, 1000);
    return {
      members: page.map((id) => userOut(ctx, id)),
      cache_ts: Math.floor(ctx.ws.now() / 1000),
      response_metadata: { next_cursor: hasMore ? nextCursor : '' },
    };
  },
  'users.lookupByEmail': (args, ctx) => {
    const email = requireStr(args, 'email', 'users.lookupByEmail').toLowerCase();
    const user = [...ctx.ws.users.values()].find((u) => u.profile.email?.toLowerCase() === email);
    if (!user) throw new SlackError('users_not_found');
    return { user: userOut(ctx, user.id) };
  },
  'usergroups.users.list': (args, { ws }) => {
    const group = ws.userGroups.get(requireStr(args, 'usergroup', 'usergroups.users.list'));
    if (!group) throw new SlackError('no_such_subteam');
    return { users: [...group.users] };
  },
  'conversations.open': (args, ctx) => {
    const users = (str(args, 'users') ?? '').split(',').map((u) => u.trim()).filter(Boolean);
    const channelArg = str(args, 'channel');
    let channel: FakeChannel;
    const existed = channelArg !== undefined || (users.length === 1 && ctx.ws.dmChannelId(users[0] as string) !== undefined);
    if (channelArg) channel = ctx.ws.requireChannel(channelArg);
    else if (users.length === 1) channel = ctx.ws.openDm(users[0] as string);
    else if (users.length > 1 && users.length <= 8) channel = ctx.ws.openMpim(users);
    else throw new SlackError(users.length ? 'too_many_users' : 'users_list_not_supplied');
    const full = bool(args, 'return_im') === true;
    return { no_op: existed, already_open: existed, channel: full ? channelOut(ctx, channel) : { id: channel.id } };
  },
  'conversations.info': (args, ctx) => {
    const channel = ctx.ws.requireVisibleChannel(requireStr(args, 'channel', 'conversations.info'));
    return { channel: channelOut(ctx, channel, bool(args, 'include_num_members') === true) };
  },
  'conversations.history': (args, ctx) => {
    const channel = readableChannel(ctx, args, 'conversations.history');
    const newestFirst = ctx.ws.topLevel(channel.id).filter(inWindow(args)).reverse();
    return pageOfMessages(newestFirst, args, 100);
  },
  'conversations.replies': (args, ctx) => {
    const channel = readableChannel(ctx, args, 'conversations.replies');
    const target = ctx.ws.findMessage(channel.id, requireStr(args, 'ts', 'conversations.replies'));
    if (!target) throw new SlackError('thread_not_found');
    const threadTs = target.thread_ts ?? target.ts;
    const parent = ctx.ws.findMessage(channel.id, threadTs) ?? target;
    const thread = [parent, ...ctx.ws.replies(channel.id, threadTs)];
    // Slack always returns the parent first; the window applies to the replies.
    const keep = inWindow(args);
    return pageOfMessages(thread.filter((m, i) => i === 0 || keep(m)), args, 1000);
  },
  'conversations.members': (args, ctx) => {
    const channel = ctx.ws.requireVisibleChannel(requireStr(args, 'channel', 'conversations.members'));
    const { page, hasMore, nextCursor } = paginate(channel.members, args, 100, 1000);
    return { members: page, response_metadata: { next_cursor: hasMore ? nextCursor : '' } };
  },
  'conversations.join': (args, ctx) => {
    const channel = ctx.ws.requireVisibleChannel(requireStr(args, 'channel', 'conversations.join'));
    if (channel.is_private || channel.is_im) throw new SlackError('method_not_supported_for_channel_type');
    if (channel.is_archived) throw new SlackError('is_archived');
    const already = ctx.ws.isBotMember(channel);
    if (!already) channel.members.push(ctx.ws.bot.userId);
    return { channel: channelOut(ctx, channel), ...(already ? { warning: 'already_in_channel' } : {}) };
  },
  'conversations.list': (args, ctx) => {
    const types = (str(args, 'types') ?? 'public_channel').split(',');
    const wanted = [...ctx.ws.channels.values()].filter((c) => {
      if (c.is_im) return types.includes('im') && ctx.ws.isBotMember(c);
      if (c.is_mpim) return types.includes('mpim') && ctx.ws.isBotMember(c);
      if (c.is_private) return types.includes('private_channel') && ctx.ws.isBotMember(c);
      return types.includes('public_channel') && !(bool(args, 'exclude_archived') && c.is_archived);
    });
    const { page, hasMore, nextCursor } = paginate(wanted, args, 100, 1000);
    return { channels: page.map((c) => channelOut(ctx, c)), response_metadata: { next_cursor: hasMore ? nextCursor : '' } };
  },
};

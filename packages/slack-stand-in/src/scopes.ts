// Which bot scope each Web API method needs (Slack's method reference), so an app whose manifest lacks one gets
// `missing_scope` here as it would in Slack. Conversation methods need the scope of the conversation's type.
import type { Workspace } from './store';
import type { JsonObject } from './types';
import { str } from './util';

type ChannelKind = 'public' | 'private' | 'im' | 'mpim';
/** By conversation type: public channel, private channel, DM, group DM. */
type PerKind = Record<ChannelKind, string>;

const HISTORY: PerKind = { public: 'channels:history', private: 'groups:history', im: 'im:history', mpim: 'mpim:history' };
const READ: PerKind = { public: 'channels:read', private: 'groups:read', im: 'im:read', mpim: 'mpim:read' };

const NEEDED: Record<string, string | PerKind | null> = {
  'auth.test': null,
  'team.info': 'team:read',
  'bots.info': 'users:read',
  'users.info': 'users:read',
  'users.list': 'users:read',
  'users.lookupByEmail': 'users:read.email',
  'usergroups.users.list': 'usergroups:read',
  'chat.postMessage': 'chat:write',
  'chat.update': 'chat:write',
  'chat.delete': 'chat:write',
  'chat.postEphemeral': 'chat:write',
  'chat.getPermalink': null,
  'reactions.add': 'reactions:write',
  'reactions.remove': 'reactions:write',
  'reactions.get': 'reactions:read',
  'conversations.open': 'im:write',
  'conversations.info': READ,
  'conversations.members': READ,
  'conversations.list': READ,
  'conversations.history': HISTORY,
  'conversations.replies': HISTORY,
  'conversations.join': 'channels:join',
  'files.info': 'files:read',
  'files.getUploadURLExternal': 'files:write',
  'files.completeUploadExternal': 'files:write',
  'views.open': null,
  'views.push': null,
  'views.update': null,
  'views.publish': null,
};

/** The scope `method` needs and the app was not granted, or undefined (also when no scopes were configured). */
export function missingScope(ws: Workspace, method: string, args: JsonObject): string | undefined {
  if (!ws.scopes) return undefined;
  const needed = NEEDED[method];
  if (!needed) return undefined;
  const scope = typeof needed === 'string' ? needed : needed[kindOf(ws, str(args, 'channel'))];
  return ws.scopes.has(scope) ? undefined : scope;
}

function kindOf(ws: Workspace, id: string | undefined): ChannelKind {
  const channel = id ? ws.channels.get(id) : undefined;
  if (!channel) return 'public';
  if (channel.is_im) return 'im';
  if (channel.is_mpim) return 'mpim';
  return channel.is_private ? 'private' : 'public';
}

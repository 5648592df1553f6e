// The Slack Web API calls the capabilities need, in one place: posts, edits in place, DMs, ephemerals.
import type { KnownBlock, MessageMetadata } from '@slack/types';
import type { WebClient } from '@slack/web-api';

export interface MessageRef {
  channel: string;
  ts: string;
}

export interface OutgoingMessage {
  text: string;
  blocks?: KnownBlock[];
  metadata?: MessageMetadata;
}

export interface Messenger {
  post(channel: string, message: OutgoingMessage, options?: { threadTs?: string }): Promise<MessageRef>;
  update(ref: MessageRef, message: OutgoingMessage): Promise<void>;
  dm(userId: string, message: OutgoingMessage): Promise<MessageRef>;
  ephemeral(channel: string, userId: string, message: OutgoingMessage, threadTs?: string): Promise<void>;
  permalink(ref: MessageRef): Promise<string | undefined>;
  /** A recent message this app posted in `channel` with this metadata type whose payload matches. */
  findByMetadata(channel: string, eventType: string, matches: (payload: Record<string, unknown>) => boolean): Promise<MessageRef | undefined>;
}

const HISTORY_PAGE = 200;

export function createMessenger(web: WebClient): Messenger {
  const dmChannels = new Map<string, string>();
  const dmChannel = async (userId: string): Promise<string> => {
    const known = dmChannels.get(userId);
    if (known) return known;
    const opened = await web.conversations.open({ users: userId });
    const id = opened.channel?.id;
    if (!id) throw new Error('conversations.open returned no channel');
    dmChannels.set(userId, id);
    return id;
  };
  const post: Messenger['post'] = async (channel, message, options) => {
    const result = await web.chat.postMessage({
      channel,
      text: message.text,
      blocks: message.blocks,
      metadata: message.metadata,
      thread_ts: options?.threadTs,
      unfurl_links: false,
      unfurl_media: false,
    });
    return { channel: result.channel ?? channel, ts: String(result.ts) };
  };
  return {
    post,
    async update(ref, message) {
      await web.chat.update({ channel: ref.channel, ts: ref.ts, text: message.text, blocks: message.blocks ?? [], metadata: message.metadata });
    },
    async dm(userId, message) {
      return post(await dmChannel(userId), message);
    },
    async ephemeral(channel, userId, message, threadTs) {
      await web.chat.postEphemeral({ channel, user: userId, text: message.text, blocks: message.blocks, thread_ts: threadTs });
    },
    async findByMetadata(channel, eventType, matches) {
      const history = await web.conversations.history({ channel, limit: HISTORY_PAGE, include_all_metadata: true });
      const found = history.messages?.find(
        (m) => m.metadata?.event_type === eventType && matches((m.metadata.event_payload ?? {}) as Record<string, unknown>),
      );
      return found?.ts ? { channel, ts: found.ts } : undefined;
    },
    async permalink(ref) {
      const result = await web.chat.getPermalink({ channel: ref.channel, message_ts: ref.ts });
      return result.permalink;
    },
  };
}

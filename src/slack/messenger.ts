// The Slack Web API calls outside the exactly-once publisher: edits in place, announcements, links, and the
// metadata look-up the publisher and the broadcast use for messages in doubt.
import type { KnownBlock, MessageMetadata } from '@slack/types';
import { ErrorCode, type WebClient } from '@slack/web-api';

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
  permalink(ref: MessageRef): Promise<string | undefined>;
}

type MessageWithMetadata = { ts?: string; metadata?: { event_type?: string; event_payload?: Record<string, unknown> } };

const HISTORY_PAGE = 200;
const MAX_HISTORY_PAGES = 5;

/**
 * Finds a message we may already have posted (a crash or a timeout left it in doubt) by its message metadata:
 * the channel's history since `oldest`, or a thread's replies, a few pages deep.
 */
async function findMessageByMetadata(
  web: WebClient,
  where: { channel: string; threadTs?: string; oldest: Date },
  matches: (message: MessageWithMetadata) => boolean,
): Promise<MessageRef | undefined> {
  const { channel, threadTs } = where;
  const oldest = String(Math.floor(where.oldest.getTime() / 1000));
  let cursor: string | undefined;
  for (let page = 0; page < MAX_HISTORY_PAGES; page += 1) {
    const args = { channel, oldest, include_all_metadata: true, limit: HISTORY_PAGE, ...(cursor ? { cursor } : {}) };
    const result = threadTs ? await web.conversations.replies({ ...args, ts: threadTs }) : await web.conversations.history(args);
    const hit = ((result.messages ?? []) as MessageWithMetadata[]).find(matches);
    if (hit?.ts) return { channel, ts: hit.ts };
    cursor = result.response_metadata?.next_cursor || undefined;
    if (!result.has_more || !cursor) return undefined;
  }
  return undefined;
}

/** Look a little before an earlier attempt: Slack's clock and ours may differ. */
const CLOCK_SKEW_MS = 120_000;

/** Whether an earlier attempt landed could not be looked up: the message stays in doubt, and is not posted. */
export class LookUpFailed extends Error {
  constructor(cause: unknown) {
    super('the look-up for an earlier attempt failed', { cause });
    this.name = 'LookUpFailed';
  }
}

/**
 * The rule of exactly once that the publisher and the broadcast sender share: when an earlier attempt may have landed
 * (`inDoubt`: a crash, a timeout, a 5xx), the message is looked for by its metadata and posted only if it is not
 * there; a look-up that fails throws LookUpFailed, never a blind second post.
 */
export async function postUnlessFound(
  web: WebClient,
  inDoubt: { where: { channel: string; threadTs?: string }; since: Date; isOurs: (message: MessageWithMetadata) => boolean } | undefined,
  post: () => Promise<MessageRef>,
): Promise<{ ref: MessageRef; found: boolean }> {
  if (inDoubt) {
    let found: MessageRef | undefined;
    try {
      found = await findMessageByMetadata(web, { ...inDoubt.where, oldest: new Date(inDoubt.since.getTime() - CLOCK_SKEW_MS) }, inDoubt.isOurs);
    } catch (error) {
      throw new LookUpFailed(error);
    }
    if (found) return { ref: found, found: true };
  }
  return { ref: await post(), found: false };
}

export function createMessenger(web: WebClient): Messenger {
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
    async permalink(ref) {
      const result = await web.chat.getPermalink({ channel: ref.channel, message_ts: ref.ts });
      return result.permalink;
    },
  };
}

/** The `error` Slack answered with (`channel_not_found`, `invalid_auth`, …), or undefined for any other failure. */
export function platformErrorCode(error: unknown): string | undefined {
  const e = error as { code?: string; data?: { error?: string } };
  return e.code === ErrorCode.PlatformError ? e.data?.error : undefined;
}

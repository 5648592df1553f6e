// The one way an anchored message reaches Slack exactly once: lease the key → mark it attempted → post it carrying
// its key in message metadata → record {channel, ts}. A key left attempted but unrecorded (a crash, a timeout,
// a 5xx) is looked up by its metadata before anything is posted again; a look-up that fails leaves it in doubt
// and is retried later. Slack answering with an error means nothing was posted, so that attempt is forgotten.
import { ErrorCode, type WebClient } from '@slack/web-api';
import type { Clock } from '../clock';
import { LookUpFailed, postUnlessFound, type MessageRef, type OutgoingMessage } from '../slack/messenger';
import type { PublicationStore } from './publication-store';
import { crashPoint } from '../crash-points';

/** Metadata type of every message the publisher posts (unless the message brings its own type). */
const PUBLICATION_METADATA_TYPE = 'goodtime_message';
/** Longer than one bounded post (the publisher's client gives up within seconds): a lease outliving it means a crash. */
const LEASE_MS = 45_000;

/** Someone else is posting this key right now, or could not tell whether it landed: try again later. */
export class PublicationPending extends Error {
  constructor(readonly key: string, reason: string, options?: { cause?: unknown }) {
    super(`message ${key} not confirmed yet: ${reason}`, options);
    this.name = 'PublicationPending';
  }
}

export interface Publisher {
  /** Posts `message` to `to` once per `key`, ever, and says where it is. */
  publish(key: string, to: { channel: string; threadTs?: string }, message: OutgoingMessage): Promise<MessageRef>;
  /** The same, in the person's DM with the app. */
  publishDm(key: string, userId: string, message: OutgoingMessage): Promise<MessageRef>;
}

/** Slack answered: the message was not posted (rate limit, a refusal). 5xx, timeouts and network errors may have posted it. */
function slackRefused(error: unknown): boolean {
  const e = error as { code?: string; data?: { error?: string } };
  if (e.code === ErrorCode.RateLimitedError) return true;
  const uncertain = ['internal_error', 'fatal_error', 'service_unavailable', 'request_timeout'];
  return e.code === ErrorCode.PlatformError && !uncertain.includes(e.data?.error ?? '');
}

export function createPublisher(deps: { web: WebClient; store: PublicationStore; clock: Clock }): Publisher {
  const { web, store } = deps;
  const now = () => deps.clock.now().toJSDate();
  const dmChannels = new Map<string, string>();

  async function publish(key: string, to: { channel: string; threadTs?: string }, message: OutgoingMessage): Promise<MessageRef> {
    const at = now();
    const leased = await store.lease(key, to, at, new Date(at.getTime() + LEASE_MS));
    if (!leased) {
      const current = await store.get(key);
      if (current?.posted) return current.posted;
      throw new PublicationPending(key, 'another attempt holds it');
    }
    if (leased.posted) return leased.posted;
    const where = { channel: leased.channel, threadTs: leased.threadTs };
    const metadata = {
      event_type: message.metadata?.event_type ?? PUBLICATION_METADATA_TYPE,
      event_payload: { ...(message.metadata?.event_payload ?? {}), publication_key: key },
    };
    const post = async (): Promise<MessageRef> => {
      let result;
      try {
        result = await web.chat.postMessage({
          channel: where.channel,
          thread_ts: where.threadTs,
          text: message.text,
          blocks: message.blocks,
          metadata,
          unfurl_links: false,
          unfurl_media: false,
        });
      } catch (error) {
        if (slackRefused(error)) await store.clearAttempt(key);
        throw error;
      }
      crashPoint('publisher.posted'); // in Slack, not yet recorded: the next attempt must find it, not post again
      return { channel: result.channel ?? where.channel, ts: String(result.ts) };
    };
    try {
      if (!leased.attemptedAt) await store.markAttempted(key, at);
      const inDoubt = leased.attemptedAt ? { where, since: leased.attemptedAt, isOurs: (m: { metadata?: { event_payload?: Record<string, unknown> } }) => m.metadata?.event_payload?.publication_key === key } : undefined;
      const { ref } = await postUnlessFound(web, inDoubt, post);
      await store.markPosted(key, ref);
      return ref;
    } catch (error) {
      await store.release(key).catch(() => undefined); // the next attempt need not wait out the lease
      if (error instanceof LookUpFailed) throw new PublicationPending(key, 'the look-up for an earlier attempt failed', { cause: error.cause });
      throw error;
    }
  }

  return {
    publish,
    async publishDm(key, userId, message) {
      let channel = dmChannels.get(userId);
      if (!channel) {
        channel = (await web.conversations.open({ users: userId })).channel?.id;
        if (!channel) throw new Error('conversations.open returned no channel');
        dmChannels.set(userId, channel);
      }
      return publish(key, { channel }, message);
    },
  };
}

// Sends one delivery through the broadcast WebClient (its own queue: a 429 here never stalls acks or modals),
// after looking for it in the channel when an earlier attempt may have landed (postUnlessFound: the rule of exactly once
// it shares with the publisher; the delivery record is its lease). Errors become outcomes.
import type { KnownBlock } from '@slack/types';
import { ErrorCode, type WebClient } from '@slack/web-api';
import { crashPoint } from '../crash-points';
import type { Logger } from '../logger';
import { incidentAsOf, type Incident, type MessageRef } from '../incidents/incident';
import { deliveryId, deliveryMetadata, isOurMessage, type Delivery } from './broadcast';
import type { DeliveryStore } from './broadcast-store';
import type { SlackMessage } from '../slack/block-kit';
import { buildConfirmationAsk, buildIncidentRoot, buildIncidentUpdateReply } from './broadcast-blocks';
import type { DeliverySender, SendOutcome } from './broadcast-worker';
import { LookUpFailed, platformErrorCode, postUnlessFound } from '../slack/messenger';

/** Slack said no for good: retrying cannot help. */
const PERMANENT_ERRORS = new Set([
  'channel_not_found', 'not_in_channel', 'is_archived', 'user_not_found', 'user_disabled', 'account_inactive',
  'cannot_dm_bot', 'messages_tab_disabled', 'invalid_blocks', 'invalid_blocks_format', 'msg_too_long', 'no_text',
  'invalid_metadata_format', 'invalid_metadata_schema', 'metadata_too_large', 'restricted_action',
  'restricted_action_read_only_channel', 'restricted_action_thread_only_channel', 'restricted_action_non_threadable_channel',
  'team_access_not_granted', 'not_authed', 'invalid_auth', 'token_revoked', 'missing_scope', 'ekm_access_denied',
  'thread_not_found', 'message_not_found', 'cant_update_message', 'as_user_not_supported',
]);
/** Slack failed on its side: the message may or may not exist. */
const UNCERTAIN_ERRORS = new Set(['internal_error', 'fatal_error', 'service_unavailable', 'request_timeout']);

export interface DeliverySenderDeps {
  web: WebClient;
  store: Pick<DeliveryStore, 'recordPosted' | 'atSeq'>;
  loadIncident: (id: string) => Promise<Incident | null>;
  statusPageUrl?: string;
  logger: Logger;
}

export function createDeliverySender(deps: DeliverySenderDeps): DeliverySender {
  const { web } = deps;
  const post = async (channel: string, message: SlackMessage, d: Delivery, threadTs?: string): Promise<MessageRef> => {
    const result = await web.chat.postMessage({
      channel,
      text: message.text,
      blocks: message.blocks as KnownBlock[] | undefined,
      metadata: deliveryMetadata(d),
      unfurl_links: false,
      unfurl_media: false,
      ...(threadTs ? { thread_ts: threadTs } : {}),
    });
    crashPoint(`broadcast.${d.kind}_posted`);
    return { channel: result.channel ?? channel, ts: String(result.ts) };
  };

  /** The DM channel to read when the target is a person we posted to by user id. */
  const readableChannel = async (channel: string): Promise<string> => {
    if (!/^[UW]/.test(channel)) return channel;
    const opened = await web.conversations.open({ users: channel });
    return opened.channel?.id ?? channel;
  };

  /** Where an earlier attempt of this delivery would be, and how to know it (the delivery id in its metadata). */
  const doubtOf = async (d: Delivery) => {
    if (!d.inDoubt || d.posted) return undefined;
    const where = d.kind === 'update' && d.root ? { channel: d.root.channel, threadTs: d.root.ts } : { channel: await readableChannel(d.target.channel) };
    return { where, since: d.firstAttemptAt ?? d.createdAt, isOurs: (m: Parameters<typeof isOurMessage>[0]) => isOurMessage(m, d.id) };
  };

  async function send(d: Delivery, instance: string): Promise<SendOutcome> {
    const incident = await deps.loadIncident(d.incidentId);
    if (!incident) return { kind: 'failed', error: 'incident_not_found' };
    const asOf = incidentAsOf(incident, d.seq);
    const rootMessage = () => buildIncidentRoot(asOf, { place: d.target.place, reason: d.target.reason, statusPageUrl: deps.statusPageUrl });
    const once = async (post: () => Promise<MessageRef>): Promise<MessageRef> => {
      const { ref, found } = await postUnlessFound(web, await doubtOf(d), post);
      if (found) deps.logger.info({ delivery: d.id }, 'delivery in doubt was already in Slack; not sending it again');
      return ref;
    };
    if (d.kind === 'root') return { kind: 'sent', posted: await once(() => post(d.target.channel, rootMessage(), d)) };
    if (d.kind === 'confirm') return { kind: 'sent', posted: await once(() => post(d.target.channel, buildConfirmationAsk(asOf), d)) };

    const root = d.root;
    if (!root) return { kind: 'failed', error: 'root_unknown' };
    let reply = d.posted;
    if (!reply) {
      reply = await once(() => post(root.channel, buildIncidentUpdateReply(asOf, d.seq), d, root.ts));
      await deps.store.recordPosted(d.id, instance, reply);
    }
    // A newer update for this place is queued: its edit will show the newer state, so skip this one.
    const next = await deps.store.atSeq(d.incidentId, d.target.key, d.seq + 1);
    if (next && next.state !== 'skipped') return { kind: 'sent', posted: reply, unusedCalls: 1 };
    try {
      const edited = rootMessage();
      await web.chat.update({ channel: root.channel, ts: root.ts, text: edited.text, blocks: edited.blocks ?? [], metadata: deliveryMetadata({ id: deliveryId(d.incidentId, d.target.key, 'root', 0), incidentId: d.incidentId }) });
    } catch (error) {
      const code = platformErrorCode(error);
      if (!code || !PERMANENT_ERRORS.has(code)) throw error;
      deps.logger.warn({ delivery: d.id, error: code }, 'could not edit the broadcast root; the update is in its thread');
    }
    return { kind: 'sent', posted: reply };
  }

  return {
    async send(delivery, instance) {
      try {
        return await send(delivery, instance);
      } catch (error) {
        if (error instanceof LookUpFailed) return lookUpFailed(delivery, error.cause);
        return classify(error);
      }
    },
  };

  /** An earlier attempt may have landed, and Slack would not say: until a look-up says it did not, nothing is posted again. */
  function lookUpFailed(d: Delivery, cause: unknown): SendOutcome {
    const outcome = classify(cause);
    if (outcome.kind === 'failed') {
      deps.logger.warn({ delivery: d.id, error: outcome.error }, 'cannot check whether a delivery in doubt landed; not sending it twice');
      return { kind: 'failed', error: `unverifiable_${outcome.error}` };
    }
    return outcome.kind === 'retry' ? { ...outcome, error: `lookup_${outcome.error}`, inDoubt: true } : outcome;
  }
}

/** 429: not posted, wait Retry-After. 5xx, timeouts, network: maybe posted, look before resending. */
export function classify(error: unknown): SendOutcome {
  const e = error as { code?: string; retryAfter?: number; statusCode?: number; message?: string };
  if (e.code === ErrorCode.RateLimitedError) return { kind: 'retry', error: 'ratelimited', inDoubt: false, rateLimited: true, retryAfterSeconds: e.retryAfter ?? 1 };
  const code = platformErrorCode(error);
  if (code === 'ratelimited') return { kind: 'retry', error: code, inDoubt: false, rateLimited: true, retryAfterSeconds: 1 };
  if (code && PERMANENT_ERRORS.has(code)) return { kind: 'failed', error: code };
  if (code) return { kind: 'retry', error: code, inDoubt: UNCERTAIN_ERRORS.has(code) };
  if (e.code === ErrorCode.HTTPError) return { kind: 'retry', error: `http_${e.statusCode ?? 'error'}`, inDoubt: true };
  return { kind: 'retry', error: e.code ?? 'request_failed', inDoubt: true };
}

// Slack side of subscriptions: the announcement in a channel being subscribed, through the exactly-once publisher.
import type { Publisher } from '../delivery/publisher';
import { platformErrorCode } from '../slack/messenger';
import { channelAnnouncement } from './subscription-blocks';
import type { SubscriptionNotifier } from './subscription-service';

/** Slack's answers that mean the app cannot post in that channel (it is not a member, or may not post). */
const CANNOT_POST = new Set(['not_in_channel', 'channel_not_found', 'is_archived', 'restricted_action', 'restricted_action_read_only_channel']);

export function createSubscriptionNotifier(publisher: Publisher): SubscriptionNotifier {
  return {
    async announce(key, channelId, areas, byUserId) {
      try {
        await publisher.publish(key, { channel: channelId }, { text: channelAnnouncement(areas, byUserId) });
        return 'posted';
      } catch (error) {
        const code = platformErrorCode(error);
        if (code && CANNOT_POST.has(code)) return 'cannot_post';
        throw error;
      }
    },
  };
}

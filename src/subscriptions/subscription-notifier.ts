// Slack side of subscriptions: the announcement in a channel being subscribed.
import { platformErrorCode, type Messenger } from '../slack/messenger';
import { channelAnnouncement } from './subscription-blocks';
import type { SubscriptionNotifier } from './subscription-service';

/** Slack's answers that mean the app cannot post in that channel (it is not a member, or may not post). */
const CANNOT_POST = new Set(['not_in_channel', 'channel_not_found', 'is_archived', 'restricted_action', 'restricted_action_read_only_channel']);

export function createSubscriptionNotifier(messenger: Messenger): SubscriptionNotifier {
  return {
    async announce(channelId, areas, byUserId) {
      try {
        await messenger.post(channelId, { text: channelAnnouncement(areas, byUserId) });
        return 'posted';
      } catch (error) {
        const code = platformErrorCode(error);
        if (code && CANNOT_POST.has(code)) return 'cannot_post';
        throw error;
      }
    },
  };
}

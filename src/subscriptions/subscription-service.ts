// Use cases of incident subscriptions: a liaison subscribes a channel; anyone subscribes themselves in their DM
// with the app; both may narrow it to some affected areas.
import type { Clock } from '../clock';
import { AppError, invalidState, notAllowed } from '../errors';
import { isDirectMessage, parseAreas, subscriptionKey, type Subscription } from './subscription';
import type { SubscriptionStore } from './subscription-store';

/** Posts the announcement in a channel being subscribed, once per key; 'cannot_post' when the app is not in it. */
export interface SubscriptionNotifier {
  announce(key: string, channelId: string, areas: string[], byUserId: string): Promise<'posted' | 'cannot_post'>;
}

export interface SubscriptionServiceDeps {
  store: SubscriptionStore;
  clock: Clock;
  isLiaison: (userId: string) => Promise<boolean>;
  areas: readonly string[];
  notifier: SubscriptionNotifier;
}

export interface Where {
  userId: string;
  channelId: string;
}

/** What subscribing or unsubscribing did, for subscription-blocks.ts to tell the person. */
export type SubscriptionOutcome =
  | { kind: 'person-subscribed'; areas: string[] }
  | { kind: 'channel-subscribed'; areas: string[] }
  | { kind: 'person-unsubscribed'; removed: boolean }
  | { kind: 'channel-unsubscribed'; removed: boolean };

export type SubscriptionService = ReturnType<typeof createSubscriptionService>;

export function createSubscriptionService(deps: SubscriptionServiceDeps) {
  const keyOf = ({ userId, channelId }: Where) => (isDirectMessage(channelId) ? subscriptionKey('person', userId) : subscriptionKey('channel', channelId));
  const requireLiaisonForChannel = async ({ userId, channelId }: Where, doing: string) => {
    if (isDirectMessage(channelId) || (await deps.isLiaison(userId))) return;
    throw notAllowed(`Only a project team liaison can ${doing} a channel. To get incident updates yourself, run \`/goodtime-help subscribe\` in your DM with the app.`);
  };

  return {
    /** Everyone who hears of incidents (the broadcast filters by area). */
    all: () => deps.store.all(),

    async subscribe(where: Where, areasText: string): Promise<SubscriptionOutcome> {
      await requireLiaisonForChannel(where, 'subscribe');
      const parsed = parseAreas(areasText, deps.areas);
      if (!parsed.ok) throw new AppError('invalid_input', parsed.message, { quotesUserText: true });
      const person = isDirectMessage(where.channelId);
      const before = await deps.store.get(keyOf(where));
      const unchanged = before !== null && before.areas.length === parsed.areas.length && before.areas.every((a) => parsed.areas.includes(a));
      const subscription: Subscription = {
        key: keyOf(where),
        kind: person ? 'person' : 'channel',
        channelId: where.channelId,
        ...(person ? { userId: where.userId } : {}),
        areas: parsed.areas,
        subscribedBy: where.userId,
        // The same subscription again keeps its time, and so its announcement's key: announced once, even after a crash
        subscribedAt: unchanged ? before.subscribedAt : deps.clock.now().toJSDate(),
      };
      await deps.store.put(subscription);
      if (person) return { kind: 'person-subscribed', areas: parsed.areas };
      const announcementKey = `subscription:${where.channelId}:${subscription.subscribedAt.getTime()}`;
      const announced = await deps.notifier.announce(announcementKey, where.channelId, parsed.areas, unchanged ? before.subscribedBy : where.userId);
      if (announced === 'cannot_post') {
        if (before) await deps.store.put(before);
        else await deps.store.remove(subscription.key);
        throw invalidState("I can't post in this channel yet. Add me first (`/invite @goodtime-help`), then run `/goodtime-help subscribe` again.");
      }
      return { kind: 'channel-subscribed', areas: parsed.areas };
    },

    async unsubscribe(where: Where): Promise<SubscriptionOutcome> {
      await requireLiaisonForChannel(where, 'unsubscribe');
      const removed = (await deps.store.remove(keyOf(where))) !== null;
      return { kind: isDirectMessage(where.channelId) ? 'person-unsubscribed' : 'channel-unsubscribed', removed };
    },
  };
}

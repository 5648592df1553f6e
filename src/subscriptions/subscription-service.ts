// Use cases of incident subscriptions: a liaison subscribes a channel; anyone subscribes themselves in their DM
// with the app; both may narrow it to some affected areas.
import type { Clock } from '../clock';
import { AppError, invalidState, notAllowed } from '../errors';
import { describeAreas, isDirectMessage, parseAreas, subscriptionKey, type Subscription } from './subscription';
import type { SubscriptionStore } from './subscription-store';

/** Posts the announcement in a channel being subscribed; 'cannot_post' when the app is not in it. */
export interface SubscriptionNotifier {
  announce(channelId: string, text: string): Promise<'posted' | 'cannot_post'>;
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

    /** Returns what to tell the person. */
    async subscribe(where: Where, areasText: string): Promise<string> {
      await requireLiaisonForChannel(where, 'subscribe');
      const parsed = parseAreas(areasText, deps.areas);
      if (!parsed.ok) throw new AppError('invalid_input', parsed.message, { quotesUserText: true });
      const person = isDirectMessage(where.channelId);
      const subscription: Subscription = {
        key: keyOf(where),
        kind: person ? 'person' : 'channel',
        channelId: where.channelId,
        ...(person ? { userId: where.userId } : {}),
        areas: parsed.areas,
        subscribedBy: where.userId,
        subscribedAt: deps.clock.now().toJSDate(),
      };
      const before = await deps.store.put(subscription);
      const scope = describeAreas(parsed.areas);
      if (person) return `:bell: You're subscribed to GoodTime incidents (${scope}). I'll DM you when one is declared and at every update. \`/goodtime-help unsubscribe\` here stops it.`;
      const announced = await deps.notifier.announce(where.channelId, `:bell: This channel now gets GoodTime incident updates (${scope}), set up by <@${where.userId}>.`);
      if (announced === 'cannot_post') {
        if (before) await deps.store.put(before);
        else await deps.store.remove(subscription.key);
        throw invalidState("I can't post in this channel yet. Add me first (`/invite @goodtime-help`), then run `/goodtime-help subscribe` again.");
      }
      return `:bell: Done: this channel gets incident updates (${scope}). \`/goodtime-help unsubscribe\` here stops them.`;
    },

    async unsubscribe(where: Where): Promise<string> {
      await requireLiaisonForChannel(where, 'unsubscribe');
      const removed = await deps.store.remove(keyOf(where));
      if (isDirectMessage(where.channelId)) {
        return removed ? ':no_bell: You will no longer get incident DMs. `/goodtime-help status` still shows what is going on.' : "You weren't subscribed to incident updates. `/goodtime-help subscribe` here starts them.";
      }
      return removed ? ':no_bell: This channel will no longer get incident updates.' : "This channel wasn't subscribed to incident updates.";
    },
  };
}

// Pure: what subscribing tells the person, and the announcement in a channel that was just subscribed.
import { mention } from '../slack/mrkdwn';
import { describeAreas } from './subscription';
import type { SubscriptionOutcome } from './subscription-service';

export function subscriptionAnswer(outcome: SubscriptionOutcome): string {
  switch (outcome.kind) {
    case 'person-subscribed':
      return `:bell: You're subscribed to GoodTime incidents (${describeAreas(outcome.areas)}). I'll DM you when one is declared and at every update. \`/goodtime-help unsubscribe\` here stops it.`;
    case 'channel-subscribed':
      return `:bell: Done: this channel gets incident updates (${describeAreas(outcome.areas)}). \`/goodtime-help unsubscribe\` here stops them.`;
    case 'person-unsubscribed':
      return outcome.removed
        ? ':no_bell: You will no longer get incident DMs. `/goodtime-help status` still shows what is going on.'
        : "You weren't subscribed to incident updates. `/goodtime-help subscribe` here starts them.";
    case 'channel-unsubscribed':
      return outcome.removed ? ':no_bell: This channel will no longer get incident updates.' : "This channel wasn't subscribed to incident updates.";
  }
}

export const channelAnnouncement = (areas: string[], byUserId: string) =>
  `:bell: This channel now gets GoodTime incident updates (${describeAreas(areas)}), set up by ${mention(byUserId)}.`;

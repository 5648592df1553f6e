// Bolt wiring for incident subscriptions: `/goodtime-help subscribe [areas]` and `unsubscribe`.
import type { SlackListeners } from '../slack/listeners';
import { subscriptionAnswer } from './subscription-blocks';
import { SubscriptionCommands } from './subscription-ids';
import type { SubscriptionService } from './subscription-service';

export const subscriptionListeners = (service: SubscriptionService): SlackListeners => ({ commands }) => {
  commands.add({
    name: SubscriptionCommands.subscribe,
    usage: 'subscribe [areas]',
    description: 'Get incident updates: here in a channel (liaisons), or for yourself in your DM with the app; optionally only some areas, e.g. `subscribe scheduling, calendar sync`.',
    takesArguments: true,
    handle: async ({ ack, body, respond }, areas) => {
      await ack();
      const outcome = await service.subscribe({ userId: body.user_id, channelId: body.channel_id }, areas);
      await respond({ response_type: 'ephemeral', text: subscriptionAnswer(outcome) });
    },
  });

  commands.add({
    name: SubscriptionCommands.unsubscribe,
    usage: 'unsubscribe',
    description: 'Stop incident updates here (a channel: liaisons) or for yourself (in your DM with the app).',
    handle: async ({ ack, body, respond }) => {
      await ack();
      const outcome = await service.unsubscribe({ userId: body.user_id, channelId: body.channel_id });
      await respond({ response_type: 'ephemeral', text: subscriptionAnswer(outcome) });
    },
  });
};

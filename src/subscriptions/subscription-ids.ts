// Slack names of the subscriptions capability: its `/goodtime-help` subcommands.
export const SubscriptionCommands = { subscribe: 'subscribe', unsubscribe: 'unsubscribe' } as const;

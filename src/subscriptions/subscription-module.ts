// The subscriptions capability assembled: who hears of incidents, channels and people, by affected area.
import type { Connection } from 'mongoose';
import type { CapabilityModule } from '../capability';
import type { Clock } from '../clock';
import type { Messenger } from '../slack/messenger';
import { subscriptionListeners } from './subscription-listeners';
import { createSubscriptionNotifier } from './subscription-notifier';
import { createSubscriptionService, type SubscriptionService } from './subscription-service';
import { createSubscriptionStore } from './subscription-store';

export interface SubscriptionModuleDeps {
  connection: Connection;
  messenger: Messenger;
  clock: Clock;
  isLiaison: (userId: string) => Promise<boolean>;
  areas: readonly string[];
}

export function createSubscriptionModule(deps: SubscriptionModuleDeps): CapabilityModule<SubscriptionService> {
  const service = createSubscriptionService({
    store: createSubscriptionStore(deps.connection),
    clock: deps.clock,
    isLiaison: deps.isLiaison,
    areas: deps.areas,
    notifier: createSubscriptionNotifier(deps.messenger),
  });
  return { service, listeners: subscriptionListeners(service) };
}

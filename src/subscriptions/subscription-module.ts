// The subscriptions capability assembled: who hears of incidents, channels and people, by affected area.
import type { Connection } from 'mongoose';
import type { CapabilityModule } from '../capability';
import type { Clock } from '../clock';
import type { Publisher } from '../delivery/publisher';
import { subscriptionListeners } from './subscription-listeners';
import { createSubscriptionNotifier } from './subscription-notifier';
import { createSubscriptionService, type SubscriptionService } from './subscription-service';
import { createSubscriptionStore } from './subscription-store';

export interface SubscriptionModuleDeps {
  connection: Connection;
  publisher: Publisher;
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
    notifier: createSubscriptionNotifier(deps.publisher),
  });
  return { service, listeners: subscriptionListeners(service) };
}

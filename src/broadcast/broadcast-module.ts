// The broadcast capability assembled: incidents fanned out to the team channel, subscribed channels and people,
// paced within Slack's limits. Its WebClient is its own: its 429s never stall acks, modals or cards.
import type { WebClient } from '@slack/web-api';
import type { Connection } from 'mongoose';
import type { CapabilityModule } from '../capability';
import type { Clock } from '../clock';
import type { IncidentService } from '../incidents/incident-service';
import type { Logger } from '../logger';
import type { SubscriptionService } from '../subscriptions/subscription-service';
import { createBroadcastService, type BroadcastService } from './broadcast-service';
import { createDeliverySender } from './broadcast-notifier';
import { createDeliveryStore } from './broadcast-store';
import { BroadcastWorker } from './broadcast-worker';

export interface BroadcastModuleDeps {
  connection: Connection;
  /** A WebClient used only for broadcasts: no automatic retries, 429s handed back to the worker. */
  web: WebClient;
  clock: Clock;
  logger: Logger;
  incidents: IncidentService;
  subscriptions: SubscriptionService;
  teamChannelId: string;
  perMinute: number;
  statusPageUrl?: string;
}

export function createBroadcastModule(deps: BroadcastModuleDeps): CapabilityModule<BroadcastService> {
  const logger = deps.logger.child({ component: 'broadcast' });
  const deliveries = createDeliveryStore(deps.connection);
  const service = createBroadcastService({
    deliveries,
    incidents: deps.incidents,
    subscriptions: deps.subscriptions,
    teamChannelId: deps.teamChannelId,
    clock: deps.clock,
  });
  const worker = new BroadcastWorker({
    store: deliveries,
    sender: createDeliverySender({ web: deps.web, store: deliveries, loadIncident: (id) => deps.incidents.find(id), statusPageUrl: deps.statusPageUrl, logger }),
    clock: deps.clock,
    logger,
    perMinute: deps.perMinute,
    afterFinished: (d) => service.afterFinished(d),
    reconcile: async () => {
      await deps.incidents.reconcile();
      await service.reconcile();
    },
    repairChains: () => service.repairChains(),
  });
  /** New deliveries wake the worker; planning that failed (the database hiccuped) is redone by its next repair, brought forward. */
  const plan = async (planning: Promise<void>) => {
    try {
      await planning;
      worker.wake();
    } catch (error) {
      worker.repairSoon();
      throw error;
    }
  };
  return {
    service,
    events: {
      'incident.changed': ({ incidentId }) => plan(service.planUnplanned(incidentId)),
      'incident.followed': ({ incidentId, userId }) => plan(service.follow(incidentId, userId)),
      'incident.resolved': ({ incidentId, askToConfirm }) => plan(service.planConfirmations(incidentId, askToConfirm)),
    },
    worker: { start: () => worker.start(), stop: () => worker.stop() },
  };
}

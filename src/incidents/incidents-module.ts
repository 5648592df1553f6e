// The incidents capability assembled from its parts (stores, planner, paced worker, services, listeners, status
// page) so that main.ts wires one thing. The broadcast WebClient is its own: its 429s never stall other traffic.
import type { WebClient } from '@slack/web-api';
import type { Connection } from 'mongoose';
import type { Duration } from 'luxon';
import type { Clock } from '../clock';
import type { Logger } from '../logger';
import type { Scheduler } from '../jobs/scheduler';
import type { Messenger } from '../slack/messenger';
import type { SlackRoutes } from '../slack/routes';
import type { SlashCommandRouter } from '../slack/slash-command';
import type { Routes } from '../http/server';
import { statusPageRoutes } from '../http/status-page';
import { createBroadcastPlanner } from './broadcast-planner';
import { createDeliverySender } from './broadcast-sender';
import { BroadcastWorker } from './broadcast-worker';
import { createDeliveryStore } from './delivery-store';
import { INCIDENT_JOBS } from './incident-ids';
import { INCIDENT_STATUSES } from './incident';
import { registerIncidentListeners } from './incident-listeners';
import { createIncidentNotifier } from './incident-notifier';
import { createIncidentService, type IncidentQuestionsPort, type IncidentTicketsPort } from './incident-service';
import { createIncidentStore } from './incident-store';
import { createSubscriptionService } from './subscription-service';
import { createSubscriptionStore } from './subscription-store';

export interface IncidentsModuleDeps {
  connection: Connection;
  /** A WebClient used only for broadcasts: no automatic retries, 429s handed back to the worker. */
  broadcastWeb: WebClient;
  messenger: Messenger;
  scheduler: Scheduler;
  clock: Clock;
  logger: Logger;
  routes: SlackRoutes;
  commands: SlashCommandRouter;
  isLiaison: (userId: string) => Promise<boolean>;
  questions: IncidentQuestionsPort;
  tickets?: IncidentTicketsPort;
  settings: {
    teamChannelId: string;
    areas: readonly string[];
    staleAfter: Duration;
    broadcastPerMinute: number;
    timeZone: string;
    publicUrl?: string;
  };
}

export type IncidentsModule = ReturnType<typeof createIncidentsModule>;

export function createIncidentsModule(deps: IncidentsModuleDeps) {
  const { settings, clock } = deps;
  const logger = deps.logger.child({ component: 'incidents' });
  const statusPageUrl = settings.publicUrl ? new URL('status', settings.publicUrl.endsWith('/') ? settings.publicUrl : `${settings.publicUrl}/`).href : undefined;
  const incidents = createIncidentStore(deps.connection);
  const deliveries = createDeliveryStore(deps.connection);
  const subscriptionStore = createSubscriptionStore(deps.connection);
  const notifier = createIncidentNotifier(deps.messenger);

  const planner = createBroadcastPlanner({
    deliveries,
    incidents,
    subscriptions: subscriptionStore,
    teamChannelId: settings.teamChannelId,
    clock,
    wake: () => worker.wake(), // the worker is created below; planning only happens once it runs
  });
  const service = createIncidentService({
    store: incidents,
    planner,
    scheduler: deps.scheduler,
    clock,
    notifier,
    isLiaison: deps.isLiaison,
    staleAfter: settings.staleAfter,
    questions: deps.questions,
    tickets: deps.tickets,
  });
  const subscriptions = createSubscriptionService({ store: subscriptionStore, clock, isLiaison: deps.isLiaison, areas: settings.areas, notifier });
  const worker = new BroadcastWorker({
    store: deliveries,
    sender: createDeliverySender({ web: deps.broadcastWeb, store: deliveries, loadIncident: (id) => incidents.get(id), statusPageUrl, logger }),
    clock,
    logger,
    perMinute: settings.broadcastPerMinute,
    afterFinished: (d) => planner.afterFinished(d),
    reconcile: () => service.reconcile(),
    repairChains: () => planner.repairChains(),
  });

  deps.scheduler.define<{ key: string }>(INCIDENT_JOBS.stale, ({ key }) => service.remindIfStale(key));
  registerIncidentListeners({ routes: deps.routes, commands: deps.commands, service, subscriptions, areas: settings.areas, statusPageUrl, logger });

  return {
    service,
    subscriptions,
    worker: worker,
    /** For the questions service: a question asked about an incident subscribes its requester. */
    questionHook: { questionLinked: (q: { id: string; requesterId: string; incidentId?: string }) => service.questionLinked(q) },
    /** For the ask modal: active incidents, as the team channel has seen them. */
    activeIncidents: async () => (await service.listActivePublished()).map((i) => ({ id: i.id, title: i.title })),
    /** What the App Home lists. */
    home: {
      active: async () => (await service.listActivePublished()).map((i) => ({ title: i.title, status: INCIDENT_STATUSES[i.status], updatedAt: i.lastUpdateAt })),
    },
    httpRoutes: statusPageRoutes(service, { clock, zone: settings.timeZone }) satisfies Routes,
    start: () => worker.start(),
    stop: () => worker.stop(),
  };
}

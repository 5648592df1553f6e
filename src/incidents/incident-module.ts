// The incidents capability assembled: declare, update, link, resolve and confirm, the stale reminder, and the
// public status page. Broadcasting is the broadcast capability's, told through domain events.
import type { Connection } from 'mongoose';
import type { Duration } from 'luxon';
import type { CapabilityModule } from '../capability';
import type { Clock } from '../clock';
import type { DomainEvents } from '../events';
import { job, type Scheduler } from '../jobs/scheduler';
import type { Logger } from '../logger';
import type { Publisher } from '../delivery/publisher';
import { INCIDENT_JOBS } from './incident-ids';
import { incidentListeners } from './incident-listeners';
import { createIncidentNotifier } from './incident-notifier';
import { statusPageRoutes } from './incident-routes';
import { createIncidentService, type IncidentQuestionsPort, type IncidentService, type IncidentTicketsPort } from './incident-service';
import { createIncidentStore } from './incident-store';

export interface IncidentModuleDeps {
  connection: Connection;
  publisher: Publisher;
  scheduler: Scheduler;
  events: DomainEvents;
  clock: Clock;
  logger: Logger;
  isLiaison: (userId: string) => Promise<boolean>;
  questions: IncidentQuestionsPort;
  tickets?: IncidentTicketsPort;
  settings: {
    areas: readonly string[];
    staleAfter: Duration;
    timeZone: string;
    statusPageUrl?: string;
  };
}

/** How long one look-up of the active incidents serves the ask forms opened after it. */
const ASK_FORM_CHOICES_MS = 2_000;

export function createIncidentModule(deps: IncidentModuleDeps): CapabilityModule<IncidentService> {
  const { settings, clock } = deps;
  const service = createIncidentService({
    store: createIncidentStore(deps.connection),
    events: deps.events,
    scheduler: deps.scheduler,
    clock,
    notifier: createIncidentNotifier(deps.publisher),
    isLiaison: deps.isLiaison,
    staleAfter: settings.staleAfter,
    questions: deps.questions,
    tickets: deps.tickets,
  });
  // Every ask form offers the active incidents: under a burst of /goodtime-help (an outage) one look-up serves all
  // the forms opened within ASK_FORM_CHOICES_MS, and any change to an incident drops it.
  let askFormChoices: { at: number; incidents: Promise<{ id: string; title: string }[]> } | undefined;
  const activeForAskForm = () => {
    const now = performance.now();
    if (!askFormChoices || now - askFormChoices.at > ASK_FORM_CHOICES_MS) {
      const incidents = service.listActivePublished().then((list) => list.map((i) => ({ id: i.id, title: i.title })));
      askFormChoices = { at: now, incidents };
      incidents.catch(() => (askFormChoices = undefined));
    }
    return askFormChoices.incidents;
  };
  return {
    service,
    listeners: incidentListeners({ service, areas: settings.areas, statusPageUrl: settings.statusPageUrl, logger: deps.logger.child({ component: 'incidents' }) }),
    jobs: [job<{ key: string }>({ name: INCIDENT_JOBS.stale, handler: ({ key }) => service.remindIfStale(key) })],
    routes: statusPageRoutes(service, { clock, zone: settings.timeZone }),
    events: {
      // A question asked about a known incident: its card shows the incident, its requester gets the updates.
      'question.posted': ({ question }) => service.questionLinked(question),
      // The ask form offers the active incidents first, so a requester can say "this is it".
      'question.ask_form_opening': async () => ({ incidents: await activeForAskForm() }),
      'incident.changed': async () => {
        askFormChoices = undefined;
      },
    },
  };
}

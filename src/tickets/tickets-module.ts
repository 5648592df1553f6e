// The tickets capability assembled from its parts, for main.ts: store, service, notifier, listeners, jobs, and the
// support webhook's adapter. main.ts decides what is plugged in; this only puts the pieces together.
import type { Connection } from 'mongoose';
import type { WebClient } from '@slack/web-api';
import type { Clock } from '../clock';
import type { Logger } from '../logger';
import type { Scheduler } from '../jobs/scheduler';
import type { Outbox } from '../delivery/outbox-worker';
import type { ProcessDefinition } from '../process';
import type { Messenger } from '../slack/messenger';
import type { ActionArgs, SlackRoutes } from '../slack/routes';
import type { SlashCommandRouter } from '../slack/slash-command';
import type { SupportWebhookBody, WebhookMoveOutcome } from '../http/support-webhook';
import type { CardContext } from './ticket-blocks';
import { registerTicketFormListeners } from './ticket-form-listeners';
import { registerTicketListeners } from './ticket-listeners';
import { MoveRefusedError } from './ticket-moves';
import { createTicketNotifier } from './ticket-notifier';
import { TICKET_JOBS, type QuestionsPort, type TicketSettings } from './ticket-ports';
import { createTicketService, OUTBOX_PURPOSE, type TicketService } from './ticket-service';
import { createTicketStore } from './ticket-store';
import type { OverstayJob } from './ticket-targets';
import type { HomeTicketsPort } from '../home/home-service';
import type { HomeTicket } from '../home/home';
import { findTicketType } from '../process';
import { stageLabel, type Ticket } from './ticket';

export interface TicketsModuleDeps {
  connection: Connection;
  web: WebClient;
  messenger: Messenger;
  scheduler: Scheduler;
  outbox: Outbox;
  clock: Clock;
  logger: Logger;
  process: ProcessDefinition;
  teamChannelId: string;
  settings: TicketSettings;
  liaisons: { isLiaison(userId: string): Promise<boolean>; list(): Promise<string[]> };
  liaisonUsergroupId?: string;
  questions?: QuestionsPort;
}

export interface TicketsModule {
  service: TicketService;
  /** Registers the Slack listeners; returns the question card's *Escalate to support* handler. */
  registerListeners(routes: SlackRoutes, commands: SlashCommandRouter): (args: ActionArgs, questionId: string) => Promise<void>;
  /** Persisted jobs: targets, overstays, and the sweep that finishes interrupted filings. */
  defineJobs(): Promise<void>;
  /** The support webhook's use case, in the webhook's terms. */
  moveFromWebhook(body: SupportWebhookBody): Promise<WebhookMoveOutcome>;
  /** What the App Home lists. */
  home: HomeTicketsPort;
}

const PUBLISH_SWEEP_INTERVAL = '30 seconds';

export function createTicketsModule(deps: TicketsModuleDeps): TicketsModule {
  const context: CardContext = { process: deps.process, settings: deps.settings };
  const nameOf = async (userId: string): Promise<string> => {
    try {
      const user = (await deps.web.users.info({ user: userId })).user;
      return user?.real_name || user?.profile?.real_name || user?.name || userId;
    } catch {
      return userId; // a name is nice to have in the email; the ticket must not wait for it
    }
  };
  const service = createTicketService({
    store: createTicketStore(deps.connection),
    process: deps.process,
    clock: deps.clock,
    scheduler: deps.scheduler,
    outbox: deps.outbox,
    notifier: createTicketNotifier({
      messenger: deps.messenger,
      teamChannelId: deps.teamChannelId,
      context,
      liaisonUsergroupId: deps.liaisonUsergroupId,
      listLiaisons: deps.liaisons.list,
    }),
    nameOf,
    isLiaison: deps.liaisons.isLiaison,
    questions: deps.questions,
    settings: deps.settings,
    logger: deps.logger,
  });

  const toHomeTicket = (t: Ticket): HomeTicket => {
    const type = findTicketType(deps.process, t.typeId);
    return {
      key: t.key,
      title: t.title,
      stageLabel: type ? stageLabel(deps.process, type, t.stage) : String(t.stage),
      ackDueAt: t.acknowledgementDueAt,
      acknowledged: t.acknowledgedAt !== undefined,
      permalink: t.cardPermalink,
      open: t.stage !== 'closed',
    };
  };

  deps.outbox.onOutcome(async (message, outcome) => {
    if (message.purpose.kind === OUTBOX_PURPOSE.support) await service.recordEmailOutcome(message.purpose.id, outcome);
  });

  return {
    service,
    registerListeners(routes, commands) {
      registerTicketListeners({ routes, service, process: deps.process });
      return registerTicketFormListeners({
        routes,
        commands,
        service,
        process: deps.process,
        context,
        isLiaison: deps.liaisons.isLiaison,
        listLiaisons: deps.liaisons.list,
      });
    },
    async defineJobs() {
      deps.scheduler.define<{ key: string }>(TICKET_JOBS.acknowledgement, ({ key }) => service.checkAcknowledgement(key));
      deps.scheduler.define<OverstayJob>(TICKET_JOBS.overstay, (job) => service.checkOverstay(job));
      deps.scheduler.define(TICKET_JOBS.publishPending, () => service.publishPending());
      await deps.scheduler.every(TICKET_JOBS.publishPending, PUBLISH_SWEEP_INTERVAL);
    },
    home: {
      listByRequester: async (userId) => (await service.listByRequester(userId, 8)).map(toHomeTicket),
      listOpen: async () => (await service.listOpen(15)).map(toHomeTicket),
      targetOutcomesSince: async (since) =>
        (await service.listCreatedSince(since)).map((t) => ({ ackDueAt: t.acknowledgementDueAt, acknowledgedAt: t.acknowledgedAt })),
    },
    async moveFromWebhook(body) {
      try {
        const result = await service.moveByWebhook(body.ticket, body.phase, body.note, body.vendorTicketId);
        if (!result) return { kind: 'unknown-ticket' };
        return { kind: 'moved', ticket: result.ticket.key, phase: result.ticket.stage };
      } catch (error) {
        if (error instanceof MoveRefusedError) return { kind: 'refused', reason: error.userMessage };
        throw error;
      }
    },
  };
}

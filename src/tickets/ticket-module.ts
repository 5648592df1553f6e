// The tickets capability assembled: the ticket form and card, phases, targets, the support email, and the support
// webhook.
import type { Connection } from 'mongoose';
import type { WebClient } from '@slack/web-api';
import type { CapabilityModule } from '../capability';
import type { Clock } from '../clock';
import type { Outbox } from '../delivery/outbox-worker';
import { supportWebhookRoute } from '../http/support-webhook';
import { job, type Scheduler } from '../jobs/scheduler';
import type { Logger } from '../logger';
import type { ProcessDefinition } from '../process';
import type { Publisher } from '../delivery/publisher';
import type { Messenger } from '../slack/messenger';
import type { CardContext } from './ticket-blocks';
import { ticketFormListeners } from './ticket-form-listeners';
import { TICKET_JOBS } from './ticket-ids';
import { ticketListeners } from './ticket-listeners';
import { supportReplyListeners } from './ticket-reply-listeners';
import { NOTE_OUTBOX_PURPOSE } from './ticket-conversation';
import { createImapReader, type MailboxReader } from '../delivery/imap-reader';
import { createMailboxCheckpointStore } from '../delivery/mailbox-checkpoint-store';
import { downloadFiles, downloadThreadFiles, filesInThread } from '../slack/thread-files';
import { MoveRefusedError } from './ticket-moves';
import { createTicketNotifier } from './ticket-notifier';
import type { QuestionsPort, TicketSettings } from './ticket-ports';
import type { PersonFacts } from './ticket';
import { createTicketService, OUTBOX_PURPOSE, type TicketService } from './ticket-service';
import { createTicketStore } from './ticket-store';
import type { OverstayJob, UpdateJob } from './ticket-targets';

export interface TicketModuleDeps {
  connection: Connection;
  web: WebClient;
  messenger: Messenger;
  publisher: Publisher;
  scheduler: Scheduler;
  outbox: Outbox;
  clock: Clock;
  logger: Logger;
  /** How often interrupted work is looked for, in milliseconds (a sweep in every instance; it also runs at start). */
  sweepEveryMs: number;
  process: ProcessDefinition;
  teamChannelId: string;
  settings: TicketSettings;
  liaisons: { isLiaison(userId: string): Promise<boolean>; list(): Promise<string[]> };
  liaisonUsergroupId?: string;
  questions: QuestionsPort;
  /** The support webhook is served only when a secret is configured. */
  webhookSecret?: string;
  /** Remembers signed requests, so a replay is applied at most once. */
  requestClaims: { claim(id: string): Promise<boolean>; release(id: string): Promise<void> };
  /** The mailbox Support's replies arrive in (IMAP); without it, replies are not read. */
  mailbox?: { url: string; name: string; pollIntervalMs: number };
  /** Our own sender address (MAIL_FROM): mail from it in the mailbox is our own, not a reply. */
  ownAddress?: string;
  /** Files from Slack threads go with emails up to this total size. */
  attachmentLimitBytes: number;
}

export function createTicketModule(deps: TicketModuleDeps): CapabilityModule<TicketService> {
  const context: CardContext = { process: deps.process, settings: deps.settings };
  // A name and a role are nice to have in the email; the ticket must not wait for them.
  const personOf = async (userId: string): Promise<PersonFacts> => {
    const user = await deps.web.users.info({ user: userId }).then((r) => r.user, () => undefined);
    const role = user?.profile?.title?.trim();
    return { name: user?.real_name || user?.profile?.real_name || user?.name || userId, ...(role ? { role } : {}) };
  };
  const token = deps.web.token ?? '';
  const files = {
    inThread: async (where: { channel: string; ts: string }) => downloadThreadFiles(token, await filesInThread(deps.web, where), deps.attachmentLimitBytes),
    download: (list: Parameters<typeof downloadFiles>[1]) => downloadFiles(token, list, deps.attachmentLimitBytes),
  };
  const service = createTicketService({
    store: createTicketStore(deps.connection),
    process: deps.process,
    clock: deps.clock,
    scheduler: deps.scheduler,
    outbox: deps.outbox,
    notifier: createTicketNotifier({
      messenger: deps.messenger,
      publisher: deps.publisher,
      teamChannelId: deps.teamChannelId,
      context,
      liaisonUsergroupId: deps.liaisonUsergroupId,
      listLiaisons: deps.liaisons.list,
      promoteVotes: deps.settings.promoteVotes,
      personOf,
    }),
    personOf,
    isLiaison: deps.liaisons.isLiaison,
    questions: deps.questions,
    files,
    settings: deps.settings,
    ownAddress: deps.ownAddress,
    logger: deps.logger,
  });
  const reader: MailboxReader | undefined = deps.mailbox
    ? createImapReader({
        url: deps.mailbox.url,
        mailbox: deps.mailbox.name,
        checkpoints: createMailboxCheckpointStore(deps.connection),
        handle: (mail) => service.receiveReply(mail),
        clock: deps.clock,
        logger: deps.logger,
        pollIntervalMs: deps.mailbox.pollIntervalMs,
      })
    : undefined;
  const listeners = [
    ticketListeners({ service, process: deps.process, context, promoteVotes: deps.settings.promoteVotes }),
    ticketFormListeners({ service, process: deps.process, context, isLiaison: deps.liaisons.isLiaison, listLiaisons: deps.liaisons.list }),
    supportReplyListeners({ service, process: deps.process, supportEmail: deps.settings.supportEmail, readsReplies: Boolean(deps.mailbox), isLiaison: deps.liaisons.isLiaison }),
  ];

  return {
    service,
    listeners: (slack) => listeners.forEach((register) => register(slack)),
    jobs: [
      job<{ key: string }>({ name: TICKET_JOBS.acknowledgement, handler: ({ key }) => service.checkAcknowledgement(key) }),
      job<OverstayJob>({ name: TICKET_JOBS.overstay, handler: (overstay) => service.checkOverstay(overstay) }),
      job<UpdateJob>({ name: TICKET_JOBS.update, handler: (update) => service.checkUpdate(update) }),
      job<{ key: string }>({ name: TICKET_JOBS.workaround, handler: ({ key }) => service.checkWorkaround(key) }),
      job({ name: TICKET_JOBS.publishPending, sweepEveryMs: deps.sweepEveryMs, handler: () => service.publishPending() }),
    ],
    routes: deps.webhookSecret
      ? {
          'POST /webhooks/support': supportWebhookRoute({
            secret: deps.webhookSecret,
            clock: deps.clock,
            logger: deps.logger,
            requests: deps.requestClaims,
            currentPhase: async (key) => (await service.findByKey(key))?.stage,
            async move(body) {
              try {
                const result = await service.moveByWebhook(body.ticket, body.phase, body.note, body.vendorTicketId);
                if (!result) return { kind: 'unknown-ticket' };
                return { kind: 'moved', ticket: result.ticket.key, phase: result.ticket.stage };
              } catch (error) {
                if (error instanceof MoveRefusedError) return { kind: 'refused', reason: error.userMessage };
                throw error;
              }
            },
          }),
        }
      : {},
    events: {
      'question.sla_expired': ({ question }) => service.escalateQuestion(question),
      'mail.outcome': async ({ purpose, outcome }) => {
        if (purpose.kind === OUTBOX_PURPOSE.support) await service.recordEmailOutcome(purpose.id, outcome);
        if (purpose.kind === NOTE_OUTBOX_PURPOSE && outcome.kind === 'sent') await service.noteDelivered(purpose.id, outcome.at);
      },
    },
    ...(reader ? { worker: reader, health: () => ({ mailbox: reader.status() }) } : {}),
  };
}

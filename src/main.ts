// Composition root: config → database → services → Slack app → HTTP → start. The only wiring file.
import { pathToFileURL } from 'node:url';
import type { Server } from 'node:http';
import { LogLevel, WebClient } from '@slack/web-api';
import type { Connection } from 'mongoose';
import { ConfigError, loadConfig, readMongoMemoryServerEnv, type Config } from './config';
import { systemClock, type Clock } from './clock';
import { createLogger, type Logger } from './logger';
import { resolveMongoBackend } from './db/backend';
import { connectDatabase } from './db/connection';
import { createHttpServer, closeServer, listen } from './http/server';
import { healthRoute } from './http/health';
import { createSlackApp, type SlackApp } from './slack/app';
import { toSlackLogger } from './slack/slack-logger';
import { createEventClaimStore } from './slack/event-claims-store';
import { SlashCommandRouter } from './slack/slash-command';
import { WorkTracker } from './slack/work-tracker';
import { createAgendaScheduler, type Scheduler } from './jobs/scheduler';
import { createBusinessCalendar } from './calendar';
import { createMessenger } from './slack/messenger';
import { createLiaisonDirectory } from './slack/liaisons';
import { createKnowledgeStore } from './knowledge/knowledge-store';
import { createKnowledgeService } from './knowledge/knowledge-service';
import { createQuestionStore } from './questions/question-store';
import { createQuestionService, QUESTION_JOBS } from './questions/question-service';
import { createQuestionNotifier } from './questions/question-notifier';
import { registerQuestionListeners } from './questions/question-listeners';
import { createHomeService } from './home/home-service';
import { registerHomeListeners } from './home/home-listeners';
import { loadProcess } from './process';
import { DEFAULT_MAX_RETRY_MS } from './delivery/outbox';
import { createOutbox } from './delivery/outbox-worker';
import { createOutboxStore } from './delivery/outbox-store';
import { createSmtpMailer } from './delivery/mailer';
import { createTicketsModule } from './tickets/tickets-module';
import { supportWebhookRoute } from './http/support-webhook';
import { createIncidentsModule } from './incidents/incidents-module';

export interface StartOptions {
  logger?: Logger;
  clock?: Clock;
  /** Interface to listen on; defaults to all interfaces. Tests use 127.0.0.1. */
  host?: string;
  /** mongodb-memory-server's own MONGOMS_* settings, passed through to backend resolution. */
  mongoMemoryServerEnv?: Record<string, string | undefined>;
}

export interface RunningApp {
  url: string;
  port: number;
  config: Config;
  logger: Logger;
  connection: Connection;
  slack: SlackApp;
  scheduler: Scheduler;
  stop(): Promise<void>;
}

export async function startApp(config: Config, options: StartOptions = {}): Promise<RunningApp> {
  const logger = options.logger ?? createLogger({ level: config.LOG_LEVEL });
  const clock = options.clock ?? systemClock;

  const backend = await resolveMongoBackend({ uri: config.MONGODB_URI, logger, env: options.mongoMemoryServerEnv ?? {} });
  const connection = await connectDatabase(backend.uri, backend.kind === 'external' ? undefined : 'goodtime-help');
  const db = connection.db;
  if (!db) throw new Error('database connection has no db handle');

  const slackLogger = toSlackLogger(logger.child({ component: 'slack-web-api' }));
  // Posting retries (and honours Retry-After) for up to ~30 minutes; the start-up check gives up fast.
  const web = new WebClient(config.SLACK_BOT_TOKEN, { slackApiUrl: config.SLACK_API_URL, logger: slackLogger });
  const identity = await new WebClient(config.SLACK_BOT_TOKEN, { slackApiUrl: config.SLACK_API_URL, logger: slackLogger, retryConfig: { retries: 2 } }).auth.test();
  const scheduler = createAgendaScheduler(db, { logger, pollIntervalMs: config.JOBS_POLL_INTERVAL.as('milliseconds') });
  const eventClaims = createEventClaimStore(connection, () => clock.now().toJSDate());
  const work = new WorkTracker();

  const slack = createSlackApp({
    botToken: config.SLACK_BOT_TOKEN,
    signingSecret: config.SLACK_SIGNING_SECRET,
    appToken: config.SLACK_APP_TOKEN,
    apiUrl: config.SLACK_API_URL,
    botId: String(identity.bot_id ?? ''),
    botUserId: String(identity.user_id ?? ''),
    logger,
    work,
    claimEvent: (id) => eventClaims.claim(id),
    releaseEvent: (id) => eventClaims.release(id),
  });
  const commands = new SlashCommandRouter(slack.routes);
  const messenger = createMessenger(web);
  // Liaison checks can run before ack(): their user-group look-up must give up fast (the last known members are kept).
  const liaisonLookup = new WebClient(config.SLACK_BOT_TOKEN, { slackApiUrl: config.SLACK_API_URL, logger: slackLogger, retryConfig: { retries: 0 }, timeout: 1_500 });
  const liaisons = createLiaisonDirectory({ web: liaisonLookup, userIds: config.LIAISON_USER_IDS, usergroupId: config.LIAISON_USERGROUP_ID, logger });
  const teamCalendar = createBusinessCalendar({ zone: config.BUSINESS_TIMEZONE, hours: config.BUSINESS_HOURS, holidays: config.HOLIDAYS });

  const vendorProcess = loadProcess(config.PROCESS);
  const outbox = createOutbox({
    store: createOutboxStore(connection),
    mailer: config.SMTP_URL ? createSmtpMailer({ url: config.SMTP_URL, from: config.MAIL_FROM }) : undefined,
    clock,
    logger,
    retry: { baseMs: config.OUTBOX_RETRY_BASE.as('milliseconds'), maxMs: DEFAULT_MAX_RETRY_MS },
    pollIntervalMs: config.JOBS_POLL_INTERVAL.as('milliseconds'),
  });
  const tickets = createTicketsModule({
    connection, web, messenger, scheduler, outbox, clock, logger, liaisons,
    process: vendorProcess,
    teamChannelId: config.TEAM_CHANNEL_ID,
    liaisonUsergroupId: config.LIAISON_USERGROUP_ID,
    settings: { supportEmail: config.SUPPORT_EMAIL, csmEmail: config.CSM_EMAIL, csmSlackUserId: config.CSM_SLACK_USER_ID, csmBookingUrl: config.CSM_BOOKING_URL, productBoardUrl: config.PRODUCT_BOARD_URL },
    // `questions` is created just below; tickets only call it when a ticket is filed, long after start.
    questions: { get: (id) => questions.get(id), linkTicket: (id, ticket, by) => questions.linkTicket(id, ticket, by) },
  });
  const knowledge = createKnowledgeService(createKnowledgeStore(connection));
  const questions = createQuestionService({
    store: createQuestionStore(connection),
    knowledge,
    scheduler,
    notifier: createQuestionNotifier(messenger, config.TEAM_CHANNEL_ID),
    clock,
    calendar: teamCalendar,
    sla: { questionEscalateAfter: config.QUESTION_ESCALATE_AFTER, blockerEscalateAfter: config.BLOCKER_ESCALATE_AFTER },
    logger,
    escalator: tickets.service,
    // `incidents` is created just below; the hook runs only when a question is asked.
    incidents: { questionLinked: (q) => incidents.questionHook.questionLinked(q) },
  });
  scheduler.define<{ key: string }>(QUESTION_JOBS.remind, ({ key }) => questions.remindIfUnanswered(key));
  scheduler.define<{ key: string }>(QUESTION_JOBS.escalate, ({ key }) => questions.escalateIfUnanswered(key));
  scheduler.define(QUESTION_JOBS.publishPending, async () => {
    await questions.publishPending();
  });
  await scheduler.every(QUESTION_JOBS.publishPending, '1 minute');
  const incidents = createIncidentsModule({
    connection, messenger, scheduler, clock, logger, routes: slack.routes, commands, isLiaison: liaisons.isLiaison, questions, tickets: tickets.service,
    // Broadcasts get their own client: its 429 pauses only its own queue, never acks, modals or cards.
    broadcastWeb: new WebClient(config.SLACK_BOT_TOKEN, { slackApiUrl: config.SLACK_API_URL, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true, timeout: 10_000, logLevel: LogLevel.ERROR }),
    settings: { teamChannelId: config.TEAM_CHANNEL_ID, areas: config.INCIDENT_AREAS, staleAfter: config.INCIDENT_STALE_AFTER, broadcastPerMinute: config.INCIDENT_BROADCAST_PER_MINUTE, timeZone: config.BUSINESS_TIMEZONE, publicUrl: config.PUBLIC_URL },
  });
  const openTicketFormForQuestion = tickets.registerListeners(slack.routes, commands);
  registerQuestionListeners({ routes: slack.routes, commands, service: questions, knowledge, teamChannelId: config.TEAM_CHANNEL_ID, logger, onEscalateClicked: openTicketFormForQuestion, activeIncidents: incidents.activeIncidents });
  registerHomeListeners(slack.routes, createHomeService({ questions, clock, tickets: tickets.home, incidents: incidents.home }));

  await tickets.defineJobs(); // before listening: jobs already due are handled as soon as the scheduler starts
  const server: Server = createHttpServer(
    {
      'GET /healthz': healthRoute(connection, backend.kind),
      ...incidents.httpRoutes,
      ...(slack.requestListener ? { 'POST /slack/events': slack.requestListener } : {}),
      ...(config.SUPPORT_WEBHOOK_SECRET
        ? { 'POST /webhooks/support': supportWebhookRoute({ secret: config.SUPPORT_WEBHOOK_SECRET, clock, logger, move: tickets.moveFromWebhook }) }
        : {}),
    },
    logger,
  );
  const port = await listen(server, config.PORT, options.host);
  await scheduler.start();
  outbox.start();
  incidents.start();
  await slack.start();
  const host = options.host ?? 'localhost';
  logger.info({ port, mode: config.SLACK_APP_TOKEN ? 'socket' : 'http', database: backend.kind }, 'goodtime-help is running');

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      logger.info('shutting down: no new requests, finishing work in flight');
      await closeServer(server);
      await slack.stop();
      await work.drain(10_000);
      await outbox.stop();
      await incidents.stop();
      await scheduler.stop();
      await connection.close();
      await backend.stop();
      logger.info('stopped');
    })());

  return { url: `http://${host}:${port}`, port, config, logger, connection, slack, scheduler, stop };
}

async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`goodtime-help cannot start.\n${error.message}\nSee .env.example and the configuration table in README.md.`);
      process.exit(2);
    }
    throw error;
  }
  // Signals are handled from the first moment: one that arrives while starting stops the app once it is up.
  const starting = startApp(config, { mongoMemoryServerEnv: readMongoMemoryServerEnv() });
  const shutdown = async (signal: string) => {
    const app = await starting;
    app.logger.info({ signal }, 'signal received');
    try {
      await app.stop();
      process.exit(0);
    } catch (error) {
      app.logger.error({ err: error }, 'shutdown failed');
      process.exit(1);
    }
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
  await starting;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    console.error(`goodtime-help failed to start: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}

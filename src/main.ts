// The composition root: config → Slack check → database → capability modules in dependency order → Slack app and
// their listeners → HTTP → jobs, workers → start.
import { pathToFileURL } from 'node:url';
import type { Server } from 'node:http';
import { LogLevel, WebClient } from '@slack/web-api';
import type { Connection } from 'mongoose';
import { ConfigError, loadConfig, readMongoMemoryServerEnv, replyAddress, type Config } from './config';
import { systemClock, type Clock } from './clock';
import { createLogger, type Logger } from './logger';
import { resolveMongoBackend } from './db/backend';
import { connectDatabase } from './db/connection';
import { createHttpServer, closeServer, listen } from './http/server';
import { healthRoute } from './http/health';
import { createSlackApp, type SlackApp } from './slack/app';
import { toSlackLogger } from './slack/slack-logger';
import { createEventClaimStore } from './slack/event-claims-store';
import { createIntentStore } from './slack/intent-store';
import { createIntentJournal } from './slack/intents';
import { SlashCommandRouter } from './slack/slash-command';
import { WorkQueue } from './slack/work-queue';
import { checkSlackSetup } from './slack/startup-checks';
import { createAgendaScheduler, defineJobs, job, type Scheduler } from './jobs/scheduler';
import { createBusinessCalendar } from './calendar';
import { createMessenger } from './slack/messenger';
import { createLiaisonDirectory } from './slack/liaisons';
import { loadProcess } from './process';
import { createDomainEvents } from './events';
import { DEFAULT_MAX_RETRY_MS } from './delivery/backoff';
import { createOutbox } from './delivery/outbox-worker';
import { createOutboxStore } from './delivery/outbox-store';
import { createSmtpMailer } from './delivery/mailer';
import { createPublisher } from './delivery/publisher';
import { createPublicationStore } from './delivery/publication-store';
import { armCrashPoint } from './crash-points';
import { createKnowledgeModule } from './knowledge/knowledge-module';
import { createSubscriptionModule } from './subscriptions/subscription-module';
import { createQuestionModule } from './questions/question-module';
import { createTicketModule } from './tickets/ticket-module';
import { createIncidentModule } from './incidents/incident-module';
import { createBroadcastModule } from './broadcast/broadcast-module';
import { actsOnEvent } from './capability';
import { createHomeModule } from './home/home-module';
import { parseDigestSchedule } from './home/home-digest';

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

/**
 * Requests whose after-ack work (opening a modal, posting, storing) runs at once; the rest queue in arrival order.
 * Enough to keep Slack and the database busy, few enough that a burst does not crowd out the acknowledgements.
 */
const WORK_AFTER_ACK_LIMIT = 16;

export async function startApp(config: Config, options: StartOptions = {}): Promise<RunningApp> {
  const logger = options.logger ?? createLogger({ level: config.LOG_LEVEL });
  armCrashPoint(config.CRASH_AT);
  const clock = options.clock ?? systemClock;

  if (config.SMTP_URL && /@localhost\b/i.test(config.MAIL_FROM)) {
    logger.warn({ setting: 'MAIL_FROM' }, `MAIL_FROM is ${config.MAIL_FROM}: mail servers may refuse it and Support cannot reply to it; set MAIL_FROM to a real mailbox`);
  }
  const slackLogger = toSlackLogger(logger.child({ component: 'slack-web-api' }));
  // Posting retries (and honours Retry-After) for up to ~30 minutes; the start-up check gives up fast.
  const web = new WebClient(config.SLACK_BOT_TOKEN, { slackApiUrl: config.SLACK_API_URL, logger: slackLogger });
  // Slack first: a wrong token or an unreachable Slack is reported before anything else starts.
  const identity = await checkSlackSetup(
    new WebClient(config.SLACK_BOT_TOKEN, { slackApiUrl: config.SLACK_API_URL, logger: slackLogger, retryConfig: { retries: 2 } }),
    { apiUrl: config.SLACK_API_URL, teamChannelId: config.TEAM_CHANNEL_ID, hasLiaisons: config.LIAISON_USER_IDS.length > 0 || Boolean(config.LIAISON_USERGROUP_ID) },
    logger,
  );
  const backend = await resolveMongoBackend({
    uri: config.MONGODB_URI,
    dataDir: config.DATA_DIR,
    logger,
    env: options.mongoMemoryServerEnv ?? {},
    // Without its database the app can only fail every request: stop, so a supervisor restarts it cleanly.
    onFatal: (err) => {
      logger.fatal({ err: err.message }, 'the embedded database stopped; exiting');
      process.exit(1);
    },
  });
  // A local server cannot fail over to another: checking on it once a minute is enough, and keeps an idle app idle.
  const connection = await connectDatabase(backend.uri, backend.kind === 'external' ? {} : { dbName: 'goodtime-help', heartbeatFrequencyMS: 60_000 });
  const db = connection.db;
  if (!db) throw new Error('database connection has no db handle');

  const scheduler = createAgendaScheduler(db, { logger, pollIntervalMs: config.JOBS_POLL_INTERVAL.as('milliseconds') });
  const eventClaims = createEventClaimStore(connection, () => clock.now().toJSDate());
  const work = new WorkQueue(WORK_AFTER_ACK_LIMIT);

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
  // Anchored messages go out exactly once through the publisher; its client never retries by itself (a retried post could land twice): an attempt in doubt is looked up first.
  const publisher = createPublisher({
    web: new WebClient(config.SLACK_BOT_TOKEN, { slackApiUrl: config.SLACK_API_URL, logger: slackLogger, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true, timeout: 10_000 }),
    store: createPublicationStore(connection),
    clock,
  });
  const events = createDomainEvents();
  const sweepEveryMs = Math.max(1_000, config.RECOVERY_SWEEP_INTERVAL.as('milliseconds'));
  const statusPageUrl = config.PUBLIC_URL ? new URL('status', config.PUBLIC_URL.endsWith('/') ? config.PUBLIC_URL : `${config.PUBLIC_URL}/`).href : undefined;

  // Capabilities in dependency order: each receives the services of those before it; later ones answer through events.
  const knowledge = createKnowledgeModule({ connection, publisher });
  const subscriptions = createSubscriptionModule({ connection, publisher, clock, isLiaison: liaisons.isLiaison, areas: config.INCIDENT_AREAS });
  const questions = createQuestionModule({
    connection, messenger, publisher, scheduler, events, clock, logger, sweepEveryMs,
    knowledge: knowledge.service,
    calendar: teamCalendar,
    teamChannelId: config.TEAM_CHANNEL_ID,
    sla: { questionEscalateAfter: config.QUESTION_ESCALATE_AFTER, blockerEscalateAfter: config.BLOCKER_ESCALATE_AFTER },
    answerCheck: { confirmAfter: config.ANSWER_CONFIRM_AFTER, autocloseAfter: config.ANSWER_AUTOCLOSE_AFTER },
  });
  const tickets = createTicketModule({
    connection, web, messenger, publisher, scheduler, outbox, clock, logger, liaisons, sweepEveryMs,
    process: vendorProcess,
    teamChannelId: config.TEAM_CHANNEL_ID,
    liaisonUsergroupId: config.LIAISON_USERGROUP_ID,
    settings: {
      supportEmail: config.SUPPORT_EMAIL, csmEmail: config.CSM_EMAIL, csmSlackUserId: config.CSM_SLACK_USER_ID, csmBookingUrl: config.CSM_BOOKING_URL, productBoardUrl: config.PRODUCT_BOARD_URL,
      replyTo: replyAddress(config),
      promoteVotes: config.REQUEST_PROMOTE_VOTES,
    },
    questions: questions.service,
    webhookSecret: config.SUPPORT_WEBHOOK_SECRET,
    requestClaims: eventClaims,
    mailbox: config.IMAP_URL ? { url: config.IMAP_URL, name: config.IMAP_MAILBOX, pollIntervalMs: config.IMAP_POLL_INTERVAL.as('milliseconds') } : undefined,
    ownAddress: addressIn(config.MAIL_FROM),
    attachmentLimitBytes: Math.round(config.MAIL_ATTACHMENTS_MAX_MB * 1_048_576),
  });
  const incidents = createIncidentModule({
    connection, publisher, scheduler, events, clock, logger,
    isLiaison: liaisons.isLiaison,
    questions: questions.service,
    tickets: tickets.service,
    settings: { areas: config.INCIDENT_AREAS, staleAfter: config.INCIDENT_STALE_AFTER, timeZone: config.BUSINESS_TIMEZONE, statusPageUrl },
  });
  const broadcast = createBroadcastModule({
    connection, clock, logger, statusPageUrl,
    // Broadcasts get their own client: its 429 pauses only its own queue, never acks, modals or cards.
    web: new WebClient(config.SLACK_BOT_TOKEN, { slackApiUrl: config.SLACK_API_URL, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true, timeout: 10_000, logLevel: LogLevel.ERROR }),
    incidents: incidents.service,
    subscriptions: subscriptions.service,
    teamChannelId: config.TEAM_CHANNEL_ID,
    perMinute: config.INCIDENT_BROADCAST_PER_MINUTE,
  });
  const home = createHomeModule({
    questions: questions.service, tickets: tickets.service, incidents: incidents.service, process: vendorProcess, clock, isLiaison: liaisons.isLiaison,
    digest: { publisher, outbox, teamChannelId: config.TEAM_CHANNEL_ID, zone: config.BUSINESS_TIMEZONE, schedule: parseDigestSchedule(config.DIGEST_SCHEDULE, config.BUSINESS_TIMEZONE), csmEmail: config.CSM_EMAIL },
  });
  const modules = [knowledge, subscriptions, questions, tickets, incidents, broadcast, home];


  const slack = createSlackApp({
    botToken: config.SLACK_BOT_TOKEN,
    signingSecret: config.SLACK_SIGNING_SECRET,
    appToken: config.SLACK_APP_TOKEN,
    apiUrl: config.SLACK_API_URL,
    botId: identity.botId,
    botUserId: identity.botUserId,
    logger,
    work,
    claimEvent: (id) => eventClaims.claim(id),
    actsOnEvent: (event) => actsOnEvent(modules, event),
    releaseEvent: (id) => eventClaims.release(id),
  });
  const commands = new SlashCommandRouter(slack.routes);
  for (const module of modules) if (module.events) events.subscribe(module.events);
  outbox.onOutcome(async (message, outcome) => void (await events.emit('mail.outcome', { purpose: message.purpose, outcome })));
  // Listed in /goodtime-help help in this order.
  const intents = createIntentJournal({ store: createIntentStore(connection), clock, logger });
  for (const module of [incidents, subscriptions, tickets, knowledge, questions, home]) module.listeners?.({ routes: slack.routes, commands, intents });
  const server: Server = createHttpServer(
    {
      'GET /healthz': healthRoute(connection, backend.kind, () => Object.assign({}, ...modules.map((module) => module.health?.() ?? {}))),
      ...Object.assign({}, ...modules.map((module) => module.routes ?? {})),
      ...(slack.requestListener ? { 'POST /slack/events': slack.requestListener } : {}),
    },
    logger,
  );
  const port = await listen(server, config.PORT, options.host);
  // Requests are served from here on; a job they schedule waits in the database for the scheduler's first look.
  const resumeIntents = job({ name: 'slack.resume_intents', sweepEveryMs, handler: () => intents.resume() });
  await defineJobs(scheduler, [...modules.flatMap((module) => module.jobs ?? []), resumeIntents]); // before the scheduler starts: due jobs run at once
  await scheduler.start();
  outbox.start();
  for (const module of modules) module.worker?.start();
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
      for (const module of modules) await module.worker?.stop();
      await scheduler.stop();
      intents.stop();
      await connection.close();
      await backend.stop();
      logger.info('stopped');
    })());

  return { url: `http://${host}:${port}`, port, config, logger, connection, slack, scheduler, stop };
}

/** "goodtime-help <help@acme.com>" → "help@acme.com". */
const addressIn = (from: string) => (from.match(/<([^<>]+)>/)?.[1] ?? from).trim().toLowerCase();

export interface RunHooks {
  /** Called once the app has stopped on a signal, just before the process exits (src/entry.ts saves its code cache). */
  stopped?: () => void;
}

/** Reads the configuration and runs the app until SIGTERM or SIGINT. */
async function main(hooks: RunHooks): Promise<void> {
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
      hooks.stopped?.();
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

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) void run(); // tsx src/main.ts

/** Starts the app as a command: a failure to start is one line on stderr and exit code 1. */
export async function run(hooks: RunHooks = {}): Promise<void> {
  await main(hooks).catch((error: unknown) => {
    console.error(`goodtime-help failed to start: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}

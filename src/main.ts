// Composition root: config → database → services → Slack app → HTTP → start. The only wiring file.
import { pathToFileURL } from 'node:url';
import type { Server } from 'node:http';
import { WebClient } from '@slack/web-api';
import type { Connection } from 'mongoose';
import { ConfigError, loadConfig, readMongoMemoryServerEnv, type Config } from './config';
import { systemClock, type Clock } from './clock';
import { createLogger, type Logger } from './logger';
import { resolveMongoBackend } from './db/backend';
import { connectDatabase } from './db/connection';
import { createHttpServer, closeServer, listen } from './http/server';
import { healthRoute } from './http/health';
import { createSlackApp, type SlackApp } from './slack/app';
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

  const web = new WebClient(config.SLACK_BOT_TOKEN, { slackApiUrl: config.SLACK_API_URL, retryConfig: { retries: 2 } });
  const identity = await web.auth.test();
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
  const liaisons = createLiaisonDirectory({ web, userIds: config.LIAISON_USER_IDS, usergroupId: config.LIAISON_USERGROUP_ID, logger });
  const teamCalendar = createBusinessCalendar({ zone: config.BUSINESS_TIMEZONE, hours: config.BUSINESS_HOURS, holidays: config.HOLIDAYS });

  const knowledge = createKnowledgeService(createKnowledgeStore(connection));
  const questions = createQuestionService({
    store: createQuestionStore(connection),
    knowledge,
    scheduler,
    notifier: createQuestionNotifier(messenger, config.TEAM_CHANNEL_ID),
    clock,
    calendar: teamCalendar,
    sla: { questionEscalateAfter: config.QUESTION_ESCALATE_AFTER, blockerEscalateAfter: config.BLOCKER_ESCALATE_AFTER },
    isLiaison: liaisons.isLiaison,
  });
  scheduler.define<{ key: string }>(QUESTION_JOBS.remind, ({ key }) => questions.remindIfUnanswered(key));
  scheduler.define<{ key: string }>(QUESTION_JOBS.escalate, ({ key }) => questions.escalateIfUnanswered(key));
  registerQuestionListeners({ routes: slack.routes, commands, service: questions, knowledge, teamChannelId: config.TEAM_CHANNEL_ID, logger });
  registerHomeListeners(slack.routes, createHomeService({ questions, clock, isLiaison: liaisons.isLiaison }));

  const server: Server = createHttpServer(
    {
      'GET /healthz': healthRoute(connection, backend.kind),
      ...(slack.requestListener ? { 'POST /slack/events': slack.requestListener } : {}),
    },
    logger,
  );
  const port = await listen(server, config.PORT, options.host);
  await scheduler.start();
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
  const app = await startApp(config, { mongoMemoryServerEnv: readMongoMemoryServerEnv() });
  const shutdown = (signal: string) => {
    app.logger.info({ signal }, 'signal received');
    app.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        app.logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    console.error(`goodtime-help failed to start: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}

// Bolt, in HTTP mode (requests at POST /slack/events, served by our own HTTP server) or Socket Mode.
import type { RequestListener } from 'node:http';
import { App, HTTPReceiver, SocketModeReceiver } from '@slack/bolt';
import { guardSocketEnvelopes } from './socket-guard';
import { toSlackLogger } from './slack-logger';
import type { Logger } from '../logger';
import { createErrorReporter, requestIdOf } from './error-handler';
import { SlackRoutes } from './routes';
import { answerUnknownRequest } from './unknown-requests';
import { guardPayloads } from './payload-guard';
import type { WorkQueue } from './work-queue';

export interface SlackAppOptions {
  botToken: string;
  signingSecret?: string;
  appToken?: string;
  apiUrl: string;
  botId: string;
  botUserId: string;
  logger: Logger;
  work: WorkQueue;
  /** Claims an Events API event_id; false when this event was already handled (a Slack retry). */
  claimEvent: (eventId: string) => Promise<boolean>;
  /** Events nobody acts on (a message in another channel, a reaction that accepts nothing) are dropped before any database write. */
  actsOnEvent: (event: Record<string, unknown>) => boolean;
  releaseEvent: (eventId: string) => Promise<void>;
}

export interface SlackApp {
  app: App;
  routes: SlackRoutes;
  /** HTTP mode: the handler for POST /slack/events. Undefined in Socket Mode. */
  requestListener?: RequestListener;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export function createSlackApp(options: SlackAppOptions): SlackApp {
  const boltLogger = toSlackLogger(options.logger.child({ component: 'bolt' }));
  const clientOptions = { slackApiUrl: options.apiUrl };
  const identity = { botId: options.botId, botUserId: options.botUserId, tokenVerificationEnabled: false };
  const socketMode = Boolean(options.appToken);
  const receiver = socketMode
    ? undefined
    : // The signature is checked once, before Bolt, by guardPayloads (below): the receiver takes the body it read.
      new HTTPReceiver({ signingSecret: options.signingSecret ?? '', signatureVerification: false, logger: boltLogger, unhandledRequestTimeoutMillis: 2800 });
  // The Socket Mode client's own WebClient honours SLACK_API_URL too.
  const socketReceiver = socketMode ? new SocketModeReceiver({ appToken: options.appToken ?? '', logger: boltLogger, installerOptions: { clientOptions } }) : undefined;
  if (socketReceiver) guardSocketEnvelopes(socketReceiver.client, options.logger);
  const app = socketReceiver
    ? new App({ token: options.botToken, receiver: socketReceiver, socketMode: true, clientOptions, logger: boltLogger, extendedErrorHandler: true, ...identity })
    : new App({ token: options.botToken, receiver, clientOptions, logger: boltLogger, extendedErrorHandler: true, ...identity });

  const reportError = createErrorReporter(options.logger);
  const routes = new SlackRoutes(app, reportError, options.work);

  app.use(async (args) => {
    const requestId = requestIdOf(args);
    const { event_id: eventId, event } = args.body as { event_id?: string; event?: Record<string, unknown> };
    if (event && !options.actsOnEvent(event)) return;
    if (eventId && !(await options.claimEvent(eventId))) {
      options.logger.info({ requestId, eventId, retryNum: args.context.retryNum }, 'duplicate event ignored');
      return;
    }
    if (await answerUnknownRequest(args, routes.registered, options.logger)) return;
    try {
      await options.work.track(args.next());
    } catch (error) {
      if (eventId) await options.releaseEvent(eventId); // let Slack's retry try again
      throw error;
    }
  });

  app.error((async ({ error, body, context }: { error: Error; body?: unknown; context?: Record<string, unknown> }) => {
    const requestId = typeof context?.requestId === 'string' ? context.requestId : undefined;
    options.logger.error({ requestId, kind: (body as { type?: string } | undefined)?.type, err: error }, 'unhandled Slack error');
  }) as unknown as Parameters<App['error']>[0]);

  return {
    app,
    routes,
    requestListener: receiver ? guardPayloads(receiver.requestListener, options.signingSecret ?? '', options.logger) : undefined,
    start: async () => {
      if (socketMode) await app.start();
    },
    stop: async () => {
      if (socketMode) await app.stop();
    },
  };
}

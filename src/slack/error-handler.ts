// The one error handler: a known AppError becomes a clear message where the person acted; anything else is
// logged with a request id and the person gets a short apology with that id, never a stack trace.
import { randomUUID } from 'node:crypto';
import type { AllMiddlewareArgs } from '@slack/bolt';
import type { ModalView } from '@slack/types';
import type { Logger } from '../logger';
import { AppError } from '../errors';
import { mention, quote, safeText, truncate } from './mrkdwn';
import type { ViewStateValues } from './view-state';

type Ack = (...args: never[]) => Promise<void>;
/** What every listener receives, as far as the error handler cares. */
export type ListenerArgs = AllMiddlewareArgs & { body: Record<string, unknown>; payload?: unknown };

export type ListenerErrorReporter = (input: { error: unknown; args: ListenerArgs; ack?: Ack }) => Promise<void>;

export function apologyText(requestId: string): string {
  return `:warning: Sorry, something went wrong on our side (ref \`${requestId}\`). Please try again in a moment; if it keeps happening, mention the ref in the team channel.`;
}

export function messageModal(title: string, text: string): ModalView {
  return {
    type: 'modal',
    title: { type: 'plain_text', text: title.slice(0, 24) },
    close: { type: 'plain_text', text: 'Close' },
    blocks: [{ type: 'section', text: { type: 'mrkdwn', text: text.slice(0, 3000) } }],
  };
}

/** A known error as Slack text: what a person typed escaped, the people it names as mentions. */
export function errorText(error: AppError): string {
  const text = error.quotesUserText ? safeText(error.userMessage, 2900) : error.userMessage;
  return text.replace(/\{(\w+)\}/g, (placeholder, key: string) => (error.people[key] ? mention(error.people[key]) : placeholder));
}

export function requestIdOf(args: { context: Record<string, unknown> }): string {
  const existing = args.context.requestId;
  if (typeof existing === 'string') return existing;
  const id = randomUUID().slice(0, 8);
  args.context.requestId = id;
  return id;
}

export function createErrorReporter(logger: Logger): ListenerErrorReporter {
  return async ({ error, args, ack }) => {
    const requestId = requestIdOf(args);
    const kind = String(args.body.type ?? (args.body.command ? 'slash_command' : 'unknown'));
    const known = error instanceof AppError ? error : undefined;
    if (known) logger.info({ requestId, kind, code: known.code }, 'request refused');
    else logger.error({ requestId, kind, err: error }, 'listener failed');
    const text = known ? errorText(known) : apologyText(requestId);
    try {
      await tellThePerson(args, text, ack);
    } catch (notifyError) {
      logger.warn({ requestId, err: notifyError }, 'could not tell the person about an error');
    }
  };
}

async function tellThePerson(args: ListenerArgs, text: string, ack?: Ack): Promise<void> {
  const body = args.body as {
    type?: string;
    command?: string;
    user_id?: string;
    user?: { id?: string } | string;
    container?: { type?: string };
    event?: { channel?: string; user?: string; thread_ts?: string; ts?: string; item?: { channel?: string } };
  };
  if (ack) {
    if (body.type === 'view_submission') {
      // Nothing was saved: the form shows why, with what the person typed, so nothing they wrote is lost.
      const typed = typedValues(args.body, 2400);
      return (ack as (r: object) => Promise<void>)({ response_action: 'update', view: messageModal('Could not save', typed ? `${text}\nHere is what you entered, to try again:\n${typed}` : text) });
    }
    if (body.command) return (ack as (r: object) => Promise<void>)({ response_type: 'ephemeral', text });
    await ack();
  }
  const respond = (args as { respond?: (m: object) => Promise<unknown> }).respond;
  const inMessage = body.command || body.type === 'message_action' || body.container?.type === 'message';
  if (respond && inMessage) {
    await respond({ response_type: 'ephemeral', replace_original: false, text });
    return;
  }
  const userId = typeof body.user === 'string' ? body.user : (body.user?.id ?? body.user_id ?? body.event?.user);
  const channel = body.event?.channel ?? body.event?.item?.channel;
  if (channel && userId) {
    await args.client.chat.postEphemeral({ channel, user: userId, text, thread_ts: body.event?.thread_ts });
  } else if (userId) {
    // A form already closed: give back what the person typed, so nothing they wrote is lost.
    const typed = body.type === 'view_submission' ? typedValues(args.body, 3500) : '';
    await args.client.chat.postMessage({ channel: userId, text: typed ? `${text}\nHere is what you entered, to try again:\n${typed}` : text });
  }
}

/** The free-text answers of a submitted form, quoted for a DM (escaped, cut to fit one message). */
function typedValues(body: Record<string, unknown>, max: number): string {
  const state = (body.view as { state?: { values?: ViewStateValues } } | undefined)?.state?.values ?? {};
  const texts = Object.values(state)
    .flatMap((block) => Object.values(block))
    .map((element) => element.value)
    .filter((value): value is string => typeof value === 'string' && value.trim() !== '');
  return truncate(texts.map((value) => quote(value, 2000)).join('\n'), max);
}

// A request for a command, button, form or shortcut this version does not handle, or one whose shape is not what
// Slack sends, gets an answer at once instead of Slack's "operation timed out" (old messages keep buttons from
// earlier versions), changes nothing, and is logged once without a stack.
import type { AnyMiddlewareArgs, AllMiddlewareArgs } from '@slack/bolt';
import type { Logger } from '../logger';
import { messageModal } from './error-handler';
import type { RegisteredRoutes } from './routes';

const STALE = "That doesn't work any more: it comes from an older version of goodtime-help. Try `/goodtime-help help` for what it can do now.";

type Body = {
  type?: string;
  command?: string;
  callback_id?: string;
  actions?: { action_id?: string }[];
  view?: { id?: unknown; hash?: unknown; callback_id?: string; state?: { values?: unknown } };
  user?: unknown;
  user_id?: unknown;
  channel_id?: unknown;
  trigger_id?: unknown;
  event?: unknown;
  message?: unknown;
};

const INTERACTIONS = new Set(['block_actions', 'view_submission', 'view_closed', 'message_action', 'shortcut', 'block_suggestion', 'interactive_message']);
const isObject = (value: unknown) => typeof value === 'object' && value !== null && !Array.isArray(value);

/** What is wrong with an interaction payload Slack would never send, if anything. */
export function malformation(body: Body): string | undefined {
  if (body.command !== undefined) {
    const missing = (['user_id', 'channel_id', 'trigger_id'] as const).filter((field) => typeof body[field] !== 'string' || !body[field]);
    return missing.length ? `slash command without ${missing.join(', ')}` : undefined;
  }
  if (body.type === 'event_callback') return isObject(body.event) && typeof (body.event as { type?: unknown }).type === 'string' ? undefined : 'event_callback without an event';
  if (body.type === 'url_verification' || body.type === 'app_rate_limited') return undefined;
  if (!body.type) return 'no type';
  if (!INTERACTIONS.has(body.type)) return `unknown type ${String(body.type).slice(0, 40)}`;
  if (!isObject(body.user) || typeof (body.user as { id?: unknown }).id !== 'string') return `${body.type} without a user`;
  if (body.type === 'message_action' && (typeof body.callback_id !== 'string' || !isObject(body.message))) return 'message_action without its message';
  if (body.type === 'block_actions') {
    if (!Array.isArray(body.actions) || body.actions.length === 0) return 'block_actions without actions';
    if (!body.actions.every((a) => isObject(a) && typeof a.action_id === 'string')) return 'block_actions with a malformed action';
  }
  if (body.type === 'view_submission' || body.type === 'view_closed') {
    if (!isObject(body.view) || typeof body.view?.callback_id !== 'string') return `${body.type} without a view`;
    if (body.type === 'view_submission' && !isObject(body.view.state?.values)) return 'view_submission without state';
    if (typeof body.view.id !== 'string' || typeof body.view.hash !== 'string') return `${body.type} without the view's id and hash`;
  }
  return undefined;
}

/** True when the request was unknown and has been answered. */
export async function answerUnknownRequest(
  args: AnyMiddlewareArgs & AllMiddlewareArgs,
  routes: RegisteredRoutes,
  logger: Logger,
): Promise<boolean> {
  const body = args.body as Body;
  const ack = (args as { ack?: (response?: object) => Promise<void> }).ack;
  const respond = (args as { respond?: (message: object) => Promise<unknown> }).respond;
  if (!ack) return false;
  const malformed = malformation(body);
  if (malformed) {
    await ack();
    logger.warn({ requestId: args.context.requestId, malformed }, 'malformed Slack request answered; nothing done');
    return true;
  }
  let unknown: string | undefined;
  if (body.command !== undefined && !routes.commands.has(body.command)) {
    unknown = `command ${body.command}`;
    await ack({ response_type: 'ephemeral', text: `I don't know the command ${body.command}. Try \`/goodtime-help help\`.` });
  } else if (body.type === 'block_actions' && body.actions?.some((a) => !routes.actions.has(a.action_id ?? ''))) {
    unknown = `action ${body.actions.map((a) => a.action_id).join(',')}`;
    await ack();
    await respond?.({ response_type: 'ephemeral', replace_original: false, text: STALE });
  } else if ((body.type === 'view_submission' || body.type === 'view_closed') && !routes.views.has(body.view?.callback_id ?? '')) {
    unknown = `view ${body.view?.callback_id}`;
    await ack(body.type === 'view_submission' ? { response_action: 'update', view: messageModal('Form out of date', STALE) } : undefined);
  } else if (body.type === 'message_action' && !routes.messageShortcuts.has(body.callback_id ?? '')) {
    unknown = `shortcut ${body.callback_id}`;
    await ack();
    await respond?.({ response_type: 'ephemeral', text: STALE });
  } else if (body.type === 'shortcut' || body.type === 'block_suggestion' || body.type === 'interactive_message') {
    unknown = `${body.type} ${body.callback_id ?? ''}`;
    await ack();
  }
  if (unknown) logger.warn({ requestId: args.context.requestId, unknown }, 'unknown Slack request answered');
  return unknown !== undefined;
}

// A request for a command, button, form or shortcut this version does not handle gets a clear answer at once
// instead of Slack's "operation timed out" (old messages keep buttons from earlier versions).
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
  view?: { callback_id?: string };
};

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

// Interaction payloads in Slack's wire format: slash commands, block_actions (message / view), view_submission,
// view_closed, message_action and global shortcuts.
import { messageOut } from './methods-chat';
import { viewOut } from './methods-views';
import { isObject } from './util';
import { assertPersonMayWriteTo, type Workspace } from './store';
import type { Block, FakeEphemeral, FakeMessage, FakeView, JsonObject } from './types';

export const VERIFICATION_TOKEN = 'xVerificationTokenForTests0';

export function actionTs(ws: Workspace): string {
  return (ws.now() / 1000).toFixed(6);
}

export function userRef(ws: Workspace, userId: string): JsonObject {
  const user = ws.requireUser(userId);
  return { id: user.id, username: user.name, name: user.name, team_id: ws.team.id };
}

export function teamRef(ws: Workspace): JsonObject {
  return { id: ws.team.id, domain: ws.team.domain };
}

export function channelRef(ws: Workspace, channelId: string): JsonObject {
  const channel = ws.requireChannel(channelId);
  return { id: channel.id, name: channel.is_im ? 'directmessage' : channel.name };
}

function base(ws: Workspace, type: string, user: string): JsonObject {
  return {
    type, user: userRef(ws, user), api_app_id: ws.bot.appId, token: VERIFICATION_TOKEN, team: teamRef(ws),
    enterprise: null, is_enterprise_install: false,
  };
}

export interface SlashCommandInput {
  user: string;
  channel: string;
  text: string;
  command: string;
  responseUrl: string;
  triggerId: string;
}

/** The form fields Slack posts for a slash command. */
export function slashCommandFields(ws: Workspace, input: SlashCommandInput): Record<string, string> {
  const channel = ws.requireChannel(input.channel);
  assertPersonMayWriteTo(ws, channel);
  return {
    token: VERIFICATION_TOKEN, team_id: ws.team.id, team_domain: ws.team.domain,
    channel_id: channel.id, channel_name: channel.is_im ? 'directmessage' : channel.name,
    user_id: input.user, user_name: ws.requireUser(input.user).name, command: input.command, text: input.text,
    api_app_id: ws.bot.appId, is_enterprise_install: 'false', response_url: input.responseUrl, trigger_id: input.triggerId,
  };
}

/** The `actions[0]` entry for an element someone used (button click, option chosen, ...). */
export function actionFor(ws: Workspace, block: Block, element: JsonObject, selected?: JsonObject | JsonObject[]): JsonObject {
  const action: JsonObject = {
    type: element.type, action_id: element.action_id, block_id: block.block_id, action_ts: actionTs(ws),
  };
  if (element.type === 'button') {
    action.text = element.text;
    if (element.value !== undefined) action.value = element.value;
    if (element.style !== undefined) action.style = element.style;
    if (element.url !== undefined) action.url = element.url;
  } else if (Array.isArray(selected)) {
    action.selected_options = selected;
  } else if (selected) {
    action.selected_option = selected;
  }
  if (isObject(element.placeholder)) action.placeholder = element.placeholder;
  return action;
}

export interface MessageActionInput {
  user: string;
  channel: string;
  message?: FakeMessage;
  ephemeral?: FakeEphemeral;
  action: JsonObject;
  triggerId: string;
  responseUrl: string;
  state?: FakeView['state'];
}

/** block_actions for a button/menu in a message (ephemeral messages carry no `message`, as in Slack). */
export function blockActionsFromMessage(ws: Workspace, input: MessageActionInput): JsonObject {
  const ts = input.message?.ts ?? input.ephemeral?.ts ?? '';
  const payload: JsonObject = {
    ...base(ws, 'block_actions', input.user),
    container: { type: 'message', message_ts: ts, channel_id: input.channel, is_ephemeral: !input.message },
    trigger_id: input.triggerId, channel: channelRef(ws, input.channel),
    state: input.state ?? { values: {} }, response_url: input.responseUrl, actions: [input.action],
  };
  if (input.message) {
    const message = messageOut(input.message, false);
    if (input.message.thread_ts) payload.container = { ...(payload.container as JsonObject), thread_ts: input.message.thread_ts };
    payload.message = message;
  }
  return payload;
}

/** block_actions for an element inside a modal or the home tab. */
export function blockActionsFromView(ws: Workspace, input: { user: string; view: FakeView; action: JsonObject; triggerId: string }): JsonObject {
  return {
    ...base(ws, 'block_actions', input.user),
    container: { type: 'view', view_id: input.view.id },
    trigger_id: input.triggerId, view: viewOut(input.view), actions: [input.action],
  };
}

export function viewSubmission(ws: Workspace, input: { user: string; view: FakeView; triggerId: string; responseUrls?: JsonObject[] }): JsonObject {
  return {
    ...base(ws, 'view_submission', input.user),
    trigger_id: input.triggerId, view: viewOut(input.view), response_urls: input.responseUrls ?? [],
  };
}

export function viewClosed(ws: Workspace, input: { user: string; view: FakeView; isCleared: boolean }): JsonObject {
  return { ...base(ws, 'view_closed', input.user), view: viewOut(input.view), is_cleared: input.isCleared };
}

export function messageShortcut(ws: Workspace, input: { user: string; callbackId: string; channel: string; message: FakeMessage; triggerId: string; responseUrl: string }): JsonObject {
  return {
    ...base(ws, 'message_action', input.user),
    callback_id: input.callbackId, trigger_id: input.triggerId, action_ts: actionTs(ws),
    message_ts: input.message.ts, message: messageOut(input.message, false),
    channel: channelRef(ws, input.channel), response_url: input.responseUrl,
  };
}

export function globalShortcut(ws: Workspace, input: { user: string; callbackId: string; triggerId: string }): JsonObject {
  return { ...base(ws, 'shortcut', input.user), callback_id: input.callbackId, trigger_id: input.triggerId, action_ts: actionTs(ws) };
}

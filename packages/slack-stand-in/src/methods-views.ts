// views.* — modals (a per-user stack of up to 3 views), home tabs, trigger_id exchange, and how Slack
// applies an app's response to a view_submission.
import { assertValidView, withGeneratedIds } from './validate-surfaces';
import { isObject, json, requireStr, SlackError, str, violation } from './util';
import type { Handler } from './methods-chat';
import type { Workspace } from './store';
import type { FakeView, JsonObject, TextObject } from './types';

export const TRIGGER_LIFETIME_MS = 3000;
export const MAX_MODAL_STACK = 3;

export function issueTrigger(ws: Workspace, user: string): string {
  const seconds = Math.floor(ws.now() / 1000);
  const id = `${seconds}.${100000000 + ws.triggers.size}.${Math.random().toString(16).slice(2, 18).padEnd(16, '0')}`;
  ws.triggers.set(id, { user, issuedAt: ws.now(), used: false });
  return id;
}

/** Exchanges a trigger_id: unknown → invalid_trigger_id, reused → exchanged_trigger_id, >3 s → expired_trigger_id. */
function exchangeTrigger(ws: Workspace, triggerId: string): string {
  const trigger = ws.triggers.get(triggerId);
  if (!trigger) throw new SlackError('invalid_trigger_id');
  if (trigger.used) throw new SlackError('exchanged_trigger_id');
  if (ws.now() - trigger.issuedAt > TRIGGER_LIFETIME_MS) throw new SlackError('expired_trigger_id');
  trigger.used = true;
  return trigger.user;
}

export function viewOut(view: FakeView): JsonObject {
  const { user: _user, ...rest } = structuredClone(view);
  return rest as unknown as JsonObject;
}

function newHash(ws: Workspace): string {
  return `${Math.floor(ws.now() / 1000)}.${Math.random().toString(36).slice(2, 10)}`;
}

function assertUniqueExternalId(ws: Workspace, externalId: unknown, except?: string): void {
  if (typeof externalId !== 'string' || externalId === '') return;
  for (const view of ws.views.values()) {
    if (view.external_id === externalId && view.id !== except) throw new SlackError('duplicate_external_id');
  }
}

/** Slack keeps what a person typed when block_id and action_id survive an update. */
function carriedState(old: FakeView | undefined, blocks: JsonObject[]): FakeView['state'] {
  const values: FakeView['state']['values'] = {};
  if (!old) return { values };
  for (const block of blocks) {
    const blockId = String(block.block_id);
    const element = isObject(block.element) ? block.element : undefined;
    const kept = old.state.values[blockId];
    const actionId = element ? String(element.action_id) : undefined;
    if (kept && actionId && kept[actionId]) values[blockId] = { [actionId]: kept[actionId] };
  }
  return { values };
}

/** Builds the stored view from a validated payload; `previous` keeps id, stack links and typed input. */
export function storeView(ws: Workspace, input: JsonObject, user: string, previous?: FakeView, links?: { root: string | null; prev: string | null }): FakeView {
  const id = previous?.id ?? ws.ids.next('V');
  const blocks = withGeneratedIds(input.blocks as unknown[]);
  const view: FakeView = {
    id, team_id: ws.team.id, type: input.type as 'modal' | 'home', blocks,
    private_metadata: (input.private_metadata as string | undefined) ?? '',
    callback_id: (input.callback_id as string | undefined) ?? '',
    external_id: (input.external_id as string | undefined) ?? '',
    state: carriedState(previous, blocks), hash: newHash(ws),
    clear_on_close: input.clear_on_close === true, notify_on_close: input.notify_on_close === true,
    root_view_id: previous ? previous.root_view_id : (links?.root ?? (input.type === 'modal' ? id : null)),
    previous_view_id: previous ? previous.previous_view_id : (links?.prev ?? null),
    app_id: ws.bot.appId, app_installed_team_id: ws.team.id, bot_id: ws.bot.botId, user,
  };
  if (input.title) view.title = input.title as TextObject;
  if (input.type === 'modal') {
    view.submit = (input.submit as TextObject | undefined) ?? null;
    view.close = (input.close as TextObject | undefined) ?? null;
  }
  ws.views.set(id, view);
  return view;
}

function findView(ws: Workspace, args: JsonObject): FakeView {
  const viewId = str(args, 'view_id');
  const externalId = str(args, 'external_id');
  if (!viewId && !externalId) {
    throw violation('invalid_arguments', ['[ERROR] must provide view_id or external_id [method:views.update]']);
  }
  const view = viewId ? ws.views.get(viewId) : [...ws.views.values()].find((v) => v.external_id === externalId);
  if (!view) throw new SlackError('not_found');
  return view;
}

export const viewMethods: Record<string, Handler> = {
  'views.open': (args, { ws }) => {
    const triggerId = str(args, 'trigger_id') ?? str(args, 'interactivity_pointer');
    if (!triggerId) throw violation('invalid_arguments', ['[ERROR] missing required field: trigger_id [method:views.open]']);
    const input = assertValidView(json(args, 'view', 'invalid_arguments'), 'modal');
    assertUniqueExternalId(ws, input.external_id);
    const user = exchangeTrigger(ws, triggerId);
    const view = storeView(ws, input, user);
    ws.modalStacks.set(user, [view.id]);
    return { view: viewOut(view) };
  },
  'views.push': (args, { ws }) => {
    const triggerId = requireStr(args, 'trigger_id', 'views.push');
    const input = assertValidView(json(args, 'view', 'invalid_arguments'), 'modal');
    assertUniqueExternalId(ws, input.external_id);
    const user = exchangeTrigger(ws, triggerId);
    const stack = ws.modalStack(user);
    const top = stack.at(-1);
    if (!top) throw new SlackError('not_found');
    if (stack.length >= MAX_MODAL_STACK) throw new SlackError('push_limit_reached');
    const view = storeView(ws, input, user, undefined, { root: stack[0] ?? null, prev: top });
    stack.push(view.id);
    return { view: viewOut(view) };
  },
  'views.update': (args, { ws }) => {
    const existing = findView(ws, args);
    const hash = str(args, 'hash');
    if (hash !== undefined && hash !== existing.hash) throw new SlackError('hash_conflict');
    const input = assertValidView(json(args, 'view', 'invalid_arguments'), existing.type);
    assertUniqueExternalId(ws, input.external_id, existing.id);
    return { view: viewOut(storeView(ws, input, existing.user, existing)) };
  },
  'views.publish': (args, { ws }) => {
    const user = ws.requireUser(requireStr(args, 'user_id', 'views.publish'));
    const input = assertValidView(json(args, 'view', 'invalid_arguments'), 'home');
    const existing = ws.views.get(ws.homes.get(user.id) ?? '');
    const hash = str(args, 'hash');
    if (hash !== undefined && existing && hash !== existing.hash) throw new SlackError('hash_conflict');
    const view = storeView(ws, input, user.id, existing);
    ws.homes.set(user.id, view.id);
    return { view: viewOut(view) };
  },
};

export type SubmissionOutcome =
  | { outcome: 'closed' | 'cleared' }
  | { outcome: 'updated' | 'pushed'; view: FakeView }
  | { outcome: 'errors'; errors: Record<string, string> };

/** What Slack does with the app's HTTP response to a view_submission (throws a violation if Slack would reject it). */
export function applySubmissionResponse(ws: Workspace, user: string, viewId: string, rawBody: string): SubmissionOutcome {
  const stack = ws.modalStack(user);
  const body: unknown = rawBody.trim() === '' ? {} : JSON.parse(rawBody);
  if (!isObject(body) || body.response_action === undefined) {
    stack.pop();
    return { outcome: 'closed' };
  }
  const submitted = ws.views.get(viewId) as FakeView;
  switch (body.response_action) {
    case 'clear':
      stack.length = 0;
      return { outcome: 'cleared' };
    case 'errors': {
      const errors = isObject(body.errors) ? body.errors : {};
      const inputIds = new Set(submitted.blocks.filter((b) => b.type === 'input').map((b) => String(b.block_id)));
      const bad = Object.keys(errors).filter((k) => !inputIds.has(k) || typeof errors[k] !== 'string');
      if (bad.length || Object.keys(errors).length === 0) {
        throw violation('invalid_response_action', bad.map((k) => `[ERROR] errors key "${k}" is not the block_id of an input block with a string message`));
      }
      return { outcome: 'errors', errors: errors as Record<string, string> };
    }
    case 'update': {
      const input = assertValidView(body.view, 'modal');
      return { outcome: 'updated', view: storeView(ws, input, user, submitted) };
    }
    case 'push': {
      const input = assertValidView(body.view, 'modal');
      if (stack.length >= MAX_MODAL_STACK) throw new SlackError('push_limit_reached');
      const view = storeView(ws, input, user, undefined, { root: stack[0] ?? null, prev: stack.at(-1) ?? null });
      stack.push(view.id);
      return { outcome: 'pushed', view };
    }
    default:
      throw violation('invalid_response_action', [`[ERROR] unknown response_action "${String(body.response_action)}"`]);
  }
}

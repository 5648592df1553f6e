// Requests as Slack sends them, built by hand: a click on a message, a form's submission, a message shortcut. Who
// sends it and what it carries are all authorization can go by, and a forger controls both.
import { blockActionsFromMessage, messageShortcut, viewSubmission, type FakeMessage, type FakeView } from '@goodtime-help/slack-stand-in';
import type { TestApp } from '../support/app';
import type { Person } from '../support/people';

/** A form's input blocks by block id: text (or one choice), or several choices. */
export type FormValues = Record<string, string | string[]>;
export interface Answer {
  status: number;
  /** The body Slack got back: a form's inline errors or replacement view. */
  text: string;
}

let forms = 0;

/** A submitted modal carrying `metadata` and `values` (each input as its one element; the app reads it by block id). */
export function forgedView(t: TestApp, who: Person, callbackId: string, metadata: object, values: FormValues): FakeView {
  forms += 1;
  const { ws } = t.fake;
  const state = Object.fromEntries(
    Object.entries(values).map(([blockId, value]) => [
      blockId,
      { value: Array.isArray(value) ? { type: 'multi_static_select', selected_options: value.map((v) => ({ value: v })) } : { type: 'plain_text_input', value } },
    ]),
  );
  return {
    id: `VFORGED${forms}`, hash: `${Date.now()}.forged${forms}`, team_id: ws.team.id, type: 'modal', blocks: [], private_metadata: JSON.stringify(metadata),
    callback_id: callbackId, external_id: '', state: { values: state }, clear_on_close: false, notify_on_close: false, root_view_id: null,
    previous_view_id: null, app_id: ws.bot.appId, app_installed_team_id: ws.team.id, bot_id: ws.bot.botId, user: who.id,
  };
}

export async function submitForm(t: TestApp, who: Person, callbackId: string, metadata: object, values: FormValues): Promise<Answer> {
  const view = forgedView(t, who, callbackId, metadata, values);
  const response = await t.client.interaction(viewSubmission(t.fake.ws, { user: who.id, view, triggerId: t.fake.issueTriggerId(who.id) }));
  return { status: response.status, text: response.text };
}

/** A button (its value) or an overflow menu (its choice) on `message` in the team channel. */
export async function click(t: TestApp, who: Person, message: FakeMessage, actionId: string, value: string, overflow = false): Promise<Answer> {
  const payload = blockActionsFromMessage(t.fake.ws, {
    user: who.id,
    channel: t.teamChannel,
    message,
    action: {
      action_id: actionId,
      block_id: 'authorization',
      action_ts: (Date.now() / 1000).toFixed(6),
      ...(overflow
        ? { type: 'overflow', selected_option: { text: { type: 'plain_text', text: 'Withdraw question' }, value } }
        : { type: 'button', value, text: { type: 'plain_text', text: actionId } }),
    },
    triggerId: t.fake.issueTriggerId(who.id),
    responseUrl: t.fake.newResponseUrl(who.id, t.teamChannel, { messageTs: message.ts }),
  });
  const response = await t.client.interaction(payload);
  return { status: response.status, text: response.text };
}

export async function useShortcut(t: TestApp, who: Person, callbackId: string, message: FakeMessage): Promise<Answer> {
  const payload = messageShortcut(t.fake.ws, {
    user: who.id, callbackId, channel: t.teamChannel, message, triggerId: t.fake.issueTriggerId(who.id), responseUrl: t.fake.newResponseUrl(who.id, t.teamChannel),
  });
  const response = await t.client.interaction(payload);
  return { status: response.status, text: response.text };
}

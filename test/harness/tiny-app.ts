// A tiny Bolt app (HTTP receiver on 127.0.0.1) used by the harness tests: a slash command that opens a modal,
// a view handler with inline errors, buttons, menus, a shortcut, message/reaction/app_home_opened events.
import type { AddressInfo } from 'node:net';
import { App } from '@slack/bolt';
import type { View } from '@slack/types';
import { silentLogger } from '@goodtime-help/slack-stand-in';
import type { SlackFake } from '@goodtime-help/slack-stand-in';

export interface TinyApp {
  app: App;
  url: string;
  /** Events and view_closed notifications the app received, in order. */
  events: { type: string; [key: string]: unknown }[];
}

export const plain = (text: string) => ({ type: 'plain_text' as const, text });

function askModal(channelId: string): View {
  return {
    type: 'modal', callback_id: 'ask', private_metadata: channelId, notify_on_close: true,
    title: plain('Ask GoodTime'), submit: plain('Send'), close: plain('Cancel'),
    blocks: [
      { type: 'input', block_id: 'question', label: plain('Your question'), element: { type: 'plain_text_input', action_id: 'question', multiline: true } },
      { type: 'input', block_id: 'urgency', label: plain('Urgency'), element: {
        type: 'static_select', action_id: 'urgency', placeholder: plain('How urgent?'),
        options: ['Low', 'High'].map((t) => ({ text: plain(t), value: t.toLowerCase() })), initial_option: { text: plain('Low'), value: 'low' },
      } },
      { type: 'input', block_id: 'due', optional: true, label: plain('Needed by'), element: { type: 'datepicker', action_id: 'due' } },
    ],
  };
}

export async function startTinyApp(fake: SlackFake, signingSecret: string, channel: string): Promise<TinyApp> {
  const events: TinyApp['events'] = [];
  const app = new App({ token: fake.botToken, signingSecret, clientOptions: { slackApiUrl: fake.apiUrl }, logger: silentLogger() });
  app.command('/goodtime-help', async ({ ack, body, client: web }) => {
    await ack();
    await web.views.open({ trigger_id: body.trigger_id, view: askModal(body.channel_id) });
  });
  app.view('ask', async ({ ack, view, body, client: web }) => {
    const values = view.state.values;
    const question = values.question?.question?.value ?? '';
    if (question.length < 10) {
      await ack({ response_action: 'errors', errors: { question: 'Please write at least 10 characters.' } });
      return;
    }
    await ack();
    const urgency = values.urgency?.urgency?.selected_option?.text.text ?? '?';
    const due = values.due?.due?.selected_date ?? 'whenever';
    await web.chat.postMessage({
      channel: view.private_metadata, text: `Question from <@${body.user.id}>`,
      metadata: { event_type: 'question_posted', event_payload: { asker: body.user.id } },
      blocks: [
        { type: 'header', text: plain('New question') },
        { type: 'section', text: { type: 'mrkdwn', text: `<@${body.user.id}> asks: ${question}` } },
        { type: 'context', elements: [{ type: 'mrkdwn', text: `Urgency: ${urgency} · Needed by: ${due}` }] },
        { type: 'actions', elements: [{ type: 'button', action_id: 'claim', text: plain('I can help'), value: 'q1' }] },
      ],
    });
  });
  app.view({ callback_id: 'ask', type: 'view_closed' }, async ({ ack }) => {
    events.push({ type: 'view_closed' });
    await ack();
  });
  app.view('broken', async () => {
    throw new Error('boom');
  });
  app.action('claim', async ({ ack, respond, body }) => {
    await ack();
    await respond({ replace_original: false, text: `Thanks <@${body.user.id}>, it is yours.` });
  });
  app.shortcut('escalate', async ({ ack, shortcut, client: web }) => {
    await ack();
    const text = 'message' in shortcut ? String(shortcut.message.text) : '';
    await web.views.open({ trigger_id: shortcut.trigger_id, view: { type: 'modal', callback_id: 'broken', title: plain('Escalate'), submit: plain('Create ticket'), blocks: [{ type: 'section', text: { type: 'mrkdwn', text: `Escalating: ${text}` } }] } });
  });
  app.message(async ({ message }) => {
    events.push({ ...(message as unknown as Record<string, unknown>), type: 'message' });
  });
  app.event('reaction_added', async ({ event }) => {
    events.push({ ...event });
  });
  app.event('app_home_opened', async ({ event, client: web }) => {
    await web.views.publish({ user_id: event.user, view: { type: 'home', blocks: [{ type: 'header', text: plain('GoodTime Help') }, { type: 'actions', elements: [{ type: 'button', action_id: 'home_ask', text: plain('Ask a question') }] }] } });
  });
  app.action('home_ask', async ({ ack, body, client: web }) => {
    await ack();
    if ('trigger_id' in body) await web.views.open({ trigger_id: body.trigger_id, view: askModal(channel) });
  });

  app.action('phase', async ({ ack, respond, action, body }) => {
    await ack();
    const choice = 'selected_option' in action ? action.selected_option?.text.text : '?';
    await respond({ replace_original: true, text: `${choice} by <@${body.user.id}>` });
  });
  const wizard = (extra: boolean): View => ({
    type: 'modal', callback_id: 'wizard', title: plain('Wizard'), submit: plain('Next'),
    blocks: [
      { type: 'input', block_id: 'name', label: plain('Name'), element: { type: 'plain_text_input', action_id: 'name' } },
      ...(extra ? [{ type: 'input' as const, block_id: 'team', label: plain('Team'), element: { type: 'users_select' as const, action_id: 'team' } }] : []),
      { type: 'actions', elements: [{ type: 'button', action_id: 'more', text: plain('More details') }] },
    ],
  });
  app.command('/goodtime-wizard', async ({ ack, body, client: web }) => {
    await ack();
    await web.views.open({ trigger_id: body.trigger_id, view: wizard(false) });
  });
  app.action('more', async ({ ack, body, client: web }) => {
    await ack();
    if (body.type === 'block_actions' && body.view) await web.views.update({ view_id: body.view.id, hash: body.view.hash, view: wizard(true) });
  });
  app.view('wizard', async ({ ack, view }) => {
    const name = view.state.values.name?.name?.value ?? '';
    await ack({ response_action: 'push', view: { type: 'modal', title: plain('Done'), blocks: [{ type: 'section', text: { type: 'mrkdwn', text: `Thanks ${name}` } }] } });
  });

  const server = await app.start({ port: 0, host: '127.0.0.1' });
  return { app, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, events };
}

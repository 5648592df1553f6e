// A tiny Bolt app driven through the harness exactly as Slack would: signed HTTP, modals, events, respond().
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { renderMessage, startSlackFake, waitFor } from '@goodtime-help/slack-stand-in';
import { createSlackRequestClient } from '@goodtime-help/slack-stand-in';
import { addPerson } from '../support/people';
import { plain, startTinyApp } from './tiny-app';
import type { SlackFake } from '@goodtime-help/slack-stand-in';
import type { SlackRequestClient } from '@goodtime-help/slack-stand-in';
import type { Person } from '../support/people';
import type { TinyApp } from './tiny-app';

const signingSecret = 'harness-signing-secret';
let fake: SlackFake;
let tiny: TinyApp;
let client: SlackRequestClient;
let ana: Person;
let bo: Person;
let channel: string;
let events: TinyApp['events'];

beforeAll(async () => {
  fake = await startSlackFake();
  channel = fake.addChannel({ name: 'goodtime-help' }).id;
  tiny = await startTinyApp(fake, signingSecret, channel);
  events = tiny.events;
  client = createSlackRequestClient({ appUrl: tiny.url, signingSecret, fake });
  ana = addPerson({ client, fake, channel }, { name: 'ana', real_name: 'Ana Lima', channels: [channel] });
  bo = addPerson({ client, fake, channel }, { name: 'bo', channels: [channel] });
});
afterAll(async () => {
  await tiny.app.stop();
  await fake.close();
});
beforeEach(() => {
  fake.reset();
  events.length = 0;
});

describe('a person using the app', () => {
  it('runs the command, fixes an inline error, and sees the question posted', async () => {
    const res = await ana.runSlashCommand('');
    expect(res).toMatchObject({ ok: true, status: 200 });
    const modal = await ana.waitForModal();
    expect(modal.title).toBe('Ask GoodTime');
    expect(modal.value('Urgency')).toBe('Low');

    await modal.fill('Your question', 'help?');
    await modal.fill('Urgency', 'High');
    const first = await modal.submit();
    expect(first.outcome).toBe('errors');
    expect(first.errorsByLabel).toEqual({ 'Your question': 'Please write at least 10 characters.' });
    expect(modal.errorFor('Your question')).toBe('Please write at least 10 characters.');
    expect(modal.text()).toContain('Your question: help?\n  ⚠ Please write at least 10 characters.');
    expect(modal.isOpen).toBe(true);

    await modal.fill('Your question', 'How do I reschedule an interview?');
    await modal.fill('Needed by', '2025-03-01');
    const second = await modal.submit();
    expect(second.outcome).toBe('closed');
    expect(ana.modal().isOpen).toBe(false);

    const card = await waitFor(() => fake.messages(channel)[0]);
    expect(renderMessage(card, { userName: (id) => fake.user(id)?.name })).toBe([
      '# New question', '@ana asks: How do I reschedule an interview?', 'Urgency: High · Needed by: 2025-03-01', '[I can help]',
    ].join('\n'));
    expect(card.metadata).toEqual({ event_type: 'question_posted', event_payload: { asker: ana.id } });

    const click = await bo.clickButton('I can help', { channel, ts: card.ts });
    expect(click.ok).toBe(true);
    await waitFor(() => bo.ephemerals().length === 1);
    expect(bo.ephemerals()[0]?.text).toBe(`Thanks <@${bo.id}>, it is yours.`);
    fake.expectNoViolations();
  });

  it('does not send a submission the Slack client would refuse, and notifies on close', async () => {
    await ana.runSlashCommand('');
    const modal = await ana.waitForModal();
    const result = await modal.submit();
    expect(result).toMatchObject({ outcome: 'invalid', errorsByLabel: { 'Your question': 'Please complete this required field.' } });
    expect(fake.calls.filter((c) => c.method === 'chat.postMessage')).toHaveLength(0);
    await modal.close();
    expect(ana.modal().isOpen).toBe(false);
    expect(events.map((e) => e.type)).toEqual(['view_closed']);
  });

  it('reports a failing view handler as Slack would', async () => {
    await fake.userPostMessage(ana.id, channel, 'The scheduler is down');
    const ts = fake.messages(channel)[0]?.ts as string;
    expect((await ana.useMessageShortcut('escalate', { channel, ts })).ok).toBe(true);
    const modal = await ana.waitForModal();
    expect(modal.text()).toContain('Escalating: The scheduler is down');
    const result = await modal.submit();
    expect(result).toMatchObject({ outcome: 'failed', status: 500, message: 'We had some trouble connecting. Try again?' });
    expect(modal.isOpen).toBe(true);
  });
});

describe('menus and modal updates', () => {
  it('picks an overflow option in a message, and the app replaces the message via respond()', async () => {
    const posted = await tiny.app.client.chat.postMessage({ channel, text: 'card', blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: 'Question' }, accessory: { type: 'overflow', action_id: 'phase', options: ['Mark solved', 'Escalate'].map((t) => ({ text: plain(t), value: t })) } },
    ] });
    expect((await bo.choose('Mark solved', { channel, ts: posted.ts as string })).ok).toBe(true);
    await waitFor(() => fake.message(channel, posted.ts as string)?.text === `Mark solved by <@${bo.id}>`);
    expect(fake.message(channel, posted.ts as string)?.blocks).toBeUndefined();
  });

  it('keeps typed input across views.update, pushes on response_action push, and goes back on close', async () => {
    await ana.runSlashCommand('', { command: '/goodtime-wizard' });
    const modal = await ana.waitForModal({ title: 'Wizard' });
    await modal.fill('Name', 'Ana');
    await modal.clickButton('More details');
    await waitFor(() => modal.text().includes('Team'));
    expect(modal.value('Name')).toBe('Ana');
    await modal.fill('Team', bo.id);
    expect(modal.text()).toContain('Team: [@bo ▾]');
    const result = await modal.submit();
    expect(result.outcome).toBe('pushed');
    expect(fake.modalStack(ana.id).map((v) => v.title?.text)).toEqual(['Wizard', 'Done']);
    expect(modal.text()).toContain('Thanks Ana');
    await modal.close();
    expect(modal.title).toBe('Wizard');
    fake.expectNoViolations();
  });
});

describe('events', () => {
  it('delivers thread replies and reactions as signed events', async () => {
    const parent = await ana.postMessage(channel, 'Is anyone around?');
    const reply = await bo.replyInThread(channel, parent.ts, 'Yes, here');
    await ana.react(channel, reply.ts, 'white_check_mark');
    await waitFor(() => events.length === 3);
    expect(events[1]).toMatchObject({ type: 'message', channel, user: bo.id, text: 'Yes, here', thread_ts: parent.ts, channel_type: 'channel' });
    expect(events[2]).toMatchObject({ type: 'reaction_added', user: ana.id, reaction: 'white_check_mark', item: { type: 'message', channel, ts: reply.ts }, item_user: bo.id });
    expect(new Set(fake.deliveries.map((d) => d.eventId)).size).toBe(3);
    expect(fake.deliveries.every((d) => d.status === 200)).toBe(true);
  });

  it('publishes the home tab on app_home_opened and handles clicks there', async () => {
    await ana.openHome();
    await waitFor(() => ana.home());
    expect(ana.home()).toBe('=== Home ===\n# GoodTime Help\n[Ask a question]');
    await ana.clickHomeButton('Ask a question');
    expect((await ana.waitForModal({ title: 'Ask GoodTime' })).isOpen).toBe(true);
  });
});

describe('request verification', () => {
  it('rejects stale and wrongly signed requests with 401 and answers url_verification', async () => {
    const body = JSON.stringify(fake.events.envelope({ type: 'app_home_opened', user: ana.id, channel: 'D1', tab: 'home', event_ts: '1.1' }));
    const stale = Math.floor(Date.now() / 1000) - 10 * 60;
    expect((await client.raw(body, { 'Content-Type': 'application/json', ...client.signedHeaders(body, stale) })).status).toBe(401);
    const now = Math.floor(Date.now() / 1000);
    const wrong = { 'Content-Type': 'application/json', 'X-Slack-Request-Timestamp': String(now), 'X-Slack-Signature': `v0=${'0'.repeat(64)}` };
    expect((await client.raw(body, wrong)).status).toBe(401);
    expect((await client.raw(body, { 'Content-Type': 'application/json' })).status).toBe(401);
    const ok = await client.urlVerification('abc123');
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({ challenge: 'abc123' });
  });

  it('sends event retries with the same event_id and retry headers', async () => {
    const first = await client.event({ type: 'reaction_added', user: bo.id, reaction: 'eyes', item: { type: 'message', channel, ts: '1.000001' }, item_user: ana.id, event_ts: '1.1' }, { eventId: 'Ev0RETRY1' });
    const retry = await client.event({ type: 'reaction_added', user: bo.id, reaction: 'eyes', item: { type: 'message', channel, ts: '1.000001' }, item_user: ana.id, event_ts: '1.1' }, { eventId: 'Ev0RETRY1', retryNum: 1, retryReason: 'http_timeout' });
    expect([first.status, retry.status]).toEqual([200, 200]);
    expect(first.eventId).toBe(retry.eventId);
    await waitFor(() => events.length === 2);
  });
});

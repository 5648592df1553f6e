// Slack's hard limits bite in the fake: what Slack would reject fails here too, and is remembered.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { WebClient } from '@slack/web-api';
import { silentLogger, startSlackFake } from '../src';
import type { SlackFake } from '../src';

let fake: SlackFake;
let web: WebClient;
let channel: string;
let ana: string;

beforeAll(async () => {
  fake = await startSlackFake();
  ana = fake.addUser({ name: 'ana' }).id;
  channel = fake.addChannel({ name: 'goodtime-team', members: [ana] }).id;
  web = new WebClient(fake.botToken, { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 }, logger: silentLogger() });
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

async function rejection(promise: Promise<unknown>): Promise<{ error: string; messages: string[] }> {
  try {
    await promise;
  } catch (e) {
    const data = (e as { data: { error: string; response_metadata?: { messages?: string[] } } }).data;
    return { error: data.error, messages: data.response_metadata?.messages ?? [] };
  }
  throw new Error('expected Slack to reject the call');
}

const section = (text: string) => ({ type: 'section', text: { type: 'mrkdwn', text } });
const plain = (text: string) => ({ type: 'plain_text', text });
const button = (text: string, extra: object = {}) => ({ type: 'button', text: plain(text), action_id: `b-${text.length}`, ...extra });
const option = (text: string, value = 'v') => ({ text: plain(text), value });
const post = (blocks: unknown[]) => web.chat.postMessage({ channel, text: 'fallback', blocks: blocks as never });

describe('message limits', () => {
  it('accepts 50 blocks and rejects 51, recording the violation', async () => {
    await post(Array.from({ length: 50 }, (_, i) => section(`block ${i}`)));
    const res = await rejection(post(Array.from({ length: 51 }, (_, i) => section(`block ${i}`))));
    expect(res.error).toBe('invalid_blocks');
    expect(res.messages[0]).toMatch(/^\[ERROR\] no more than 50 items allowed \(got 51\) \[json-pointer:\/blocks\]$/);
    expect(fake.violations).toHaveLength(1);
    expect(() => fake.expectNoViolations()).toThrow(/no more than 50 items/);
  });

  it.each([
    ['section text over 3000', [section('x'.repeat(3001))], '/blocks/0/text/text'],
    ['11 section fields', [{ type: 'section', fields: Array.from({ length: 11 }, () => plain('f')) }], '/blocks/0/fields'],
    ['a field over 2000', [{ type: 'section', fields: [plain('x'.repeat(2001))] }], '/blocks/0/fields/0/text'],
    ['header over 150', [{ type: 'header', text: plain('x'.repeat(151)) }], '/blocks/0/text/text'],
    ['mrkdwn header', [{ type: 'header', text: { type: 'mrkdwn', text: 'x' } }], '/blocks/0/text/type'],
    ['button text over 75', [{ type: 'actions', elements: [button('x'.repeat(76))] }], '/blocks/0/elements/0/text/text'],
    ['mrkdwn button text', [{ type: 'actions', elements: [{ ...button('x'), text: { type: 'mrkdwn', text: 'x' } }] }], '/blocks/0/elements/0/text/type'],
    ['11 context elements', [{ type: 'context', elements: Array.from({ length: 11 }, () => plain('c')) }], '/blocks/0/elements'],
    ['option text over 75', [{ type: 'actions', elements: [{ type: 'static_select', action_id: 's', options: [option('x'.repeat(76))] }] }], '/blocks/0/elements/0/options/0/text/text'],
    ['option value over 150', [{ type: 'actions', elements: [{ type: 'static_select', action_id: 's', options: [option('x', 'v'.repeat(151))] }] }], '/blocks/0/elements/0/options/0/value'],
    ['101 options', [{ type: 'actions', elements: [{ type: 'static_select', action_id: 's', options: Array.from({ length: 101 }, (_, i) => option(`o${i}`, `${i}`)) }] }], '/blocks/0/elements/0/options'],
    ['6 overflow options', [section('s'), { ...section('t'), accessory: { type: 'overflow', action_id: 'o', options: Array.from({ length: 6 }, (_, i) => option(`o${i}`, `${i}`)) } }], '/blocks/1/accessory/options'],
    ['duplicate block_id', [{ ...section('a'), block_id: 'same' }, { ...section('b'), block_id: 'same' }], '/blocks/1/block_id'],
    ['block_id over 255', [{ ...section('a'), block_id: 'b'.repeat(256) }], '/blocks/0/block_id'],
    ['action_id over 255', [{ type: 'actions', elements: [{ ...button('x'), action_id: 'a'.repeat(256) }] }], '/blocks/0/elements/0/action_id'],
    ['placeholder over 150', [{ type: 'actions', elements: [{ type: 'users_select', action_id: 'u', placeholder: plain('p'.repeat(151)) }] }], '/blocks/0/elements/0/placeholder/text'],
    ['an initial_option that is not an option', [{ type: 'actions', elements: [{ type: 'static_select', action_id: 's', options: [option('a', '1')], initial_option: option('b', '2') }] }], '/blocks/0/elements/0/initial_option'],
    ['an unknown block type', [{ type: 'sectionn', text: plain('x') }], '/blocks/0/type'],
    ['emoji on mrkdwn', [{ type: 'section', text: { type: 'mrkdwn', text: 'x', emoji: true } }], '/blocks/0/text/emoji'],
    ['an input element in an actions block', [{ type: 'actions', elements: [{ type: 'plain_text_input', action_id: 'p' }] }], '/blocks/0/elements/0/type'],
  ])('rejects %s', async (_name, blocks, pointer) => {
    const res = await rejection(post(blocks));
    expect(res.error).toBe('invalid_blocks');
    expect(res.messages.join('\n')).toContain(`[json-pointer:${pointer}]`);
  });

  it('rejects text over 40000 characters, empty messages and malformed metadata', async () => {
    expect((await rejection(web.chat.postMessage({ channel, text: 'x'.repeat(40_001) }))).error).toBe('msg_too_long');
    expect((await rejection(web.chat.postMessage({ channel, text: '' }))).error).toBe('no_text');
    const badMeta = web.chat.postMessage({ channel, text: 'x', metadata: { event_type: 'x' } as never });
    expect((await rejection(badMeta)).error).toBe('invalid_metadata_format');
    expect(fake.violations.map((v) => v.error)).toEqual(['msg_too_long', 'no_text', 'invalid_metadata_format']);
  });
});

const modal = (overrides: object = {}) => ({
  type: 'modal' as const,
  title: plain('Ask GoodTime'),
  submit: plain('Send'),
  blocks: [{ type: 'input', block_id: 'q', label: plain('Question'), element: { type: 'plain_text_input', action_id: 'q' } }],
  ...overrides,
});

describe('view limits and trigger_ids', () => {
  it('rejects a 25-character modal title with the path and the rule', async () => {
    const res = await rejection(web.views.open({ trigger_id: fake.issueTriggerId(ana), view: modal({ title: plain('x'.repeat(25)) }) as never }));
    expect(res).toEqual({ error: 'invalid_arguments', messages: ['[ERROR] must be at most 24 characters (got 25) [json-pointer:/view/title/text]'] });
    await web.views.open({ trigger_id: fake.issueTriggerId(ana), view: modal({ title: plain('x'.repeat(24)) }) as never });
  });

  it.each([
    ['input blocks without submit', { submit: undefined }, '/view/submit'],
    ['submit over 24', { submit: plain('s'.repeat(25)) }, '/view/submit/text'],
    ['close over 24', { close: plain('c'.repeat(25)) }, '/view/close/text'],
    ['private_metadata over 3000', { private_metadata: 'm'.repeat(3001) }, '/view/private_metadata'],
    ['callback_id over 255', { callback_id: 'c'.repeat(256) }, '/view/callback_id'],
    ['101 blocks', { blocks: Array.from({ length: 101 }, () => ({ type: 'divider' })) }, '/view/blocks'],
    ['a label over 2000', { blocks: [{ type: 'input', label: plain('l'.repeat(2001)), element: { type: 'plain_text_input' } }] }, '/view/blocks/0/label/text'],
    ['a mrkdwn label', { blocks: [{ type: 'input', label: { type: 'mrkdwn', text: 'l' }, element: { type: 'plain_text_input' } }] }, '/view/blocks/0/label/type'],
    ['a missing type', { type: undefined }, '/view/type'],
  ])('rejects a modal with %s', async (_name, overrides, pointer) => {
    const res = await rejection(web.views.open({ trigger_id: fake.issueTriggerId(ana), view: modal(overrides) as never }));
    expect(res.error).toBe('invalid_arguments');
    expect(res.messages.join('\n')).toContain(`[json-pointer:${pointer}]`);
  });

  it('exchanges a trigger_id once, within 3 seconds', async () => {
    const trigger = fake.issueTriggerId(ana);
    const opened = await web.views.open({ trigger_id: trigger, view: modal() as never });
    expect(fake.openView(ana)?.id).toBe(opened.view?.id);
    expect((await rejection(web.views.open({ trigger_id: trigger, view: modal() as never }))).error).toBe('exchanged_trigger_id');
    expect((await rejection(web.views.open({ trigger_id: '123.456.abc', view: modal() as never }))).error).toBe('invalid_trigger_id');
    const old = fake.issueTriggerId(ana);
    fake.advanceTime(3001);
    expect((await rejection(web.views.open({ trigger_id: old, view: modal() as never }))).error).toBe('expired_trigger_id');
    expect(fake.violations).toHaveLength(0); // trigger problems are timing, not payload, errors
  });

  it('keeps a stack of at most 3 modals, checks hashes and publishes home tabs', async () => {
    const root = await web.views.open({ trigger_id: fake.issueTriggerId(ana), view: modal({ callback_id: 'root' }) as never });
    const pushed = await web.views.push({ trigger_id: fake.issueTriggerId(ana), view: modal({ callback_id: 'second' }) as never });
    expect(pushed.view).toMatchObject({ root_view_id: root.view?.id, previous_view_id: root.view?.id });
    await web.views.push({ trigger_id: fake.issueTriggerId(ana), view: modal() as never });
    expect((await rejection(web.views.push({ trigger_id: fake.issueTriggerId(ana), view: modal() as never }))).error).toBe('push_limit_reached');
    expect(fake.modalStack(ana).map((v) => v.callback_id)).toEqual(['root', 'second', '']);

    const id = root.view?.id as string;
    const updated = await web.views.update({ view_id: id, hash: root.view?.hash as string, view: modal({ title: plain('Updated') }) as never });
    expect(updated.view?.hash).not.toBe(root.view?.hash);
    expect((await rejection(web.views.update({ view_id: id, hash: root.view?.hash as string, view: modal() as never }))).error).toBe('hash_conflict');
    expect((await rejection(web.views.update({ view_id: 'V0NOPE', view: modal() as never }))).error).toBe('not_found');
    await web.views.update({ external_id: 'nope', view: modal() as never }).catch(() => undefined);

    await web.views.publish({ user_id: ana, view: { type: 'home', blocks: [section('Welcome')] } as never });
    expect(fake.home(ana)?.blocks[0]).toMatchObject({ type: 'section' });
    expect((await rejection(web.views.publish({ user_id: ana, view: modal() as never }))).error).toBe('invalid_arguments');
  });
});

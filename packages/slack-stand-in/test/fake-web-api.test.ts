// The fake answers a real @slack/web-api WebClient the way Slack does.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { WebClient } from '@slack/web-api';
import { silentLogger, startSlackFake } from '../src';
import type { SlackFake } from '../src';

let fake: SlackFake;
let web: WebClient;
let channel: string;
let ana: string;
let bo: string;

beforeAll(async () => {
  fake = await startSlackFake();
  ana = fake.addUser({ name: 'ana', real_name: 'Ana Lima', email: 'ana@example.com', tz: 'America/New_York' }).id;
  bo = fake.addUser({ name: 'bo', email: 'bo@example.com' }).id;
  channel = fake.addChannel({ name: 'goodtime-team', members: [ana, bo] }).id;
  web = new WebClient(fake.botToken, { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 }, logger: silentLogger() });
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

async function slackError(promise: Promise<unknown>): Promise<{ error: string; messages: string[] }> {
  try {
    await promise;
  } catch (e) {
    const data = (e as { data?: { error: string; response_metadata?: { messages?: string[] } } }).data;
    if (data) return { error: data.error, messages: data.response_metadata?.messages ?? [] };
    throw e;
  }
  throw new Error('expected the call to fail');
}

describe('auth and routing', () => {
  it('answers auth.test with the bot identity and rejects bad or missing tokens', async () => {
    const me = await web.auth.test();
    expect(me).toMatchObject({ ok: true, user_id: fake.botUserId, bot_id: fake.botId, team_id: fake.teamId });
    const wrong = new WebClient('xoxb-wrong', { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 }, logger: silentLogger() });
    expect((await slackError(wrong.auth.test())).error).toBe('invalid_auth');
    const res = await fetch(`${fake.apiUrl}auth.test`, { method: 'POST' });
    expect(await res.json()).toEqual({ ok: false, error: 'not_authed' });
    expect((await slackError(web.apiCall('nope.nothing'))).error).toBe('unknown_method');
  });

  it('accepts JSON bodies as well as form bodies', async () => {
    const res = await fetch(`${fake.apiUrl}chat.postMessage`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${fake.botToken}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ channel, text: 'json', blocks: [{ type: 'divider' }] }),
    });
    expect(await res.json()).toMatchObject({ ok: true, channel });
    expect(fake.messages(channel)[0]?.blocks?.[0]).toMatchObject({ type: 'divider' });
  });
});

describe('messages', () => {
  it('round-trips postMessage, update, thread replies, permalink and metadata', async () => {
    const metadata = { event_type: 'question_posted', event_payload: { question_id: 'q1' } };
    const posted = await web.chat.postMessage({ channel, text: 'Q: how?', metadata, unfurl_links: false });
    expect(posted.ts).toMatch(/^\d{10}\.\d{6}$/);
    const reply = await web.chat.postMessage({ channel, text: 'answer', thread_ts: posted.ts as string });
    expect(Number(reply.ts)).toBeGreaterThan(Number(posted.ts));
    await fake.userPostMessage(ana, channel, 'thanks', { threadTs: posted.ts as string });

    await web.chat.update({ channel, ts: posted.ts as string, text: 'Q: how? (answered)' });
    const stored = fake.message(channel, posted.ts as string);
    expect(stored).toMatchObject({ text: 'Q: how? (answered)', reply_count: 2, reply_users: [fake.botUserId, ana], unfurl_links: false });
    expect(stored?.edited?.user).toBe(fake.botUserId);

    const replies = await web.conversations.replies({ channel, ts: posted.ts as string });
    expect(replies.messages?.map((m) => m.text)).toEqual(['Q: how? (answered)', 'answer', 'thanks']);
    expect(fake.thread(channel, posted.ts as string).map((m) => m.text)).toEqual(['answer', 'thanks']);

    const link = await web.chat.getPermalink({ channel, message_ts: reply.ts as string });
    expect(link.permalink).toBe(`https://goodtime-test.slack.com/archives/${channel}/p${(reply.ts as string).replace('.', '')}?thread_ts=${posted.ts}&cid=${channel}`);

    const plain = await web.conversations.history({ channel });
    expect(plain.messages?.[0]?.metadata).toBeUndefined();
    const withMeta = await web.conversations.history({ channel, include_all_metadata: true });
    expect(withMeta.messages?.[0]?.metadata).toEqual(metadata);
  });

  it('pages history newest first with oldest/latest/limit/cursor', async () => {
    const ts: string[] = [];
    for (let i = 0; i < 5; i += 1) ts.push((await web.chat.postMessage({ channel, text: `m${i}` })).ts as string);
    const first = await web.conversations.history({ channel, limit: 2 });
    expect(first.messages?.map((m) => m.text)).toEqual(['m4', 'm3']);
    expect(first.has_more).toBe(true);
    const second = await web.conversations.history({ channel, limit: 2, cursor: first.response_metadata?.next_cursor as string });
    expect(second.messages?.map((m) => m.text)).toEqual(['m2', 'm1']);
    const window = await web.conversations.history({ channel, oldest: ts[1] as string, latest: ts[4] as string });
    expect(window.messages?.map((m) => m.text)).toEqual(['m3', 'm2']);
  });

  it('names errors as Slack does', async () => {
    const mine = await fake.userPostMessage(ana, channel, 'my message');
    expect((await slackError(web.chat.update({ channel, ts: mine.message.ts, text: 'x' }))).error).toBe('cant_update_message');
    expect((await slackError(web.chat.update({ channel, ts: '1.000001', text: 'x' }))).error).toBe('message_not_found');
    expect((await slackError(web.chat.postMessage({ channel: 'C0NOPE', text: 'x' }))).error).toBe('channel_not_found');
    const outside = fake.addChannel({ name: 'elsewhere', botMember: false }).id;
    expect((await slackError(web.chat.postMessage({ channel: outside, text: 'x' }))).error).toBe('not_in_channel');
    expect((await slackError(web.conversations.history({ channel: outside }))).error).toBe('not_in_channel');
    await web.conversations.join({ channel: outside });
    await web.chat.postMessage({ channel: outside, text: 'now I can' });
    const secret = fake.addChannel({ name: 'secret', is_private: true, botMember: false }).id;
    expect((await slackError(web.chat.postMessage({ channel: secret, text: 'x' }))).error).toBe('channel_not_found');
    expect((await slackError(web.users.info({ user: 'U0NOBODY' }))).error).toBe('user_not_found');
    const carol = fake.addUser({ name: 'carol' }).id;
    expect((await slackError(web.chat.postEphemeral({ channel, user: carol, text: 'x' }))).error).toBe('user_not_in_channel');
    expect((await slackError(web.chat.postMessage({ channel } as never))).error).toBe('no_text');
  });

  it('deletes, reacts and posts ephemerals', async () => {
    const posted = await web.chat.postMessage({ channel, text: 'card' });
    await web.reactions.add({ channel, timestamp: posted.ts as string, name: 'eyes' });
    expect((await slackError(web.reactions.add({ channel, timestamp: posted.ts as string, name: 'eyes' }))).error).toBe('already_reacted');
    await fake.userReact(ana, channel, posted.ts as string, 'eyes');
    const got = await web.reactions.get({ channel, timestamp: posted.ts as string });
    expect(got.message?.reactions).toEqual([{ name: 'eyes', users: [fake.botUserId, ana], count: 2 }]);
    await web.chat.postEphemeral({ channel, user: ana, text: 'only you' });
    expect(fake.ephemerals(ana).map((e) => e.text)).toEqual(['only you']);
    await web.chat.delete({ channel, ts: posted.ts as string });
    expect(fake.messages(channel)).toHaveLength(0);
  });
});

describe('people, DMs and groups', () => {
  it('knows users, DMs and user groups', async () => {
    const info = await web.users.info({ user: ana });
    expect(info.user).toMatchObject({ id: ana, name: 'ana', real_name: 'Ana Lima', tz: 'America/New_York', is_bot: false, profile: { email: 'ana@example.com' } });
    expect([-18000, -14400]).toContain(info.user?.tz_offset);
    const list = await web.users.list({});
    expect(list.members?.map((m) => m.id)).toEqual(expect.arrayContaining([fake.botUserId, ana, bo]));

    const dm1 = await web.conversations.open({ users: ana });
    const dm2 = await web.conversations.open({ users: ana });
    expect(dm1.channel?.id).toMatch(/^D/);
    expect(dm2.channel?.id).toBe(dm1.channel?.id);
    await web.chat.postMessage({ channel: dm1.channel?.id as string, text: 'hello ana' });
    await web.chat.postMessage({ channel: ana, text: 'via user id' });
    expect(fake.dms(ana).map((m) => m.text)).toEqual(['hello ana', 'via user id']);

    const group = fake.addUserGroup({ handle: 'goodtime-support', users: [ana, bo] });
    expect((await web.usergroups.users.list({ usergroup: group.id })).users).toEqual([ana, bo]);
    const members = await web.conversations.members({ channel });
    expect(members.members).toEqual(expect.arrayContaining([ana, bo, fake.botUserId]));
    expect((await web.conversations.info({ channel })).channel).toMatchObject({ id: channel, name: 'goodtime-team', is_member: true });
    expect((await web.team.info()).team?.id).toBe(fake.teamId);
    expect((await web.bots.info({ bot: fake.botId })).bot?.user_id).toBe(fake.botUserId);
  });
});

describe('faults', () => {
  it('makes a retrying WebClient wait out a 429 Retry-After and then succeed', async () => {
    const patient = new WebClient(fake.botToken, { slackApiUrl: fake.apiUrl, retryConfig: { retries: 2, minTimeout: 10, maxTimeout: 20 }, logger: silentLogger() });
    fake.failNext('chat.postMessage', { status: 429, retryAfter: 1 });
    const started = Date.now();
    const res = await patient.chat.postMessage({ channel, text: 'eventually' });
    expect(res.ok).toBe(true);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(fake.callsTo('chat.postMessage').map((c) => c.status)).toEqual([429, 200]);
    expect(fake.messages(channel)).toHaveLength(1);
  });

  it('injects 5xx and named errors, once or several times, for one method or all', async () => {
    fake.failNext('*', { status: 503 });
    await expect(web.auth.test()).rejects.toMatchObject({ code: 'slack_webapi_http_error', statusCode: 503 });
    fake.failNext('chat.update', { error: 'edit_window_closed' }, 2);
    const posted = await web.chat.postMessage({ channel, text: 'x' });
    for (let i = 0; i < 2; i += 1) {
      expect((await slackError(web.chat.update({ channel, ts: posted.ts as string, text: 'y' }))).error).toBe('edit_window_closed');
    }
    await web.chat.update({ channel, ts: posted.ts as string, text: 'y' });
  });

  it('rate-limits chat.postMessage per channel and per workspace', async () => {
    const strict = new WebClient(fake.botToken, { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true, logger: silentLogger() });
    fake.setRateLimits({ perChannelPerSecond: 1 });
    await strict.chat.postMessage({ channel, text: 'one' });
    await expect(strict.chat.postMessage({ channel, text: 'two' })).rejects.toMatchObject({ code: 'slack_webapi_rate_limited_error', retryAfter: 1 });
    await strict.chat.postMessage({ channel: ana, text: 'other channel is fine' });
    fake.setRateLimits({ workspacePerMinute: 2 });
    await strict.chat.postMessage({ channel, text: 'a' });
    await strict.chat.postMessage({ channel, text: 'b' });
    await expect(strict.chat.postMessage({ channel, text: 'c' })).rejects.toMatchObject({ code: 'slack_webapi_rate_limited_error' });
  });

  it('fails randomly but reproducibly with a seed, and adds latency', async () => {
    const outcomes = async () => {
      fake.reset();
      fake.setRandomFailures({ rate: 0.5, kinds: [429, 500] }, 7);
      const statuses: number[] = [];
      for (let i = 0; i < 20; i += 1) {
        const res = await fetch(`${fake.apiUrl}chat.postMessage`, { method: 'POST', headers: { Authorization: `Bearer ${fake.botToken}`, 'Content-Type': 'application/json' }, body: JSON.stringify({ channel, text: 'x' }) });
        statuses.push(res.status);
      }
      return statuses;
    };
    const first = await outcomes();
    expect(first).toEqual(await outcomes());
    expect(first.filter((s) => s !== 200).length).toBeGreaterThan(3);
    expect(first).toContain(429);
    fake.reset();
    fake.setLatency(150);
    const started = Date.now();
    await web.auth.test();
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });
});

describe('response_url', () => {
  it('records respond() posts as ephemerals, in_channel messages and replacements', async () => {
    const card = await web.chat.postMessage({ channel, text: 'card', blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'Open question' } }] });
    const post = (url: string, body: object) => fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    const url = fake.newResponseUrl(ana, channel);
    expect(url).toMatch(new RegExp(`^${fake.baseUrl}/response/`));
    expect((await post(url, { text: 'just for you' })).status).toBe(200);
    await post(url, { text: 'for everyone', response_type: 'in_channel' });
    expect(fake.ephemerals(ana).map((e) => e.text)).toEqual(['just for you']);
    expect(fake.messages(channel).map((m) => m.text)).toEqual(['card', 'for everyone']);

    const fromCard = fake.newResponseUrl(ana, channel, { messageTs: card.ts as string });
    await post(fromCard, { replace_original: true, text: 'Answered' });
    expect(fake.message(channel, card.ts as string)).toMatchObject({ text: 'Answered' });
    expect(fake.message(channel, card.ts as string)?.blocks).toBeUndefined();
    const bad = await post(url, { blocks: [{ type: 'header', text: { type: 'mrkdwn', text: 'x' } }] });
    expect(bad.status).toBe(400);
    expect(fake.violations.at(-1)).toMatchObject({ method: 'response_url', error: 'invalid_blocks' });
    for (let i = 0; i < 2; i += 1) await post(url, { text: 'more' });
    expect((await post(url, { text: 'sixth' })).status).toBe(404);
  });
});

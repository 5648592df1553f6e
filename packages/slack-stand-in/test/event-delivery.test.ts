// The fake delivers Events API callbacks like Slack: signed, unique event_id, retries with retry headers.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { verifySlackRequest } from '@slack/bolt';
import { WebClient } from '@slack/web-api';
import { startSlackFake } from '../src';
import type { SlackFake } from '../src';

const signingSecret = 'delivery-secret';
let fake: SlackFake;
let server: Server;
let url: string;
const received: { headers: Record<string, string | string[] | undefined>; body: Record<string, unknown> }[] = [];
let failFirst = 0;

beforeAll(async () => {
  fake = await startSlackFake();
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      verifySlackRequest({
        signingSecret, body,
        headers: { 'x-slack-signature': String(req.headers['x-slack-signature']), 'x-slack-request-timestamp': Number(req.headers['x-slack-request-timestamp']) },
      });
      received.push({ headers: req.headers, body: JSON.parse(body) as Record<string, unknown> });
      res.writeHead(failFirst-- > 0 ? 500 : 200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`;
});
afterAll(async () => {
  await fake.close();
  await new Promise((resolve) => server.close(resolve));
});

it('signs envelopes, retries failed deliveries with the same event_id, and can deliver the bot own messages', async () => {
  const ana = fake.addUser({ name: 'ana' }).id;
  const channel = fake.addChannel({ name: 'team', members: [ana] }).id;
  fake.connectApp({ url, signingSecret, retryDelaysMs: [0, 10], deliverBotMessages: true });

  failFirst = 1;
  const { delivery } = await fake.userPostMessage(ana, channel, `hi <@${fake.botUserId}>`);
  expect(delivery?.status).toBe(200);
  const [first, retry, mention] = received;
  expect(first?.body).toMatchObject({ type: 'event_callback', team_id: fake.teamId, api_app_id: fake.appId, event: { type: 'message', user: ana, channel } });
  expect(first?.body.authorizations).toEqual([{ enterprise_id: null, team_id: fake.teamId, user_id: fake.botUserId, is_bot: true, is_enterprise_install: false }]);
  expect(retry?.body.event_id).toBe(first?.body.event_id);
  expect(retry?.headers).toMatchObject({ 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_error' });
  expect(mention?.body).toMatchObject({ event: { type: 'app_mention', user: ana } });
  expect(mention?.body.event_id).not.toBe(first?.body.event_id);
  expect(fake.deliveries.map((d) => [d.attempt, d.status])).toEqual([[0, 500], [1, 200], [0, 200]]);

  const web = new WebClient(fake.botToken, { slackApiUrl: fake.apiUrl });
  await web.chat.postMessage({ channel, text: 'from the bot' });
  await fake.eventsIdle();
  expect(received.at(-1)?.body).toMatchObject({ event: { type: 'message', user: fake.botUserId, bot_id: fake.botId, text: 'from the bot' } });
});

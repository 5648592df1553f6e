// The exactly-once publisher against the Slack stand-in: one message per key, whatever Slack answers, and never a
// blind second post when an earlier attempt may have landed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { WebClient } from '@slack/web-api';
import type { Connection } from 'mongoose';
import { startSlackFake, type SlackFake } from '@goodtime-help/slack-stand-in';
import { createManualClock } from '../../src/clock';
import { createPublicationStore } from '../../src/delivery/publication-store';
import { createPublisher, PublicationPending, type Publisher } from '../../src/delivery/publisher';
import { startTestConnection } from '../support/database';

describe('the exactly-once publisher', () => {
  let database: Awaited<ReturnType<typeof startTestConnection>>;
  let connection: Connection;
  let fake: SlackFake;
  let channel: string;
  let publisher: Publisher;
  const clock = createManualClock(DateTime.now());

  beforeAll(async () => {
    database = await startTestConnection();
    connection = database.connection;
    fake = await startSlackFake();
    channel = fake.addChannel({ name: 'publishing' }).id;
    const web = new WebClient(fake.botToken, { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true });
    publisher = createPublisher({ web, store: createPublicationStore(connection), clock });
  });
  afterAll(async () => {
    await fake?.close();
    await database?.stop();
  });

  const texts = () => fake.messages(channel).map((m) => m.text);
  const later = () => clock.advance(60_000); // past any lease

  it('when the same key is published twice, then Slack gets one message and both calls say where it is', async () => {
    const first = await publisher.publish('k:twice', { channel }, { text: 'twice?' });
    const second = await publisher.publish('k:twice', { channel }, { text: 'twice?' });
    expect(second).toEqual(first);
    expect(texts().filter((t) => t === 'twice?')).toHaveLength(1);
    expect(await createPublicationStore(connection).get('k:twice')).toMatchObject({ posted: first });
  });

  it('when Slack posts it but the answer is lost (500), then the next attempt finds it by its metadata instead of posting again', async () => {
    fake.failNext('chat.postMessage', { status: 500, applied: true });
    await expect(publisher.publish('k:lost-answer', { channel }, { text: 'answer lost' })).rejects.toThrow();
    expect(texts().filter((t) => t === 'answer lost')).toHaveLength(1);
    later();
    const found = await publisher.publish('k:lost-answer', { channel }, { text: 'answer lost' });
    expect(texts().filter((t) => t === 'answer lost')).toHaveLength(1);
    expect(fake.message(channel, found.ts)?.text).toBe('answer lost');
  });

  it('when the look-up for an attempt in doubt fails (429, then 503), then nothing is posted until a look-up succeeds', async () => {
    fake.failNext('chat.postMessage', { status: 503, applied: true });
    await expect(publisher.publish('k:doubt', { channel }, { text: 'in doubt' })).rejects.toThrow();
    later();
    fake.failNext('conversations.history', { status: 429, retryAfter: 1 });
    await expect(publisher.publish('k:doubt', { channel }, { text: 'in doubt' })).rejects.toBeInstanceOf(PublicationPending);
    later();
    fake.failNext('conversations.history', { status: 503 });
    await expect(publisher.publish('k:doubt', { channel }, { text: 'in doubt' })).rejects.toBeInstanceOf(PublicationPending);
    expect(texts().filter((t) => t === 'in doubt')).toHaveLength(1);
    later();
    await publisher.publish('k:doubt', { channel }, { text: 'in doubt' });
    expect(texts().filter((t) => t === 'in doubt')).toHaveLength(1);
  });

  it('when Slack refuses the post (429 or an error), then nothing was posted and the next attempt posts it once', async () => {
    fake.failNext('chat.postMessage', { status: 429, retryAfter: 1 });
    await expect(publisher.publish('k:refused', { channel }, { text: 'refused once' })).rejects.toThrow();
    fake.failNext('chat.postMessage', { error: 'channel_not_found' });
    await expect(publisher.publish('k:refused', { channel }, { text: 'refused once' })).rejects.toThrow();
    expect(texts()).not.toContain('refused once');
    await publisher.publish('k:refused', { channel }, { text: 'refused once' });
    expect(texts().filter((t) => t === 'refused once')).toHaveLength(1);
  });

  it('when two callers publish the same key at once, then one posts and the other is told it is pending', async () => {
    fake.setLatency(300, 'chat.postMessage');
    const results = await Promise.allSettled([
      publisher.publish('k:race', { channel }, { text: 'raced' }),
      publisher.publish('k:race', { channel }, { text: 'raced' }),
    ]);
    fake.setLatency(0, 'chat.postMessage');
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(results.find((r) => r.status === 'rejected')).toMatchObject({ reason: expect.any(PublicationPending) });
    expect(texts().filter((t) => t === 'raced')).toHaveLength(1);
  });

  it('when it is a DM, then it lands in the person’s DM with the app, once', async () => {
    const user = fake.addUser({ name: 'dana', real_name: 'Dana Doe', email: 'dana@example.com' }).id;
    await publisher.publishDm('k:dm', user, { text: 'hello Dana' });
    await publisher.publishDm('k:dm', user, { text: 'hello Dana' });
    expect(fake.dms(user).map((m) => m.text)).toEqual(['hello Dana']);
  });
});

// A broadcast delivery that may already be in Slack (a crash or a 5xx after posting) is looked up before it is sent
// again; when the look-up itself fails, it stays in doubt and nothing is posted.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebClient } from '@slack/web-api';
import { startSlackFake, type SlackFake } from '@goodtime-help/slack-stand-in';
import { createDeliverySender } from '../../src/broadcast/broadcast-notifier';
import { newDelivery, type Delivery } from '../../src/broadcast/broadcast';
import type { Incident } from '../../src/incidents/incident';

const silent = { info: () => {}, warn: () => {}, error: () => {}, debug: () => {}, child: () => silent } as never;

describe('a broadcast delivery in doubt', () => {
  let fake: SlackFake;
  let channel: string;
  const at = new Date();
  const incident: Incident = {
    id: 'abcdefabcdefabcdefabcdef',
    title: 'Calendar sync is delayed',
    impact: 'partial',
    areas: ['Calendar sync'],
    status: 'investigating',
    declaredBy: 'U0LIA',
    declaredAt: at,
    lastUpdateAt: at,
    updates: [{ seq: 0, status: 'investigating', message: 'Looking into it', by: 'U0LIA', at, originKey: 'v0' }],
    plannedSeq: 0,
    publishedSeq: -1,
    confirmations: [],
  };

  beforeAll(async () => {
    fake = await startSlackFake({ chatWritePublic: true });
    channel = fake.addChannel({ name: 'office' }).id;
  });
  afterAll(async () => fake?.close());

  const sender = () =>
    createDeliverySender({
      web: new WebClient(fake.botToken, { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true }),
      store: { recordPosted: async () => null, atSeq: async () => null } as never,
      loadIncident: async () => incident,
      logger: silent,
    });
  const delivery = (): Delivery => ({
    ...newDelivery({ incidentId: incident.id, kind: 'root', seq: 0, target: { key: `channel:${channel}`, place: 'channel', channel, reason: 'subscribed' }, state: 'pending', now: at }),
    inDoubt: true,
    firstAttemptAt: at,
  });
  const roots = () => fake.messages(channel).length;

  it('when the look-up is rate limited or fails, then it is retried still in doubt and nothing is posted', async () => {
    fake.failNext('conversations.history', { status: 429, retryAfter: 2 });
    expect(await sender().send(delivery(), 'i1')).toMatchObject({ kind: 'retry', inDoubt: true, rateLimited: true, retryAfterSeconds: 2 });
    fake.failNext('conversations.history', { status: 503 });
    expect(await sender().send(delivery(), 'i1')).toMatchObject({ kind: 'retry', inDoubt: true });
    expect(roots()).toBe(0);
  });

  it('when the look-up is refused for good, then it fails instead of posting a possible second copy', async () => {
    fake.failNext('conversations.history', { error: 'missing_scope' });
    expect(await sender().send(delivery(), 'i1')).toMatchObject({ kind: 'failed', error: 'unverifiable_missing_scope' });
    expect(roots()).toBe(0);
  });

  it('when the look-up succeeds and finds nothing, then it is posted once', async () => {
    expect(await sender().send(delivery(), 'i1')).toMatchObject({ kind: 'sent' });
    expect(roots()).toBe(1);
    expect(await sender().send(delivery(), 'i1')).toMatchObject({ kind: 'sent' });
    expect(roots()).toBe(1);
  });
});

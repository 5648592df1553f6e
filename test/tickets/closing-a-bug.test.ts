import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app';
import { waitFor } from '@goodtime-help/slack-stand-in';
import type { FakeMessage } from '@goodtime-help/slack-stand-in';
import { sendSupportWebhook } from './support-webhook-client';
import { cardNow, cardRef, fileTicket, ticketThread, waitForThreadReply } from './ticket-helpers';

const SECRET = 'closing-a-bug-webhook-secret-0123';

describe('a fixed bug on hold closes when its reporter confirms, not before', () => {
  let t: TestApp;
  let card: FakeMessage;
  let key: string;
  beforeAll(async () => {
    t = await startTestApp({ SUPPORT_WEBHOOK_SECRET: SECRET });
    card = await fileTicket(t, t.lia, {
      summary: 'Reschedule links open an empty page',
      fields: { 'What were you trying to do?': 'Reschedule an onsite', 'What actually happened?': 'Blank page', 'Interviews affected': 'Many interviews', 'Who is affected?': 'The whole organisation', 'When does it happen?': 'Happening right now', 'Reported by': t.ana.id },
    });
    key = /^(GT-\d+)/.exec(card.text)?.[1] as string;
    await waitFor(() => t.ana.dms().find((m) => m.text.includes(key))); // "filed for you": the card is recorded
    expect((await sendSupportWebhook(t.app.url, SECRET, { ticket: key, phase: 'on-hold' })).body).toEqual({ ok: true, ticket: key, phase: 'on-hold' });
    await waitFor(() => t.ana.dms().find((m) => m.text.includes('Does it work for you now?')));
    await waitFor(() => expect(cardNow(t, card)).toContain('to confirm the fix'));
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('when Support’s webhook says "closed" while the reporter has not answered, then it is refused with the reason and nothing changes', async () => {
    const before = { card: cardNow(t, card), thread: ticketThread(t, card).length };
    const closed = await sendSupportWebhook(t.app.url, SECRET, { ticket: key, phase: 'closed' });
    expect(closed.status).toBe(409);
    expect(closed.body.reasons?.[0]).toContain('until the reporter confirms it works');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect({ card: cardNow(t, card), thread: ticketThread(t, card).length }).toEqual(before);
    t.fake.expectNoViolations();
  });

  it('when a liaison closes it from "Change phase", then a reason is asked for under the field, and the close is posted with it', async () => {
    await t.lia.clickButton('Change phase…', cardRef(t, card));
    const modal = await waitFor(async () => {
      const m = await t.lia.waitForModal({ title: `Move ${key}` });
      return m.text().includes('Move to') ? m : undefined;
    });
    await modal.fill('Move to', 'Closed');
    const refused = await modal.submit();
    expect(refused.outcome).toBe('errors');
    expect(refused.errorsByLabel.Reason).toContain('until the reporter confirms it works');
    expect(cardNow(t, card)).toContain('to confirm the fix');

    await modal.fill('Reason', 'Ana confirmed on a call; she is out this week.');
    expect((await modal.submit()).outcome).toBe('closed');
    await waitForThreadReply(t, card, 'Ana confirmed on a call');
    await waitFor(() => expect(cardNow(t, card)).toContain('*Closed*'));
    t.fake.expectNoViolations();
  });

  it('when it is closed, then the reporter is asked once whether it helped, and only they can answer', async () => {
    const asks = () => t.ana.dms().filter((m) => m.text.includes(`is closed. Did GoodTime Support's help solve it for you?`));
    const ask = await waitFor(() => asks()[0]);
    expect(asks()).toHaveLength(1);
    await t.ben.clickButton('👎 Not really', { channel: ask.channel, ts: ask.ts }).catch(() => undefined); // not Ben's to answer
    await waitFor(() => t.ben.ephemerals().find((e) => e.text.includes("reporter is asked to rate it")));
    await t.ana.clickButton('👍 Yes', { channel: ask.channel, ts: ask.ts });
    await waitFor(() => t.fake.message(ask.channel, ask.ts)?.text.includes('glad'));
    const stored = await t.app.connection.collection('tickets').findOne({ key });
    expect(stored?.feedback?.rating).toBe('up');
  });
});

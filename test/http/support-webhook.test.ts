import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app';
import { waitFor } from '@goodtime-help/slack-stand-in';
import { actionFor, blockActionsFromMessage } from '@goodtime-help/slack-stand-in';
import { findButton } from '@goodtime-help/slack-stand-in';
import type { FakeMessage } from '@goodtime-help/slack-stand-in';
import { cardNow, fileTicket, ticketThread, waitForThreadReply } from '../tickets/ticket-helpers';
import { postWebhook, sendSupportWebhook, signedHeaders } from '../tickets/support-webhook-client';

const SECRET = 'another-webhook-secret-0123456789';

describe('POST /webhooks/support: signed phase updates from the vendor, and repeats that change nothing', () => {
  let t: TestApp;
  let card: FakeMessage;
  let key: string;
  beforeAll(async () => {
    t = await startTestApp({ SUPPORT_WEBHOOK_SECRET: SECRET });
    card = await fileTicket(t, t.lia, {
      type: 'Other question',
      summary: 'How are buffer times applied to back-to-back panels?',
      fields: { 'Your question': 'Do buffers apply between panels on the same day?', 'Reported by': t.ana.id },
    });
    key = /^(GT-\d+)/.exec(card.text)?.[1] as string;
    await waitFor(() => t.ana.dms().length === 1); // "filed for you"
  });
  afterAll(async () => {
    await t?.stop();
  });

  const snapshot = () => ({ card: cardNow(t, card), thread: ticketThread(t, card).length, dms: t.ana.dms().length, channel: t.fake.messages(t.teamChannel).length });

  it('when a request is unsigned, wrongly signed, stale, malformed or oversize, then it gets 401, 401, 401, 400 or 413 and nothing changes', async () => {
    const before = snapshot();
    const body = JSON.stringify({ ticket: key, phase: 2 });
    const now = Math.floor(Date.now() / 1000);

    const unsigned = await postWebhook(t.app.url, body, {});
    expect(unsigned.status).toBe(401);
    expect(unsigned.body.reasons).toEqual(['missing X-Goodtime-Timestamp or X-Goodtime-Signature']);
    const forged = await postWebhook(t.app.url, body, signedHeaders('not-the-secret-at-all-0000', body));
    expect(forged).toEqual({ status: 401, body: { ok: false, error: 'invalid_signature', reasons: ['signature does not match'] } });
    const tampered = await postWebhook(t.app.url, JSON.stringify({ ticket: key, phase: 3 }), signedHeaders(SECRET, body));
    expect(tampered.status).toBe(401);
    const stale = await postWebhook(t.app.url, body, signedHeaders(SECRET, body, now - 6 * 60));
    expect(stale.body.reasons).toEqual(['timestamp is more than 5 minutes away']);
    expect(stale.status).toBe(401);

    const notJson = await postWebhook(t.app.url, '{"ticket":', signedHeaders(SECRET, '{"ticket":'));
    expect(notJson).toEqual({ status: 400, body: { ok: false, error: 'invalid_body', reasons: ['body is not JSON'] } });
    const malformed = JSON.stringify({ ticket: 'gt 1042', phase: 0, extra: true });
    const invalid = await postWebhook(t.app.url, malformed, signedHeaders(SECRET, malformed));
    expect(invalid.status).toBe(400);
    expect(invalid.body.reasons).toEqual(expect.arrayContaining([
      'ticket: expected a ticket key such as "GT-1042"',
      expect.stringMatching(/^phase: /),
      expect.stringMatching(/^body: Unrecognized key/),
    ]));
    const huge = JSON.stringify({ ticket: key, phase: 2, note: 'x'.repeat(70 * 1024) });
    const oversize = await postWebhook(t.app.url, huge, signedHeaders(SECRET, huge));
    expect(oversize.status).toBe(413);

    expect(snapshot()).toEqual(before);
    t.fake.expectNoViolations();
  });

  it('when the ticket is unknown or the move is not allowed, then 404 or 409 with the reason, and nothing changes', async () => {
    const before = snapshot();
    const unknown = await sendSupportWebhook(t.app.url, SECRET, { ticket: 'GT-9999', phase: 2 });
    expect(unknown).toEqual({ status: 404, body: { ok: false, error: 'unknown_ticket', reasons: ['no ticket GT-9999'] } });
    const noSuchPhase = await sendSupportWebhook(t.app.url, SECRET, { ticket: key, phase: 7 });
    expect(noSuchPhase.status).toBe(409);
    expect(noSuchPhase.body.reasons?.[0]).toContain('has phases 1 to 3');
    const onHold = await sendSupportWebhook(t.app.url, SECRET, { ticket: key, phase: 'on-hold' });
    expect(onHold.status).toBe(409);
    expect(snapshot()).toEqual(before);

    expect((await sendSupportWebhook(t.app.url, SECRET, { ticket: key, phase: 3 })).body).toEqual({ ok: true, ticket: key, phase: 3 });
    const back = await sendSupportWebhook(t.app.url, SECRET, { ticket: key, phase: 2 });
    expect(back).toEqual({ status: 409, body: { ok: false, error: 'move_not_allowed', reasons: ['Moving back from Phase 3 (Response Sent!) to Phase 2 (Under Review by Support Team) needs a reason.'] } });
    const withNote = await sendSupportWebhook(t.app.url, SECRET, { ticket: key, phase: 2, note: 'The customer asked a follow-up question.' });
    expect(withNote.body).toEqual({ ok: true, ticket: key, phase: 2 });
    await waitFor(() => ticketThread(t, card).some((m) => m.includes('The customer asked a follow-up question.')));
    t.fake.expectNoViolations();
  });

  it('when the same update arrives twice, then the second answers 200 and changes nothing', async () => {
    const update = { ticket: key, phase: 3, note: 'Answered by email.', vendorTicketId: 'ZD-777' };
    expect((await sendSupportWebhook(t.app.url, SECRET, update)).body).toEqual({ ok: true, ticket: key, phase: 3 });
    await waitFor(() => expect(cardNow(t, card)).toContain('Support ticket ZD-777'));
    const before = snapshot();
    const again = await Promise.all([sendSupportWebhook(t.app.url, SECRET, update), sendSupportWebhook(t.app.url, SECRET, update)]);
    // A byte-identical request is a replay (answered from memory); one signed anew is a repeat of the same move.
    for (const response of again) expect(response).toMatchObject({ status: 200, body: { ok: true, ticket: key } });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(snapshot()).toEqual(before);
    t.fake.expectNoViolations();
  });

  it('when Slack delivers the same "Next" click twice, or two clicks race, then the ticket moves once', async () => {
    const before = ticketThread(t, card).length;
    const message = t.fake.message(t.teamChannel, card.ts) as FakeMessage;
    const { block, element } = findButton(message.blocks ?? [], 'Next: Closed', 'the card');
    const payload = blockActionsFromMessage(t.fake.ws, {
      user: t.lia.id, channel: t.teamChannel, message, action: actionFor(t.fake.ws, block, element),
      triggerId: t.fake.issueTriggerId(t.lia.id), responseUrl: t.fake.newResponseUrl(t.lia.id, t.teamChannel, { messageTs: card.ts }),
    });
    const responses = await Promise.all([t.client.interaction(payload), t.client.interaction(payload), t.lia.clickButton('Next: Closed', { channel: t.teamChannel, ts: card.ts })]);
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200]);
    await waitFor(() => expect(cardNow(t, card)).toContain('*Closed*'));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(ticketThread(t, card).length).toBe(before + 1);
    t.fake.expectNoViolations();
  });

  it('when the helpdesk retries an update after a liaison moved the ticket on, then the retry changes nothing', async () => {
    const other = await fileTicket(t, t.lia, {
      type: 'Other question',
      summary: 'Can panels mix remote and onsite interviewers?',
      fields: { 'Your question': 'Is a hybrid panel supported in one invite?', 'Reported by': t.ana.id },
    });
    const otherKey = /^(GT-\d+)/.exec(other.text)?.[1] as string;
    await waitFor(() => t.ana.dms().find((m) => m.text.includes(otherKey))); // "filed for you": the card is recorded
    const update = { ticket: otherKey, phase: 2, note: 'Looking into hybrid panels.' };
    expect((await sendSupportWebhook(t.app.url, SECRET, update)).body).toEqual({ ok: true, ticket: otherKey, phase: 2 });
    await waitFor(() => expect(cardNow(t, other)).toContain('*Phase 2 of 3'));
    await t.lia.clickButton('Next: Phase 3 — Response Sent!', { channel: t.teamChannel, ts: other.ts });
    await waitFor(() => expect(cardNow(t, other)).toContain('*Phase 3 of 3'));
    await waitForThreadReply(t, other, 'Phase 3 of 3 — Response Sent!');
    const before = { card: cardNow(t, other), thread: ticketThread(t, other).length };

    const retry = await sendSupportWebhook(t.app.url, SECRET, update);
    expect(retry).toEqual({ status: 200, body: { ok: true, ticket: otherKey, phase: 3 } });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect({ card: cardNow(t, other), thread: ticketThread(t, other).length }).toEqual(before);
    t.fake.expectNoViolations();
  });

  it('when SUPPORT_WEBHOOK_SECRET is not set, then there is no webhook at all', async () => {
    await t.restart({ SUPPORT_WEBHOOK_SECRET: '' });
    const response = await sendSupportWebhook(t.app.url, SECRET, { ticket: key, phase: 1 });
    expect(response.status).toBe(404);
    expect(cardNow(t, card)).toContain('*Closed*');
    t.fake.expectNoViolations();
  });
});

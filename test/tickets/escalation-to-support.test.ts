import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app';
import { waitFor } from '@goodtime-help/slack-stand-in';
import type { FakeMessage } from '@goodtime-help/slack-stand-in';
import { startSmtpInbox, type SmtpInbox } from '../delivery/smtp-inbox';
import { sendSupportWebhook } from './support-webhook-client';
import { cardNow, cardRef, fileTicket, ticketThread, waitForThreadReply } from './ticket-helpers';

const SECRET = 'webhook-secret-for-tests-0123456789';

describe('a question nobody answers becomes a GoodTime Support ticket that follows the vendor phases', () => {
  let t: TestApp;
  let inbox: SmtpInbox;
  beforeAll(async () => {
    inbox = await startSmtpInbox();
    t = await startTestApp({
      SMTP_URL: inbox.url,
      MAIL_FROM: 'goodtime-help <help@acme.test>',
      SUPPORT_WEBHOOK_SECRET: SECRET,
      QUESTION_ESCALATE_AFTER: '3s',
      OUTBOX_RETRY_BASE: '200ms',
      PRODUCT_BOARD_URL: 'https://feedback.goodtime.io/board',
    });
  });
  afterAll(async () => {
    await t?.stop();
    await inbox?.stop();
  });

  let bugCard: FakeMessage;
  const webhook = (body: object) => sendSupportWebhook(t.app.url, SECRET, body);
  const cardIn = (question: FakeMessage) =>
    waitFor(() => t.fake.thread(t.teamChannel, question.ts).find((m) => /^Escalated to GoodTime Support as GT-\d+ · /.test(m.text)), { timeout: 15_000, message: 'ticket card in the question thread' });
  const cardText = (card: FakeMessage) => t.render(t.fake.thread(t.teamChannel, card.thread_ts ?? card.ts).find((m) => m.ts === card.ts));

  it('when the SLA runs out, then a ticket card appears in the question thread and Support receives an email with every field', async () => {
    const question = await t.ask(t.ana, 'Panel invites go out twice to every interviewer since this morning', {
      Category: 'Bug or data issue',
      'Interview URL': 'https://app.goodtime.io/interviews/4711',
      Candidate: 'Ada Lovelace <ada@example.com>',
      Position: 'Staff Engineer',
      'Error message': 'Duplicate event detected',
    });
    const card = await cardIn(question);
    bugCard = card;
    const text = cardText(card);
    expect(text).toContain('*GT-1001* · Bug or data issue · *S3 Medium*');
    expect(text).toContain('Panel invites go out twice to every interviewer since this morning');
    expect(text).toContain('Reported by @ana · filed by the internal SLA');
    expect(text).toContain('*Phase 1 of 4 — Request Received*  ●○○○');
    expect(text).toMatch(/GoodTime should acknowledge it by \w{3} \d+ \w{3} \d{4}, \d\d:\d\d UTC/);
    expect(text).toContain('[Next: Phase 2 — Under Review by Support Team]');

    const [mail] = await inbox.waitForMessages(1);
    expect(mail?.to).toEqual(['support@goodtime.io']);
    expect(mail?.from).toBe('help@acme.test');
    expect(mail?.subject).toBe('[GT-1001][P2] Bug: Panel invites go out twice to every interviewer since this morning');
    expect(mail?.messageId).toMatch(/^<gt-1001\.[0-9a-f]{24}@goodtime-help>$/);
    const body = mail?.text ?? '';
    for (const line of [
      'GT-1001 — Bug: Panel invites go out twice',
      'Type: Bug or data issue',
      'Priority: P2 — Minor function broken, workaround exists (our severity S3 Medium)',
      'Reported by: ana',
      'Filed by: the internal SLA (nobody on the project team answered in time)',
      'Acknowledgement target:',
      'Current phase: Phase 1 of 4 — Request Received',
      'Interview URL\n  https://app.goodtime.io/interviews/4711',
      'What actually happened?\n  Panel invites go out twice to every interviewer since this morning',
      'Error messages\n  Duplicate event detected',
      'Candidate names and emails\n  Ada Lovelace <ada@example.com>',
      'Position\n  Staff Engineer',
      'Not answered: ',
      'Ticket thread in Slack: https://',
      'Original question in Slack: https://',
    ]) {
      expect(body).toContain(line);
    }
    await waitFor(() => expect(cardText(card)).toMatch(/Emailed to support@goodtime\.io \w{3} \d+/));
    await waitFor(() => expect(t.teamMessage(question.ts)).toContain('GT-1001'));
    const dm = await waitFor(() => t.ana.dms().find((m) => m.text.includes('went to GoodTime Support as')));
    expect(dm.text).toContain('GT-1001');
    expect(t.fake.thread(t.teamChannel, question.ts).filter((m) => m.text.includes('GoodTime Support as GT-'))).toHaveLength(1);
    // Logs carry ids, never what people wrote or who they are.
    const logs = t.logs.join('\n');
    expect(logs).toContain('"key":"GT-1001"');
    for (const secret of ['Panel invites go out twice', 'ada@example.com', 'Ada Lovelace', 'support@goodtime.io', inbox.url, SECRET]) expect(logs).not.toContain(secret);
    t.fake.expectNoViolations();
  });

  it('when a liaison and the support webhook move the bug, then each phase is posted with its meaning, timeframe and next steps', async () => {
    const before = ticketThread(t, bugCard).length;
    await t.lia.clickButton('Next: Phase 2 — Under Review by Support Team', cardRef(t, bugCard));
    const phase2 = await waitForThreadReply(t, bugCard, 'Phase 2 of 4 — Under Review by Support Team');
    expect(phase2).toContain('What it means:* The Team is reviewing, documenting, and investigating the reported issue.');
    expect(phase2).toContain('Average timeframe:* 4 Business Days - 10 Business Days');
    expect(phase2).toContain('Next steps:* You will receive updates with any additional questions needed');
    expect(phase2).toContain('by @lia');
    expect(cardNow(t, bugCard)).toContain('*Phase 2 of 4 — Under Review by Support Team*  ●●○○');
    expect(cardNow(t, bugCard)).toMatch(/GoodTime acknowledged it/);
    await waitFor(() => t.ana.dms().find((m) => m.text.includes('is now at *Phase 2 of 4 — Under Review by Support Team*')));
    await waitFor(() => t.fake.messages(t.teamChannel).find((m) => m.text.includes('→ *Phase 2 of 4 — Under Review by Support Team*')));

    const moved = await webhook({ ticket: 'GT-1001', phase: 3, note: 'Reproduced: the invite job runs twice.', vendorTicketId: 'ZD-5501' });
    expect(moved).toEqual({ status: 200, body: { ok: true, ticket: 'GT-1001', phase: 3 } });
    const phase3 = await waitForThreadReply(t, bugCard, 'Phase 3 of 4 — Bug Identified');
    expect(phase3).toContain('Average timeframe:* 1 - 10 Business Days');
    expect(phase3).toContain('by Support (webhook)');
    expect(phase3).toContain('Reproduced: the invite job runs twice.');
    await waitFor(() => expect(cardNow(t, bugCard)).toContain('Support ticket ZD-5501'));

    const threadLength = ticketThread(t, bugCard).length;
    const repeat = await webhook({ ticket: 'GT-1001', phase: 3, note: 'Reproduced: the invite job runs twice.', vendorTicketId: 'ZD-5501' });
    expect(repeat).toEqual({ status: 200, body: { ok: true, ticket: 'GT-1001', phase: 3 } });
    const byName = await webhook({ ticket: 'GT-1001', phase: 'Resolution Plan Determined' });
    expect(byName.body.phase).toBe(4);
    const phase4 = await waitForThreadReply(t, bugCard, 'Phase 4 of 4 — Resolution Plan Determined');
    expect(phase4).toContain('Average timeframe:* none given');
    expect(phase4).toContain("Next steps:* You will receive an email when we confirm the fix on production.");
    expect(ticketThread(t, bugCard).length).toBe(threadLength + 1);
    expect(before).toBeLessThan(threadLength);
    t.fake.expectNoViolations();
  });

  it('when a bug is fixed, then it waits on hold for the reporter: "still broken" reopens it, "fixed" closes it', async () => {
    await t.ben.clickButton('Me too', cardRef(t, bugCard));
    await waitFor(() => expect(cardNow(t, bugCard)).toContain('2 people have this'));
    await t.lia.clickButton('Next: On hold — awaiting confirmation', cardRef(t, bugCard));
    const onHold = await waitForThreadReply(t, bugCard, 'On hold — awaiting confirmation');
    expect(onHold).toContain('to confirm the fix');
    const ask = await waitFor(() => t.ana.dms().find((m) => m.text.includes('is fixed. Does it work for you now?')));
    await waitFor(() => t.ben.dms().find((m) => m.text.includes('is fixed. Does it work for you now?')));
    expect(cardNow(t, bugCard)).toContain('Waiting for @ana, @ben to confirm the fix');
    expect(cardNow(t, bugCard)).not.toContain('[Next:');

    await t.ana.clickButton('Still broken', { channel: ask.channel, ts: ask.ts });
    const reopened = await waitForThreadReply(t, bugCard, 'The reporter says it is still broken.');
    expect(reopened).toContain('Phase 4 of 4 — Resolution Plan Determined');
    await waitFor(() => expect(t.render(t.fake.message(ask.channel, ask.ts))).toContain('is reopened'));
    expect(cardNow(t, bugCard)).toContain('*Phase 4 of 4 — Resolution Plan Determined*');

    const held = await webhook({ ticket: 'GT-1001', phase: 'on-hold', note: 'Fix deployed again.' });
    expect(held.body.phase).toBe('on-hold');
    const second = await waitFor(() => t.ana.dms().find((m) => m.ts !== ask.ts && m.text.includes('Does it work for you now?')));
    const staleForBen = t.ben.dms().filter((m) => m.text.includes('Does it work for you now?')).at(-1) as FakeMessage;
    await t.ana.clickButton('Yes, it’s fixed', { channel: second.channel, ts: second.ts });
    await waitForThreadReply(t, bugCard, 'The reporter confirmed the fix works.');
    await waitFor(() => expect(cardNow(t, bugCard)).toContain('*Closed*'));
    expect(cardNow(t, bugCard)).toContain('[Reopen…]');

    // Ben's button from the same request now changes nothing, and he is told why.
    const threadLength = ticketThread(t, bugCard).length;
    await t.ben.clickButton('Yes, it’s fixed', { channel: staleForBen.channel, ts: staleForBen.ts });
    await waitFor(() => t.ben.ephemerals().find((e) => e.text.includes('no longer waiting for a confirmation')));
    expect(ticketThread(t, bugCard).length).toBe(threadLength);
    t.fake.expectNoViolations();
  });

  it('when a feature request and an other question are filed, then their own phases are posted, and the feature points to the product board', async () => {
    const feature = await fileTicket(t, t.lia, {
      type: 'Feature request',
      summary: 'Let coordinators bulk-reschedule a whole panel',
      fields: { 'What would you like GoodTime to do?': 'One click to move every interview of a panel to another day.', 'Why would it help?': 'Rescheduling a 5-person panel takes 20 minutes today.', 'Reported by': t.ben.id },
    });
    expect(cardNow(t, feature)).toContain('S5 Enhancement');
    expect(cardNow(t, feature)).toContain('Upvote it on the GoodTime product board (https://feedback.goodtime.io/board)');
    expect(cardNow(t, feature)).toContain('*Voting in the team*');
    await t.lia.clickButton('Promote to GoodTime Support', cardRef(t, feature));
    await waitFor(() => expect(cardNow(t, feature)).toContain("*Phase 1 of 4 — We've Received Your Request*"));
    expect(cardNow(t, feature)).toContain('*S5 Enhancement*');
    await t.lia.clickButton('Next: Phase 2 — Under Review by Support Team', cardRef(t, feature));
    const review = await waitForThreadReply(t, feature, 'Phase 2 of 4 — Under Review by Support Team');
    expect(review).toContain('Average timeframe:* 5 - 10 Business Days');
    expect(review).toContain('Once we have what we need, this will move to Phase 3 or 4.');
    const key = /^(GT-\d+)/.exec(feature.text)?.[1] as string;
    expect((await webhook({ ticket: key, phase: 4 })).body).toEqual({ ok: true, ticket: key, phase: 4 });
    const done = await waitForThreadReply(t, feature, 'Phase 4 of 4 — Review Complete!');
    expect(done).toContain('A decision has been made by our team');
    await waitFor(() => t.ben.dms().find((m) => m.text.includes(`${key}`) && m.text.includes('Review Complete!')));

    const question = await fileTicket(t, t.lia, {
      type: 'Other question',
      summary: 'Can interviewers see candidate resumes in the invite?',
      fields: { 'Your question': 'Is there a setting to attach the resume to interviewer invites?', 'Reported by': t.ana.id },
    });
    expect(cardNow(t, question)).toContain('*S4 Low*');
    expect(cardNow(t, question)).toContain('●○○');
    const qKey = /^(GT-\d+)/.exec(question.text)?.[1] as string;
    await webhook({ ticket: qKey, phase: 'Under Review by Support Team' });
    const qReview = await waitForThreadReply(t, question, 'Phase 2 of 3 — Under Review by Support Team');
    expect(qReview).toContain('Average timeframe:* 2 - 3 Business Days');
    await t.lia.clickButton('Next: Phase 3 — Response Sent!', cardRef(t, question));
    const answered = await waitForThreadReply(t, question, 'Phase 3 of 3 — Response Sent!');
    expect(answered).toContain('you can always re-open your ticket to ask follow-up questions');
    await t.lia.clickButton('Next: Closed', cardRef(t, question));
    await waitFor(() => expect(cardNow(t, question)).toContain('*Closed*  ●●●'));
    t.fake.expectNoViolations();
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app';
import { waitFor } from '@goodtime-help/slack-stand-in';
import type { FakeMessage } from '@goodtime-help/slack-stand-in';
import { startSmtpInbox, type SmtpInbox } from '../delivery/smtp-inbox';
import { cardNow, cardRef, fastGoodTimeProcess, fileTicket, ticketThread } from './ticket-helpers';

const CSM_USER = 'U0CSM00001';

/** GoodTime's process with its targets shrunk to seconds and a 24x7 vendor calendar, so targets pass in a test. */
const fastProcessFile = () =>
  fastGoodTimeProcess('fast-goodtime', (process) => {
    const s2 = process.severities[1];
    if (s2) s2.acknowledgement = { amount: 0.0006, unit: 'business hours', anyHour: false }; // about 2 s
    const bug = process.ticketTypes[0];
    if (bug?.phases[0]) bug.phases[0].timeframe = { min: null, max: { amount: 1, unit: 'business hours' }, text: 'within an hour' };
    if (bug?.phases[1]) bug.phases[1].timeframe = { min: null, max: { amount: 0.0006, unit: 'business hours' }, text: 'a few seconds' };
  });

describe('vendor targets nudge the liaison once, and high-impact tickets go to the CSM', () => {
  let t: TestApp;
  let inbox: SmtpInbox;
  let card: FakeMessage;
  beforeAll(async () => {
    inbox = await startSmtpInbox();
    t = await startTestApp({
      PROCESS: fastProcessFile(),
      SMTP_URL: inbox.url,
      CSM_EMAIL: 'csm@goodtime.io',
      CSM_SLACK_USER_ID: CSM_USER,
      CSM_BOOKING_URL: 'https://calendly.com/goodtime-csm',
    });
    t.fake.addUser({ id: CSM_USER, name: 'cara', real_name: 'Cara CSM' });
  });
  afterAll(async () => {
    await t?.stop();
    await inbox?.stop();
  });

  const nudges = (needle: string) => ticketThread(t, card).filter((m) => m.includes(needle));

  it('when Support misses the acknowledgement target, then the liaison is nudged in the thread once, with the next steps', async () => {
    card = await fileTicket(t, t.lia, {
      summary: 'Interviewer availability shows everyone as busy',
      severity: 'S2 · High',
      fields: { 'What were you trying to do?': 'Book a panel', 'What actually happened?': 'No slots', 'Interviews affected': 'Many interviews', 'Who is affected?': 'The whole organisation', 'When does it happen?': 'Happening right now' },
    });
    expect(cardNow(t, card)).toContain('GoodTime should acknowledge it by');
    const nudge = await waitFor(() => nudges('has not acknowledged')[0], { timeout: 10_000 });
    expect(nudge).toContain("@lia, chase GoodTime Support: *Chase Support* below emails them a polite reminder in the ticket's email thread (subject starts with [GT-1001])");
    expect(nudge).toContain('[Chase Support]');
    expect(nudge).toContain('This is high impact: *Escalate to CSM* on the card.');
    await waitFor(() => expect(cardNow(t, card)).toContain("GoodTime's acknowledgement target"));
    expect(cardNow(t, card)).toContain('was missed');

    await t.restart();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(nudges('has not acknowledged')).toHaveLength(1);
    t.fake.expectNoViolations();
  });

  it('when the ticket overstays its phase’s average timeframe, then the liaison is nudged once in the thread', async () => {
    await t.lia.clickButton('Next: Phase 2 — Under Review by Support Team', cardRef(t, card));
    await waitFor(() => expect(cardNow(t, card)).toMatch(/:warning: GoodTime acknowledged it .+ — target missed \(.+\)/));
    const nudge = await waitFor(() => nudges('has been in *Phase 2 of 4 — Under Review by Support Team*')[0], { timeout: 10_000 });
    expect(nudge).toContain("GoodTime's average is a few seconds");
    expect(nudge).toContain('@lia, chase GoodTime Support');
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(nudges('has been in')).toHaveLength(1);
    t.fake.expectNoViolations();
  });

  it('when a liaison escalates to the CSM, then the CSM gets one email (threaded under the support email) and a DM, and the card shows the booking link', async () => {
    await t.ben.clickButton('Escalate to CSM', cardRef(t, card));
    await waitFor(() => t.ben.ephemerals().find((e) => e.text.includes('Only a liaison can escalate a ticket to the CSM')));

    await Promise.all([t.lia.clickButton('Escalate to CSM', cardRef(t, card)), t.lia.clickButton('Escalate to CSM', cardRef(t, card))]);
    const note = await waitFor(() => ticketThread(t, card).find((m) => m.includes('escalated GT-1001 to the CSM')));
    expect(note).toContain('Emailed csm@goodtime.io with the ticket.');
    expect(note).toContain('Book time: CSM booking link (https://calendly.com/goodtime-csm)');
    const dm = await waitFor(() => t.fake.dms(CSM_USER)[0]);
    expect(dm.text).toContain('is escalating');
    await waitFor(() => expect(cardNow(t, card)).toContain('Escalated to the CSM by @lia · book time with the CSM (https://calendly.com/goodtime-csm)'));
    expect(cardNow(t, card)).not.toContain('[Escalate to CSM]');

    const mails = await waitFor(() => {
      const toCsm = inbox.messages.filter((m) => m.to.includes('csm@goodtime.io'));
      return toCsm.length ? toCsm : undefined;
    });
    const support = inbox.messages.find((m) => m.to.includes('support@goodtime.io') && m.subject.startsWith('[GT-1001]'));
    expect(mails[0]?.subject).toBe('[GT-1001][P1] Escalation to CSM — Bug: Interviewer availability shows everyone as busy');
    expect(mails[0]?.inReplyTo).toBe(support?.messageId);
    expect(mails[0]?.text).toContain('People affected in our team: 1');
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(inbox.messages.filter((m) => m.to.includes('csm@goodtime.io'))).toHaveLength(1);
    expect(t.fake.dms(CSM_USER)).toHaveLength(1);
    t.fake.expectNoViolations();
  });

  it('when people click "Me too", then each counts once; the reporter is told they already count', async () => {
    await t.ben.clickButton('Me too', cardRef(t, card));
    await waitFor(() => expect(cardNow(t, card)).toContain('2 people have this'));
    await t.ben.clickButton('Me too', cardRef(t, card));
    await waitFor(() => t.ben.ephemerals().find((e) => e.text.includes("You're already on GT-1001")));
    await t.lia.clickButton('Me too', cardRef(t, card));
    await waitFor(() => t.lia.ephemerals().find((e) => e.text.includes('You reported GT-1001')));
    expect(cardNow(t, card)).toContain('2 people have this');
    expect(ticketThread(t, card).filter((m) => m.includes('has this too'))).toHaveLength(1);
    t.fake.expectNoViolations();
  });
});

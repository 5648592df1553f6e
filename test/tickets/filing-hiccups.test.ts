import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app';
import { waitFor } from '@goodtime-help/slack-stand-in';
import { startSmtpInbox, type SmtpInbox } from '../delivery/smtp-inbox';
import { cardNow, cardRef, fileTicket, ticketThread } from './ticket-helpers';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('hiccups while filing or escalating a ticket: nothing filed twice, no email lost', () => {
  let t: TestApp;
  let inbox: SmtpInbox;
  beforeAll(async () => {
    inbox = await startSmtpInbox();
    // No polling: the outbox only works when a mail is queued, so an injected database failure hits what the test means.
    t = await startTestApp({ SMTP_URL: inbox.url, CSM_EMAIL: 'csm@goodtime.io', JOBS_POLL_INTERVAL: '1h' }, { embeddedDatabase: true });
  });
  afterAll(async () => {
    await t?.stop();
    await inbox?.stop();
  });

  const cards = (summary: string) => t.fake.messages(t.teamChannel).filter((m) => /^GT-\d+ /.test(m.text) && m.text.includes(summary));
  const question = (text: string) => ({ 'Your question': text, 'Reported by': t.ana.id });
  const apologies = () => t.lia.dms().filter((m) => m.text.includes('Please try again'));
  /** Waits until `count` emails arrived and the outbox has gone quiet again. */
  const mailSettled = async (count: number) => {
    await inbox.waitForMessages(count);
    await pause(300);
  };

  it('when Slack cannot give the card’s link, then the card still counts: one card, and the liaison gets the usual confirmation', async () => {
    t.fake.failNext('chat.getPermalink', { error: 'internal_error' });
    const summary = 'Interview reminders go to the wrong time zone';
    await fileTicket(t, t.lia, { type: 'Other question', summary, fields: question('Why are reminders an hour off for Arizona?') });
    await waitFor(() => t.lia.dms().find((m) => m.text.includes('Filed GT-') && m.text.includes('Acknowledgement target')));
    await pause(300);
    expect(cards(summary)).toHaveLength(1);
    expect(apologies()).toEqual([]);
    t.fake.expectNoViolations();
  });

  it('when the database fails after the card is posted, then the liaison is told it is filed and not to file it again', async () => {
    await mailSettled(1);
    t.db.embedded?.faults.failNext(1, { code: 1, codeName: 'InternalError', errmsg: 'injected' }, { commands: ['findAndModify'], collections: ['outbox'] });
    const summary = 'Candidate self-scheduling page times out';
    const card = await fileTicket(t, t.lia, { type: 'Other question', summary, fields: question('Is there a limit on slots shown to candidates?') });
    const key = /^(GT-\d+)/.exec(card.text)?.[1] as string;
    const told = await waitFor(() => t.lia.dms().find((m) => m.text.includes(key) && m.text.includes('is filed')));
    expect(told.text).toContain('no need to file it again');
    expect(told.text).not.toContain('try again');
    expect(apologies()).toEqual([]);
    expect(cards(summary)).toHaveLength(1);
    t.fake.expectNoViolations();
  });

  it('when the database fails as a liaison escalates to the CSM, then they are told it goes through in a moment, and clicking again still sends the CSM exactly one email', async () => {
    const card = await fileTicket(t, t.lia, {
      summary: 'Panel invites missing the video link',
      severity: 'S2 · High',
      fields: { 'What were you trying to do?': 'Send panel invites', 'What actually happened?': 'No video link', 'Interviews affected': 'Many interviews', 'Who is affected?': 'The whole organisation', 'When does it happen?': 'Happening right now', 'Reported by': t.ana.id },
    });
    const key = /^(GT-\d+)/.exec(card.text)?.[1] as string;
    await mailSettled(2);
    t.db.embedded?.faults.failNext(1, { code: 1, codeName: 'InternalError', errmsg: 'injected' }, { commands: ['findAndModify'], collections: ['outbox'] });
    await t.lia.clickButton('Escalate to CSM', cardRef(t, card));
    await waitFor(() => t.lia.ephemerals().find((e) => e.text.includes('Saved. Slack or the database is slow right now')));
    await t.lia.clickButton('Escalate to CSM', cardRef(t, card));
    await waitFor(() => ticketThread(t, card).find((m) => m.includes(`escalated ${key} to the CSM`)));
    const mails = await waitFor(() => {
      const toCsm = inbox.messages.filter((m) => m.to.includes('csm@goodtime.io'));
      return toCsm.length ? toCsm : undefined;
    });
    await pause(500);
    expect(inbox.messages.filter((m) => m.to.includes('csm@goodtime.io'))).toHaveLength(1);
    expect(mails[0]?.subject).toContain(`[${key}]`);
    expect(cardNow(t, card)).toContain('Escalated to the CSM by @lia');
    t.fake.expectNoViolations();
  });
});

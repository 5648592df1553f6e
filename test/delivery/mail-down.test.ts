import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app';
import { waitFor } from '@goodtime-help/slack-stand-in';
import { cardNow, fileTicket } from '../tickets/ticket-helpers';
import { startSmtpInbox, type SmtpInbox } from './smtp-inbox';

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('the support email goes through the outbox: sent once, whatever mail does in the meantime', () => {
  let t: TestApp;
  let inbox: SmtpInbox;
  beforeAll(async () => {
    inbox = await startSmtpInbox();
    t = await startTestApp({ SMTP_URL: inbox.url, OUTBOX_RETRY_BASE: '250ms' });
  });
  afterAll(async () => {
    await t?.stop();
    await inbox?.stop();
  });

  const mailsAbout = (box: SmtpInbox, summary: string) => box.messages.filter((m) => m.subject.includes(summary));
  const bug = (summary: string) => ({
    summary,
    fields: { 'What were you trying to do?': 'Send invites', 'What actually happened?': 'Nothing arrived', 'Interviews affected': 'Many interviews', 'Who is affected?': 'Several users', 'When does it happen?': 'Happening right now' },
  });

  it('when the mail server refuses (421) and then recovers, then the card says "retrying", then when it was emailed, and one email arrives', async () => {
    inbox.refuse(true);
    const card = await fileTicket(t, t.lia, bug('Invites stuck while mail refuses'));
    await waitFor(() => expect(cardNow(t, card)).toContain('queued — mail is not going through, retrying'));
    await waitFor(() => inbox.refusals >= 2, { message: 'a second attempt after the backoff' });
    expect(mailsAbout(inbox, 'Invites stuck while mail refuses')).toHaveLength(0);

    inbox.refuse(false);
    await waitFor(() => expect(cardNow(t, card)).toMatch(/Emailed to support@goodtime\.io \w{3} \d+/), { timeout: 8000 });
    await new Promise((resolve) => setTimeout(resolve, 1000)); // more polls and backoffs pass: still one email
    expect(mailsAbout(inbox, 'Invites stuck while mail refuses')).toHaveLength(1);
    t.fake.expectNoViolations();
  });

  it('when no mail server is listening, then the email waits and is sent once when one starts on that address', async () => {
    const port = await freePort();
    await t.restart({ SMTP_URL: `smtp://127.0.0.1:${port}` });
    const card = await fileTicket(t, t.lia, bug('Calendar holds vanish with mail server down'));
    await waitFor(() => expect(cardNow(t, card)).toContain('retrying'));
    const late = await startSmtpInbox(port);
    try {
      await waitFor(() => expect(cardNow(t, card)).toContain('Emailed to support@goodtime.io'), { timeout: 8000 });
      await new Promise((resolve) => setTimeout(resolve, 800));
      expect(mailsAbout(late, 'Calendar holds vanish')).toHaveLength(1);
    } finally {
      await t.restart({ SMTP_URL: inbox.url });
      await late.stop();
    }
    t.fake.expectNoViolations();
  });

  it('when SMTP is not configured, then the card says so; after a restart with SMTP_URL the email is sent once and the card says when', async () => {
    await t.restart({ SMTP_URL: '' });
    const card = await fileTicket(t, t.lia, bug('Reminder emails missing without SMTP'));
    expect(cardNow(t, card)).toContain('not sent: email is not configured (SMTP_URL). It waits in the outbox');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(mailsAbout(inbox, 'Reminder emails missing')).toHaveLength(0);

    const before = inbox.messages.length;
    await t.restart({ SMTP_URL: inbox.url });
    await waitFor(() => expect(cardNow(t, card)).toContain('Emailed to support@goodtime.io'), { timeout: 8000 });
    await new Promise((resolve) => setTimeout(resolve, 800));
    expect(mailsAbout(inbox, 'Reminder emails missing')).toHaveLength(1);
    expect(inbox.messages.length).toBe(before + 1); // nothing sent before is sent again
    t.fake.expectNoViolations();
  });

  it('when two instances retry the same email, then it is still sent once', async () => {
    const other = await t.startAnotherInstance();
    try {
      inbox.refuse(true);
      const card = await fileTicket(t, t.lia, bug('Two instances, one email'));
      await waitFor(() => inbox.refusals >= 3);
      inbox.refuse(false);
      await waitFor(() => expect(cardNow(t, card)).toContain('Emailed to support@goodtime.io'), { timeout: 8000 });
      await new Promise((resolve) => setTimeout(resolve, 1200));
      expect(mailsAbout(inbox, 'Two instances, one email')).toHaveLength(1);
    } finally {
      inbox.refuse(false);
      await other.stop();
    }
    t.fake.expectNoViolations();
  });
});

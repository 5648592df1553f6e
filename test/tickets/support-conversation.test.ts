// The conversation with GoodTime Support in the ticket's thread, end to end through real servers: the support
// email goes out over SMTP (with the thread's screenshots), Support's reply lands in a real IMAP mailbox (Dovecot)
// and appears once in the thread, and a liaison's *Reply to Support* goes back as a reply in the same email thread.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor, type FakeMessage } from '@goodtime-help/slack-stand-in';
import { startTestApp, type TestApp } from '../support/app';
import { startImapServer, type ImapServer } from '../support/imap-server';
import { startSmtpInbox, type ReceivedMail, type SmtpInbox } from '../delivery/smtp-inbox';
import { cardNow, cardRef, fillTicketForm, ticketThread, waitForThreadReply } from './ticket-helpers';

// A 1×1 PNG: what a screenshot is to a mail server.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

interface VendorMail {
  from?: string;
  subject: string;
  messageId: string;
  inReplyTo?: string;
  references?: string[];
  text?: string;
  html?: string;
  headers?: string[];
  attachment?: { name: string; content: string };
}

/** A raw RFC 5322 message as Zendesk (or a person) would send it. */
function vendorMail(mail: VendorMail): string {
  const boundary = 'b-goodtime-help-test';
  const head = [
    `From: ${mail.from ?? 'Jane Doe <jane@goodtime.io>'}`,
    'To: GoodTime Help <support-replies@example.test>',
    `Subject: ${mail.subject}`,
    `Message-ID: ${mail.messageId}`,
    `Date: ${new Date().toUTCString()}`,
    ...(mail.inReplyTo ? [`In-Reply-To: ${mail.inReplyTo}`] : []),
    ...(mail.references?.length ? [`References: ${mail.references.join(' ')}`] : []),
    ...(mail.headers ?? []),
    'MIME-Version: 1.0',
  ];
  const body = mail.html
    ? { type: 'text/html; charset=utf-8', content: mail.html }
    : { type: 'text/plain; charset=utf-8', content: mail.text ?? '' };
  if (!mail.attachment) return [...head, `Content-Type: ${body.type}`, '', body.content, ''].join('\r\n');
  return [
    ...head,
    `Content-Type: multipart/mixed; boundary="${boundary}"`,
    '',
    `--${boundary}`,
    `Content-Type: ${body.type}`,
    '',
    body.content,
    `--${boundary}`,
    `Content-Type: text/plain; name="${mail.attachment.name}"`,
    `Content-Disposition: attachment; filename="${mail.attachment.name}"`,
    '',
    mail.attachment.content,
    `--${boundary}--`,
    '',
  ].join('\r\n');
}

/** A modal opened "Loading…" first, once its form is in. */
const loadedModal = (person: TestApp['lia'], title: string, input: string) =>
  waitFor(async () => {
    const modal = await person.waitForModal({ title });
    return modal.text().includes(input) ? modal : undefined;
  });

describe('the conversation with GoodTime Support lives in the ticket thread', () => {
  let t: TestApp;
  let smtp: SmtpInbox;
  let imap: ImapServer;
  let card: FakeMessage;
  let supportEmail: ReceivedMail;
  let vendorReplyId: string;
  const thread = () => ticketThread(t, card);
  const repliesFromSupport = () => thread().filter((m) => m.includes('Reply from GoodTime Support'));

  beforeAll(async () => {
    [smtp, imap] = await Promise.all([startSmtpInbox(), startImapServer({ user: 'support-replies@example.test' })]);
    t = await startTestApp({
      SMTP_URL: smtp.url,
      MAIL_FROM: 'GoodTime Help <help@acme.test>',
      IMAP_URL: imap.url,
      IMAP_POLL_INTERVAL: '2s',
      MAIL_ATTACHMENTS_MAX_MB: '0.01', // 10 KB: a screen recording is too big to send
      OUTBOX_RETRY_BASE: '200ms',
    });
  }, 60_000);
  afterAll(async () => {
    await t?.stop();
    await smtp?.stop();
    await imap?.destroy();
  });

  it('when a liaison escalates a message whose thread has screenshots, then the email to Support carries them and says where replies go', async () => {
    const posted = await t.fake.userPostMessage(t.ana.id, t.teamChannel, 'Panel invites go out twice for the onsite loop', { files: [{ name: 'invites.png', mimetype: 'image/png', content: PNG }] });
    await t.fake.userPostMessage(t.ana.id, t.teamChannel, 'Here is the calendar too, and a recording', {
      threadTs: posted.message.ts,
      files: [
        { name: 'calendar.png', mimetype: 'image/png', content: PNG },
        { name: 'recording.mov', mimetype: 'video/quicktime', content: Buffer.alloc(20_000, 1) },
      ],
    });
    const shortcut = await t.lia.useMessageShortcut('ticket.escalate_message', { channel: t.teamChannel, ts: posted.message.ts });
    expect(shortcut.ok).toBe(true);
    await loadedModal(t.lia, 'File a support ticket', 'Summary');
    const modal = await fillTicketForm(t.lia, { summary: 'Panel invites go out twice for the onsite loop', severity: 'S2 · High',
      fields: { 'What were you trying to do?': 'Send the onsite invites', 'Interviews affected': 'Many interviews', 'Who is affected?': 'The whole organisation', 'When does it happen?': 'Happening right now' },
    });
    const submitted = await modal.submit();
    expect(submitted.errorsByLabel ?? {}).toEqual({});
    expect(submitted.outcome).toBe('closed');
    card = await waitFor(() => t.fake.messages(t.teamChannel).find((m) => /^GT-\d+ · S2/.test(m.text)));

    [supportEmail] = (await smtp.waitForMessages(1)) as [ReceivedMail];
    expect(supportEmail.replyTo).toBe('support-replies@example.test');
    expect(supportEmail.attachments.map((a) => [a.filename, a.contentType, a.size])).toEqual([
      ['invites.png', 'image/png', PNG.length],
      ['calendar.png', 'image/png', PNG.length],
    ]);
    expect(supportEmail.attachments[0]?.content.equals(PNG)).toBe(true);
    expect(supportEmail.text).toContain('Attached: invites.png (1 KB), calendar.png (1 KB)');
    expect(supportEmail.text).toContain('Not attached: recording.mov (20 KB, over the 10 KB limit for email)');
    await waitForThreadReply(t, card, ':paperclip: Sent with the email to GoodTime Support: invites.png, calendar.png. Not sent: recording.mov');
  });

  it('when Support replies by email, then the reply appears once in the thread, trimmed, and marks the acknowledgement', async () => {
    vendorReplyId = '<zendesk-48213-1@goodtime.zendesk.com>';
    await imap.deliver(vendorMail({
      subject: `Re: ${supportEmail.subject} [#48213]`,
      messageId: vendorReplyId,
      inReplyTo: supportEmail.messageId,
      references: [supportEmail.messageId],
      text: [
        'Hi team,',
        '',
        'We reproduced the double invites <!channel> and a fix is scheduled for Thursday.',
        '',
        'Thanks,',
        'Jane',
        '--',
        'Jane Doe | GoodTime Support',
        '',
        `On Mon, Dec 1, 2026 at 10:00 AM GoodTime Help <help@acme.test> wrote:`,
        '> GT-1001 — Bug: Panel invites go out twice',
        '> Type: Bug or data issue',
      ].join('\r\n'),
      attachment: { name: 'debug-log.txt', content: 'trace 1\r\ntrace 2' },
    }));
    const reply = await waitForThreadReply(t, card, 'Reply from GoodTime Support');
    expect(reply).toContain('Jane Doe (jane@goodtime.io)');
    expect(reply).toContain('We reproduced the double invites <!channel> and a fix is scheduled for Thursday.'); // shown, inert:
    expect(t.fake.thread(t.teamChannel, card.ts).find((m) => m.text.includes('We reproduced'))?.text).toContain('&lt;!channel&gt;');
    expect(reply).not.toContain('Type: Bug or data issue'); // the quoted history
    expect(reply).not.toContain('Jane Doe | GoodTime Support'); // the signature
    expect(reply).toContain(':paperclip: Attached to the email: debug-log.txt');
    await waitFor(() => expect(cardNow(t, card)).toMatch(/:white_check_mark: GoodTime acknowledged it by email .+ — target met/));
    expect(cardNow(t, card)).toContain('Support ticket #48213');
    await waitFor(async () => (await imap.flagged(false)).length === 0);
  });

  it('when the same reply is delivered again, or the app restarts, then nothing new is posted', async () => {
    await imap.deliver(vendorMail({ subject: `Re: ${supportEmail.subject} [#48213]`, messageId: vendorReplyId, inReplyTo: supportEmail.messageId, text: 'Hi team, a copy.' }));
    await waitFor(async () => (await imap.flagged(false)).length === 0);
    await t.restart();
    const seenAfterRestart = await imap.deliver(vendorMail({ subject: 'Lunch on Friday?', messageId: '<lunch-1@acme.test>', from: 'Bob <bob@acme.test>', text: 'Pizza?' }));
    await waitFor(async () => (await imap.flagged(true)).includes(seenAfterRestart));
    expect(repliesFromSupport()).toHaveLength(1);
    expect(thread().join('\n')).not.toContain('Pizza');
    expect(t.logs.some((line) => line.includes('matches no ticket'))).toBe(true);
    expect(t.logs.join('\n')).not.toContain('bob@acme.test');
  });

  it('when a liaison uses Reply to Support on the card, then Support gets a reply in the same email thread and the thread says when it was delivered', async () => {
    const clicked = await t.lia.clickButton('Reply to Support', cardRef(t, card));
    expect(clicked.ok).toBe(true);
    const modal = await loadedModal(t.lia, 'Reply to Support', 'Message to GoodTime Support');
    await modal.fill('Message to GoodTime Support', 'Thanks Jane. It also happens for the Berlin loop — same template.');
    expect((await modal.submit()).outcome).toBe('closed');
    const [, note] = (await smtp.waitForMessages(2)) as [ReceivedMail, ReceivedMail];
    expect(note.subject).toBe(`Re: ${supportEmail.subject} [#48213]`);
    expect(note.inReplyTo).toBe(vendorReplyId);
    expect(note.references).toEqual([supportEmail.messageId, vendorReplyId]);
    expect(note.replyTo).toBe('support-replies@example.test');
    expect(note.text).toContain('Thanks Jane. It also happens for the Berlin loop');
    expect(note.text).toContain('Lia Liaison, project team liaison, about GT-1001 (your ticket #48213)');
    await waitForThreadReply(t, card, '@lia wrote to GoodTime Support about GT-1001');
    await waitFor(() => expect(thread().find((m) => m.includes('wrote to GoodTime Support'))).toMatch(/Delivered to support@goodtime\.io/));
  });

  it('when a liaison sends a thread message with a file through the "Reply to Support" shortcut, then the form is prefilled and the file goes with the email', async () => {
    const message = await t.fake.userPostMessage(t.lia.id, t.teamChannel, 'Screenshot of the Berlin loop invites', { threadTs: card.ts, files: [{ name: 'berlin.png', mimetype: 'image/png', content: PNG }] });
    const shortcut = await t.lia.useMessageShortcut('ticket.reply_message', { channel: t.teamChannel, ts: message.message.ts });
    expect(shortcut.ok).toBe(true);
    const modal = await loadedModal(t.lia, 'Reply to Support', 'Message to GoodTime Support');
    expect(modal.text()).toContain('The message’s files go with it: berlin.png');
    expect(modal.text()).toContain('Screenshot of the Berlin loop invites');
    expect((await modal.submit()).outcome).toBe('closed');
    const mails = await smtp.waitForMessages(3);
    expect(mails[2]?.attachments.map((a) => a.filename)).toEqual(['berlin.png']);
    expect(mails[2]?.text).toContain('Screenshot of the Berlin loop invites');
  });

  it('when a thread message has more files than the form can carry, then the email and the thread note say which were not attached', async () => {
    // Slack's file URLs repeat each name: ten long names are more than a form's private_metadata holds.
    const names = Array.from({ length: 10 }, (_, i) => `Screenshot 2026-11-02 at 09.41.${10 + i} — Berlin loop, panel ${i + 1} of 10.png`);
    const message = await t.fake.userPostMessage(t.lia.id, t.teamChannel, 'Every screen of the Berlin loop', { threadTs: card.ts, files: names.map((name) => ({ name, mimetype: 'image/png', content: PNG })) });
    await t.lia.useMessageShortcut('ticket.reply_message', { channel: t.teamChannel, ts: message.message.ts });
    const modal = await loadedModal(t.lia, 'Reply to Support', 'Message to GoodTime Support');
    const form = modal.text();
    const before = smtp.messages.length;
    expect((await modal.submit()).outcome).toBe('closed');
    const mail = (await smtp.waitForMessages(before + 1))[before] as ReceivedMail;
    const attached = mail.attachments.map((a) => a.filename);
    expect(attached.length).toBeGreaterThan(0);
    expect(attached.length).toBeLessThan(names.length);
    expect(attached).toEqual(names.slice(0, attached.length));
    const notAttached = `Not attached: ${names.slice(attached.length).map((n) => `${n} (more files than one note carries)`).join('; ')}`;
    expect(form).toContain(`Not going with it (more files than one note carries): ${names.slice(attached.length).join(', ')}`);
    expect(mail.text.replace(/\s+/g, ' ')).toContain(notAttached);
    const note = await waitFor(() => thread().find((m) => m.includes('wrote to GoodTime Support') && m.includes('Every screen of the Berlin loop')));
    expect(note).toContain(notAttached);
  });

  it('when a thread holds more than 20 files, then the ticket email and the thread name the ones past the 20th as not sent', async () => {
    const posted = await t.fake.userPostMessage(t.ana.id, t.teamChannel, 'Interview reminders arrive a day late');
    for (const batch of [0, 10, 20]) {
      const files = Array.from({ length: batch === 20 ? 1 : 10 }, (_, i) => ({ name: `reminder-${batch + i + 1}.png`, mimetype: 'image/png', content: PNG }));
      await t.fake.userPostMessage(t.ana.id, t.teamChannel, `Screens ${batch + 1}+`, { threadTs: posted.message.ts, files });
    }
    const before = smtp.messages.length;
    await t.lia.useMessageShortcut('ticket.escalate_message', { channel: t.teamChannel, ts: posted.message.ts });
    await loadedModal(t.lia, 'File a support ticket', 'Summary');
    const modal = await fillTicketForm(t.lia, { summary: 'Interview reminders arrive a day late', severity: 'S3 · Medium',
      fields: { 'What were you trying to do?': 'Remind candidates', 'Interviews affected': 'Many interviews', 'Who is affected?': 'The whole organisation', 'When does it happen?': 'Happening right now' },
    });
    expect((await modal.submit()).outcome).toBe('closed');
    const mail = await waitFor(() => smtp.messages.slice(before).find((m) => m.subject.includes('Interview reminders arrive a day late')));
    expect(mail.attachments).toHaveLength(20);
    expect(mail.text).toContain('Not attached: reminder-21.png (only the first 20 files of a thread go with the email)');
    const reminders = await waitFor(() => t.fake.messages(t.teamChannel).find((m) => /^GT-\d+ · S3/.test(m.text) && m.text.includes('Interview reminders')));
    await waitForThreadReply(t, reminders, 'Not sent: reminder-21.png (only the first 20 files of a thread go with the email)');
  });

  it('when someone who is not a liaison clicks Reply to Support, then they are told why and nothing is sent', async () => {
    const before = smtp.messages.length;
    await t.ana.clickButton('Reply to Support', cardRef(t, card));
    await waitFor(() => t.ana.ephemerals().find((e) => e.text.includes('Only a liaison can write to GoodTime Support')));
    expect(smtp.messages.length).toBe(before);
  });

  it('when an HTML-only reply arrives with a long text, then it is turned into text, escaped and cut with a note', async () => {
    const long = 'The sync job retried. '.repeat(200);
    await imap.deliver(vendorMail({
      subject: `Re: [GT-1001] follow-up`,
      messageId: '<zendesk-48213-2@goodtime.zendesk.com>',
      html: `<html><body><p>Update from <b>Support</b> &amp; engineering: <a href="https://evil.example/x">click</a> &lt;@U0123ABCD&gt;</p><p>${long}</p></body></html>`,
    }));
    const posted = await waitFor(() => t.fake.thread(t.teamChannel, card.ts).find((m) => m.text.includes('Update from Support')));
    // As Slack receives it: the HTML as text, the link's target dropped, the would-be mention inert.
    expect(posted.text).toContain('Update from Support &amp; engineering: click &lt;@U0123ABCD&gt;');
    expect(posted.text).not.toContain('<@U0123ABCD>');
    expect(posted.text).not.toContain('evil.example');
    expect(posted.text).toMatch(/Cut here: [\d,]+ more characters are in the email itself/);
    expect(posted.text.length).toBeLessThan(3000);
  });

  it('when Slack refuses to post a reply for a moment, then the mailbox is not reported down and the reply is posted on the next read', async () => {
    const outages = () => t.logs.filter((l) => l.includes('mailbox not reachable')).length;
    const before = outages();
    t.fake.failNext('chat.postMessage', { status: 429, retryAfter: 1 });
    await imap.deliver(vendorMail({ subject: 'Re: [GT-1001] while Slack was busy', messageId: '<zendesk-48213-busy@goodtime.zendesk.com>', text: 'Posted on the second read.' }));
    await waitFor(() => t.logs.some((l) => l.includes('a mail could not be handled yet')), { timeout: 10_000 });
    const health = (await (await fetch(`${t.app.url}/healthz`)).json()) as { status: string; mailbox?: { state: string; failures: number } };
    expect(health.status).toBe('ok');
    expect(health.mailbox).toMatchObject({ state: 'connected', failures: 0 });
    await waitFor(() => thread().find((m) => m.includes('Posted on the second read')), { timeout: 10_000 });
    expect(outages()).toBe(before);
    await new Promise((resolve) => setTimeout(resolve, 2_500)); // another read: nothing posted twice
    expect(thread().filter((m) => m.includes('Posted on the second read'))).toHaveLength(1);
  }, 30_000);

  it('when a reply keeps failing, then /healthz turns degraded and names it, and it clears once the reply goes through', async () => {
    t.fake.failNext('chat.postMessage', { status: 429, retryAfter: 1 }, 5);
    await imap.deliver(vendorMail({ subject: 'Re: [GT-1001] while Slack kept refusing', messageId: '<zendesk-48213-stuck@goodtime.zendesk.com>', text: 'Posted on the sixth read.' }));
    const health = async () => (await (await fetch(`${t.app.url}/healthz`)).json()) as { status: string; mailbox?: { state: string; stuck?: { passes: number }; degraded?: boolean } };
    const stuck = await waitFor(async () => {
      const now = await health();
      return now.status === 'degraded' ? now : undefined;
    }, { timeout: 20_000 });
    expect(stuck.mailbox).toMatchObject({ state: 'connected', degraded: true, stuck: { passes: 5 } });
    await waitFor(() => thread().find((m) => m.includes('Posted on the sixth read')), { timeout: 10_000 });
    await waitFor(async () => (await health()).status === 'ok');
    expect((await health()).mailbox?.stuck).toBeUndefined();
  }, 40_000);

  it('when Support replies to a closed ticket, then the reply is posted and offers Reopen', async () => {
    await t.lia.clickButton('Change phase…', cardRef(t, card));
    const modal = await t.lia.waitForModal({ title: 'Move GT-1001' });
    await modal.fill('Move to', 'Closed');
    await modal.fill('Reason', 'Fixed by Support');
    expect((await modal.submit()).outcome).toBe('closed');
    await waitFor(() => expect(cardNow(t, card)).toContain('Closed'));
    await imap.deliver(vendorMail({ subject: 'Re: [GT-1001] one more thing', messageId: '<zendesk-48213-3@goodtime.zendesk.com>', text: 'The fix needs a setting on your side.' }));
    const reply = await waitFor(() => t.fake.thread(t.teamChannel, card.ts).find((m) => m.text.includes('The fix needs a setting')));
    expect(t.render(reply)).toContain('[Reopen…]');
  });

  it('when the mailbox is down, then /healthz says so and the reader catches up once it is back', async () => {
    await imap.stop();
    await waitFor(async () => {
      const health = (await (await fetch(`${t.app.url}/healthz`)).json()) as { status: string; mailbox?: { state: string } };
      expect(health.status).toBe('degraded');
      expect(health.mailbox?.state).toBe('retrying');
      return true;
    }, { timeout: 15_000 });
    await imap.start();
    await imap.deliver(vendorMail({ subject: 'Re: [GT-1001] after the outage', messageId: '<zendesk-48213-4@goodtime.zendesk.com>', text: 'Back online: the setting is under Admin → Calendars.' }));
    await waitFor(() => thread().find((m) => m.includes('Back online')), { timeout: 30_000 });
    await waitFor(async () => ((await (await fetch(`${t.app.url}/healthz`)).json()) as { status: string }).status === 'ok');
  }, 60_000);

  it('when two instances read the same mailbox, then a reply is posted once', async () => {
    const second = await t.startAnotherInstance();
    try {
      await imap.deliver(vendorMail({ subject: 'Re: [GT-1001] both instances', messageId: '<zendesk-48213-5@goodtime.zendesk.com>', text: 'Read by two instances.' }));
      await waitFor(() => thread().find((m) => m.includes('Read by two instances')), { timeout: 15_000 });
      await new Promise((resolve) => setTimeout(resolve, 1_500)); // time for the other instance to (not) post it too
      expect(thread().filter((m) => m.includes('Read by two instances'))).toHaveLength(1);
    } finally {
      await second.stop();
    }
  }, 30_000);
});

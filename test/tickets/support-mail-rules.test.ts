// Pure rules of the mail conversation with Support: which ticket a reply belongs to, the vendor's own ticket
// number, who counts as Support, and what of a reply is the sender's own words.
import { describe, expect, it } from 'vitest';
import { parseInboundMail, visibleReply } from '../../src/delivery/inbound-mail';
import { isFromVendor, replyTarget, vendorTicketIdIn } from '../../src/tickets/ticket-email';

describe('matching a reply to its ticket', () => {
  const id = '65f0c0ffee0000000000abcd';
  it('when a reply names one of our Message-IDs, then that ticket is the one, whatever the subject says', () => {
    expect(replyTarget({ inReplyTo: `<gt-1042.${id}@goodtime-help>`, references: [], subject: 'Re: [GT-9] other' }, 'GT')).toEqual({ ticketId: id });
    expect(replyTarget({ references: ['<x@y>', `<gt-1042.${id}.note.v123@goodtime-help>`], subject: '' }, 'GT')).toEqual({ ticketId: id });
  });
  it('when only the subject carries the ticket number, then the number decides (any case, the process prefix)', () => {
    expect(replyTarget({ references: [], subject: 'RE: [gt-1042][P1] Bug: invites' }, 'GT')).toEqual({ key: 'GT-1042' });
    expect(replyTarget({ references: [], subject: 'Re: [CP-7] Access' }, 'CP')).toEqual({ key: 'CP-7' });
  });
  it('when nothing points at a ticket, then there is no match (a bare "GT-1042" without brackets is not enough)', () => {
    expect(replyTarget({ references: ['<abc@mail.example>'], subject: 'About GT-1042 lunch' }, 'GT')).toBeUndefined();
    expect(replyTarget({ inReplyTo: '<gt-1042.nothex@goodtime-help>', references: [], subject: '' }, 'GT')).toBeUndefined();
  });
});

describe('the vendor ticket number and the vendor sender', () => {
  it('when Zendesk writes "[#12345]", then "#12345" is kept', () => {
    expect(vendorTicketIdIn('Re: [GT-1042] Bug [#48213]')).toBe('#48213');
    expect(vendorTicketIdIn('Your request #9911 has been received')).toBe('#9911');
    expect(vendorTicketIdIn('Re: [GT-1042] Bug')).toBeUndefined();
  });
  it('when the sender is at the support address domain, then it is Support', () => {
    expect(isFromVendor('jane@goodtime.io', 'support@goodtime.io')).toBe(true);
    expect(isFromVendor('jane@goodtime.io.evil.test', 'support@goodtime.io')).toBe(false);
    expect(isFromVendor('bob@acme.test', 'support@goodtime.io')).toBe(false);
  });
});

describe('what of a reply is shown', () => {
  it('when a reply quotes the history and signs off, then only the new words remain', async () => {
    const text = 'Fixed on our side.\n\nJane\n-- \nJane Doe, GoodTime\n\nOn Tue, Dec 1, 2026 at 9:00 AM Help <help@acme.test> wrote:\n> old text\n';
    expect(await visibleReply(text)).toBe('Fixed on our side.\n\nJane');
  });
  it('when an HTML-only mail arrives, then its text is read without link targets or images', async () => {
    const raw = 'From: Jane <jane@goodtime.io>\r\nSubject: Re: [GT-1]\r\nMessage-ID: <a@b>\r\nAuto-Submitted: auto-replied\r\nContent-Type: text/html\r\n\r\n<p>See <a href="https://x.test/">the guide</a><img src="cid:1"></p>\r\n';
    const mail = await parseInboundMail(raw, '<fallback@x>');
    expect(mail.text).toBe('See the guide');
    expect(mail.automatic).toBe(true);
    expect(mail.from).toEqual({ name: 'Jane', address: 'jane@goodtime.io' });
  });
  it('when a mail has no Message-ID, then the fallback from its mailbox UID stands in', async () => {
    const mail = await parseInboundMail('From: a@b.test\r\nSubject: x\r\n\r\nhello\r\n', '<uid-1-7@imap>');
    expect(mail.messageId).toBe('<uid-1-7@imap>');
  });
});

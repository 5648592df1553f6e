// The conversation with the vendor's support team, both ways, in the ticket's thread: replies read from the
// mailbox are posted once (and the first one from Support acknowledges the ticket); a liaison's note goes out as a
// reply in the same email thread. Every step is repeatable, so a crash or a second instance repeats nothing.
import { crashPoint } from '../crash-points';
import type { InboundMail } from '../delivery/inbound-mail';
import type { InboundOutcome } from '../delivery/imap-reader';
import { notAllowed, invalidState } from '../errors';
import type { SharedFile } from '../delivery/outbox';
import type { SupportNote, Ticket } from './ticket';
import { isFromVendor, noteMail, noteMessageId, replyTarget, vendorTicketIdIn, type EmailContext } from './ticket-email';
import type { TicketDeps } from './ticket-ports';

export const NOTE_OUTBOX_PURPOSE = 'ticket-note';
export const NOTE_MAX = 3000;

export function createSupportConversation(deps: TicketDeps & { ownAddress?: string }, tools: { mustGet: (id: string) => Promise<Ticket>; emailContext: (t: Ticket, also?: string[]) => Promise<EmailContext>; onVendorUpdate: (t: Ticket, updatedAt: Date) => Promise<Ticket> }) {
  const { store, process, clock, notifier, outbox, settings } = deps;
  const log = deps.logger.child({ component: 'support-mail' });

  const findTarget = async (mail: InboundMail): Promise<Ticket | null> => {
    const target = replyTarget(mail, process.vendor.ticketPrefix);
    if (!target) return null;
    return 'ticketId' in target ? store.get(target.ticketId) : store.findByKey(target.key);
  };

  /** When Support answered: the mail's own date when it is believable, else now. */
  const answeredAt = (mail: InboundMail, ticket: Ticket): Date => {
    const now = clock.now().toJSDate();
    const date = mail.date;
    return date && date >= ticket.createdAt && date <= now ? date : now;
  };

  return {
    /** One mail from the mailbox: posted in its ticket's thread once, or left alone (unmatched, our own). */
    async receiveReply(mail: InboundMail): Promise<InboundOutcome> {
      if (deps.ownAddress && mail.from.address === deps.ownAddress.toLowerCase()) return 'ignored'; // our own mail, copied back
      const found = await findTarget(mail);
      if (!found) return 'unmatched';
      const known = found.replies.find((r) => r.messageId === mail.messageId);
      if (known?.postedAt) return 'repeat';
      if (!found.card) throw invalidState(`${found.key} has no card yet; its reply waits for the next read`);
      const fromVendor = isFromVendor(mail.from.address, settings.supportEmail);
      const ticket =
        (await store.recordReply(found.id, { messageId: mail.messageId, from: mail.from.address, vendor: fromVendor, automatic: mail.automatic, receivedAt: answeredAt(mail, found) })) ??
        found;
      await notifier.supportReply(ticket, mail, fromVendor);
      crashPoint('ticket.reply_posted');
      let current = ticket;
      const vendorTicketId = vendorTicketIdIn(mail.subject);
      if (vendorTicketId && !current.vendorTicketId) current = (await store.keepVendorTicketId(current.id, vendorTicketId)) ?? current;
      // A person at Support answering is the acknowledgement; an auto-responder's "we got it" is not.
      if (fromVendor && !mail.automatic) {
        if (!current.acknowledgedAt) current = (await store.acknowledge(current.id, answeredAt(mail, current))) ?? current;
        const receivedAt = current.replies.find((r) => r.messageId === mail.messageId)?.receivedAt ?? answeredAt(mail, current);
        current = await tools.onVendorUpdate(current, receivedAt); // a person's reply is an update: the cadence counts from it
      }
      if (current !== ticket) await notifier.updateCard(current);
      await store.markReplyPosted(current.id, mail.messageId, clock.now().toJSDate());
      log.info({ ticketId: current.id, key: current.key, fromVendor, automatic: mail.automatic }, 'support reply posted in the ticket thread');
      return 'posted';
    },

    /**
     * A liaison's message to Support, stored and queued before the form closes (one per form, however often it is
     * submitted). The note is stored before its mail is queued, so a mail Support gets always has its note in the
     * thread: the thread note follows (announceNote), and is edited once the mail is delivered. A form sent again
     * after a crash between the two queues the mail then.
     */
    async queueNote(ticketId: string, noteId: string, text: string, userId: string, shared: { files: SharedFile[]; leftOut: string[] } = { files: [], leftOut: [] }): Promise<{ ticket: Ticket; note: SupportNote }> {
      if (!(await deps.isLiaison(userId))) throw notAllowed(`Only a liaison can write to ${process.vendor.name} Support from a ticket. Reply in the thread and a liaison will pass it on.`);
      const ticket = await tools.mustGet(ticketId);
      const outboxKey = `ticket:${ticket.id}:note:${noteId}`;
      const existing = ticket.notes.find((n) => n.id === noteId);
      if (existing && (await outbox.find(outboxKey))) return { ticket, note: existing };
      const { files, leftOut } = shared;
      const downloaded = files.length && deps.files ? await deps.files.download(files) : { attached: [], skipped: [] };
      // Files the form could not carry are named too: Support and the thread learn what did not come.
      const collected = { attached: downloaded.attached, skipped: [...downloaded.skipped, ...leftOut.map((name) => `${name} (more files than one note carries)`)] };
      const note: SupportNote = existing ?? {
        id: noteId,
        by: userId,
        text,
        messageId: noteMessageId(ticket, noteId),
        queuedAt: clock.now().toJSDate(),
        ...(files.length || leftOut.length ? { files: { attached: collected.attached.map((f) => f.filename), skipped: collected.skipped } } : {}),
      };
      const recorded = existing ? ticket : ((await store.recordNote(ticket.id, note)) ?? (await tools.mustGet(ticket.id)));
      crashPoint('ticket.note_recorded');
      const mail = noteMail(await tools.emailContext(ticket, [userId]), { to: settings.supportEmail, noteId, text, by: userId, replyTo: settings.replyTo, files: collected });
      await outbox.enqueue(outboxKey, { kind: NOTE_OUTBOX_PURPOSE, id: `${ticket.id}:${noteId}` }, mail);
      crashPoint('ticket.note_queued');
      return { ticket: recorded, note: recorded.notes.find((n) => n.id === noteId) ?? note };
    },

    async announceNote(ticket: Ticket, note: SupportNote): Promise<void> {
      await notifier.noteSent(ticket, note);
    },

    /** The outbox sent a note: its thread message says when. */
    async noteDelivered(purposeId: string, at: Date): Promise<void> {
      const [ticketId = '', noteId = ''] = purposeId.split(':');
      const ticket = await store.get(ticketId);
      const note = ticket?.notes.find((n) => n.id === noteId);
      if (ticket && note) await notifier.noteSent(ticket, note, at);
    },
  };
}

// Bolt wiring for writing to Support from a ticket: the card's *Reply to Support*, the message shortcut of the same
// name on a message in a ticket's thread (prefilled with it, its files attached), and the form's submission.
// Liaisons only. The note is stored and queued before the form closes.
import { z } from 'zod';
import { notAllowed } from '../errors';
import type { ProcessDefinition } from '../process';
import { withinAckBudget } from '../slack/ack-budget';
import type { SlackListeners } from '../slack/listeners';
import { openLoadingModal } from '../slack/modals';
import { decodeMetadata, encodeMetadata, PRIVATE_METADATA_LIMIT } from '../slack/private-metadata';
import { truncate } from '../slack/mrkdwn';
import { buttonValue } from '../slack/routes';
import { sharedFileName, type SharedFile } from '../delivery/outbox';
import { validateForm } from '../slack/view-state';
import { readableMessageText } from './ticket';
import { buildReplyModal } from './ticket-form-blocks';
import { TicketIds } from './ticket-ids';
import type { TicketService } from './ticket-service';
import { NOTE_MAX } from './ticket-conversation';

const fileSchema = z.object({ name: z.string().optional(), mimetype: z.string().optional(), size: z.number().optional(), url_private_download: z.string().optional(), url_private: z.string().optional(), mode: z.string().optional() });
const NOTE_FILES_MAX = 10;
const LEFT_OUT_NAMED = 20;
const replyMetadata = z.object({ ticketId: z.string(), files: z.array(fileSchema).max(NOTE_FILES_MAX).default([]), leftOut: z.array(z.string()).default([]) });
const TITLE = 'Reply to Support';
const NOT_SAVED = 'Could not confirm this in time. Please press Send again: it goes to Support once, however often you press it.';

export interface SupportReplyListenerDeps {
  service: TicketService;
  process: ProcessDefinition;
  supportEmail: string;
  readsReplies: boolean;
  isLiaison: (userId: string) => Promise<boolean>;
}

/**
 * The files a form carries to its submission (the first 10, as many as fit in the view's private metadata), and the
 * names of the rest, so the note can say they were left out.
 */
function filesThatFit(ticketId: string, files: SharedFile[]): { files: SharedFile[]; leftOut: string[] } {
  const kept = files.slice(0, NOTE_FILES_MAX).map((f) => ({ name: f.name, mimetype: f.mimetype, size: f.size, url_private_download: f.url_private_download, url_private: f.url_private, mode: f.mode }));
  const dropped = files.slice(NOTE_FILES_MAX);
  // Named up to a count that always fits beside the ticket id; any further ones are counted.
  const named = () => {
    const names = dropped.map((f) => truncate(sharedFileName(f), 80));
    return names.length > LEFT_OUT_NAMED ? [...names.slice(0, LEFT_OUT_NAMED), `${names.length - LEFT_OUT_NAMED} more files`] : names;
  };
  while (kept.length && JSON.stringify({ ticketId, files: kept, leftOut: named() }).length > PRIVATE_METADATA_LIMIT - 100) dropped.unshift(kept.pop() as SharedFile);
  return { files: kept, leftOut: named() };
}

export const supportReplyListeners = (deps: SupportReplyListenerDeps): SlackListeners => ({ routes }) => {
  const { service } = deps;
  const requireLiaison = async (userId: string) => {
    if (!(await deps.isLiaison(userId))) throw notAllowed(`Only a liaison can write to ${deps.process.vendor.name} Support from a ticket. Reply in the ticket's thread and a liaison will pass it on.`);
  };
  const modal = (ticket: Awaited<ReturnType<TicketService['get']>>, prefill: string | undefined, files: SharedFile[]) => {
    const kept = filesThatFit(ticket.id, files);
    return buildReplyModal(
      { process: deps.process, supportEmail: deps.supportEmail, readsReplies: deps.readsReplies },
      ticket,
      { prefill, fileNames: kept.files.map(sharedFileName), leftOut: kept.leftOut, privateMetadata: encodeMetadata(replyMetadata, { ticketId: ticket.id, ...kept }) },
    );
  };

  routes.action(TicketIds.replyToSupport, async ({ ack, body, action, client }) => {
    await ack();
    await requireLiaison(body.user.id);
    const loading = await openLoadingModal(client, body.trigger_id, TITLE);
    await loading.fill(async () => modal(await service.get(buttonValue(action)), undefined, []));
  });

  routes.messageShortcut(TicketIds.replyMessageShortcut, async ({ ack, shortcut, client }) => {
    await ack();
    await requireLiaison(shortcut.user.id);
    const loading = await openLoadingModal(client, shortcut.trigger_id, TITLE);
    const message = shortcut.message as { text?: string; ts: string; thread_ts?: string; files?: SharedFile[] };
    const ticket = await service.findByThread(shortcut.channel.id, message.thread_ts ?? message.ts);
    if (!ticket) {
      await loading.showMessage('This message is not in a ticket’s thread. Use *Reply to Support* on a message in the thread of a ticket card (or the card’s own button).');
      return;
    }
    await loading.fill(async () => modal(ticket, readableMessageText(message.text ?? ''), message.files ?? []));
  });

  routes.view(TicketIds.replyView, async ({ ack, body, view }) => {
    const B = TicketIds.block;
    const form = validateForm(
      z.object({ [B.note]: z.string({ error: 'Write what Support should read.' }).trim().min(1, 'Write what Support should read.').max(NOTE_MAX, `Please keep it under ${NOTE_MAX} characters.`) }),
      view.state.values,
    );
    if (!form.ok) return ack({ response_action: 'errors', errors: form.errors });
    const { ticketId, files, leftOut } = decodeMetadata(replyMetadata, view.private_metadata);
    const text = form.value[B.note] as string;
    // Stored and queued before the form closes: what the liaison saw sent survives a crash right after.
    const saved = await withinAckBudget(service.queueNote(ticketId, view.id, text, body.user.id, { files, leftOut }), async () => undefined);
    if (!saved) return ack({ response_action: 'errors', errors: { [B.note]: NOT_SAVED } });
    await ack();
    await service.announceNote(saved.ticket, saved.note);
  });
};

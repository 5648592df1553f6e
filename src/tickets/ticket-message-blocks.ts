// Pure: what tickets say besides the card — phase updates in the thread, DMs, the channel line, nudges.
import type { KnownBlock } from '@slack/types';
import { describeStage, getSeverity, getTicketType, type PhaseTimeframe } from '../process';
import { link, mention, quote, safeText, slackDate, truncate } from '../slack/mrkdwn';
import type { InboundMail } from '../delivery/inbound-mail';
import { formatSize } from '../delivery/outbox';
import { peopleCount, SLA_FILER, voteCount, votesOf, watchersOf, stageLabel, type SupportNote, type Ticket, type TicketMove } from './ticket';
import type { SlackMessage } from '../slack/block-kit';
import { csmBookingUrl, productBoardUrl, type CardContext } from './ticket-blocks';
import { TicketIds } from './ticket-ids';
import type { Nudge } from './ticket-ports';
import { button, feedbackAsk, section } from '../slack/block-kit';

const epoch = (d: Date) => d.getTime() / 1000;
const keyLink = (t: Ticket) => (t.cardPermalink ? link(t.cardPermalink, t.key) : t.key);

const timeframeText = (timeframe: PhaseTimeframe | null) => (timeframe ? (timeframe.text ?? `up to ${timeframe.max.amount} ${timeframe.max.unit}`) : 'none given');

function movedBy(move: TicketMove): string {
  switch (move.via) {
    case 'webhook':
      return 'Support (webhook)';
    case 'incident':
      return 'the incident’s resolution';
    default:
      return mention(move.by);
  }
}

/** "Phase N of M — name · what it means · average timeframe · next steps", with who moved it and why. */
export function phaseUpdate(ctx: CardContext, t: Ticket, move: TicketMove): SlackMessage {
  const type = getTicketType(ctx.process, t.typeId);
  const d = describeStage(ctx.process, type, move.to);
  const lines = [`:arrow_forward: *${safeText(stageLabel(ctx.process, type, move.to), 200)}*`, `*What it means:* ${safeText(d.meaning, 1200)}`];
  if (d.phaseNumber !== null) lines.push(`*Average timeframe:* ${safeText(timeframeText(d.timeframe), 200)}`);
  if (d.nextSteps) lines.push(`*Next steps:* ${safeText(d.nextSteps, 1200)}`);
  lines.push(`_Moved from ${safeText(stageLabel(ctx.process, type, move.from), 200)} by ${movedBy(move)}._`);
  if (move.via === 'webhook' && move.note) lines.push(`Support says:\n${quote(move.note, 1000)}`);
  else if (move.reason) lines.push(`Reason:\n${quote(move.reason, 1000)}`);
  if (move.to === 'on-hold') lines.push(`I've asked ${(t.confirmation?.asked ?? [t.reporterId]).slice(0, 5).map(mention).join(', ')} to confirm the fix.`);
  return { text: truncate(lines.join('\n'), 3900) };
}

export function phaseDm(ctx: CardContext, t: Ticket, move: TicketMove): SlackMessage {
  const type = getTicketType(ctx.process, t.typeId);
  const d = describeStage(ctx.process, type, move.to);
  const next = d.nextSteps ? ` Next: ${safeText(d.nextSteps, 600)}` : '';
  return { text: `:ticket: ${keyLink(t)} (“${safeText(t.title, 150)}”) is now at *${safeText(stageLabel(ctx.process, type, move.to), 200)}*. ${safeText(d.meaning, 600)}${next}` };
}

export function channelLine(ctx: CardContext, t: Ticket, move: TicketMove): SlackMessage {
  const type = getTicketType(ctx.process, t.typeId);
  return { text: `:ticket: ${keyLink(t)} · ${safeText(t.title, 150)} → *${safeText(stageLabel(ctx.process, type, move.to), 200)}*` };
}

export function filedConfirmation(ctx: CardContext, t: Ticket): SlackMessage {
  const where = keyLink(t);
  const due = slackDate(epoch(t.acknowledgementDueAt));
  if (t.filedBy === SLA_FILER) {
    return { text: `:arrow_up: Nobody on the project team answered your question in time, so it went to ${ctx.process.vendor.name} Support as ${where}. They should acknowledge it by ${due}; I'll DM you at every step.` };
  }
  return { text: `:ticket: Filed ${where} with ${ctx.process.vendor.name} Support (${safeText(ctx.settings.supportEmail, 200)}). Acknowledgement target: ${due}. Its card and thread keep the history.` };
}

export function filingDelayed(ctx: CardContext, t: Ticket): SlackMessage {
  return { text: `:hourglass_flowing_sand: ${t.key} (“${safeText(t.title, 150)}”) is filed, but Slack or mail had a hiccup while posting it. Its card and the email to ${ctx.process.vendor.name} Support follow on their own in a minute or two — no need to file it again.` };
}

export function filedForYou(ctx: CardContext, t: Ticket): SlackMessage {
  return { text: `:ticket: ${mention(t.filedBy)} filed ${keyLink(t)} (“${safeText(t.title, 150)}”) with ${ctx.process.vendor.name} Support for you. I'll DM you at every step, and you'll confirm the fix.` };
}

export function confirmFixRequest(ctx: CardContext, t: Ticket): SlackMessage {
  const text = `:white_check_mark: ${ctx.process.vendor.name} says ${keyLink(t)} (“${safeText(t.title, 150)}”) is fixed. Does it work for you now? The ticket stays on hold until you confirm.`;
  const blocks: KnownBlock[] = [
    section(text),
    {
      type: 'actions',
      block_id: TicketIds.block.confirm,
      elements: [button('Yes, it’s fixed', TicketIds.confirmFixed, t.id, 'primary'), button('Still broken', TicketIds.confirmBroken, t.id, 'danger')],
    },
  ];
  return { text, blocks };
}

export function confirmationAnswered(t: Ticket, answer: 'fixed' | 'broken'): SlackMessage {
  return answer === 'fixed'
    ? { text: `:white_check_mark: Thanks — you confirmed ${keyLink(t)} is fixed. It is closed now.` }
    : { text: `:leftwards_arrow_with_hook: Thanks — ${keyLink(t)} is reopened and the team will take it back to Support.` };
}

export function voteNote(ctx: CardContext, t: Ticket, userId: string): SlackMessage {
  const type = getTicketType(ctx.process, t.typeId);
  const board = productBoardUrl(ctx);
  const upvote = type.productBoard && board ? ` Upvote it on the ${link(board, 'product board')} too.` : '';
  if (t.proposal) return { text: `:raised_hand: ${mention(userId)} wants this too (${voteCount(votesOf(t))}).${upvote}` };
  return { text: `:raised_hand: ${mention(userId)} has this too (${peopleCount(1 + t.voters.length)}).${upvote}` };
}

export function csmNote(ctx: CardContext, t: Ticket, byUserId: string, emailed: boolean): SlackMessage {
  const booking = csmBookingUrl(ctx);
  const parts = [`:telephone_receiver: ${mention(byUserId)} escalated ${t.key} to the CSM.`];
  if (emailed && ctx.settings.csmEmail) parts.push(`Emailed ${safeText(ctx.settings.csmEmail, 200)} with the ticket.`);
  if (ctx.settings.csmSlackUserId) parts.push(`${mention(ctx.settings.csmSlackUserId)} has it in Slack too.`);
  parts.push(booking ? `Book time: ${link(booking, 'CSM booking link')}` : (ctx.process.escalation.csm ? safeText(ctx.process.escalation.csm, 600) : ''));
  return { text: parts.filter(Boolean).join(' ') };
}

export function csmDm(ctx: CardContext, t: Ticket, byUserId: string): SlackMessage {
  const severity = getSeverity(ctx.process, t.severityId);
  return { text: `:telephone_receiver: ${mention(byUserId)} is escalating ${keyLink(t)} to you: “${safeText(t.title, 200)}” (${severity.id} ${safeText(severity.label, 40)}, ${peopleCount(watchersOf(t).length)} affected). The thread has the history.` };
}

/** A nudge to the liaison, in the ticket's thread, with the next step and a one-click *Chase Support*. */
export function nudgeMessage(ctx: CardContext, t: Ticket, nudge: Nudge, liaisons: string): SlackMessage {
  const vendor = ctx.process.vendor.name;
  const type = getTicketType(ctx.process, t.typeId);
  const severity = getSeverity(ctx.process, t.severityId);
  const chase = `${liaisons}, chase ${vendor} Support: *Chase Support* below emails them a polite reminder in the ticket's email thread (subject starts with [${t.key}]), or use the chat in ${vendor}.`;
  const csm = nudge.highImpact && type.csmEscalation && !t.csm ? ` This is high impact: *Escalate to CSM* on the card.` : '';
  const withChase = (text: string): SlackMessage => ({
    text,
    blocks: [section(text), { type: 'actions', block_id: TicketIds.block.nudge, elements: [button('Chase Support', TicketIds.chase, t.id)] }],
  });
  switch (nudge.kind) {
    case 'acknowledgement':
      return withChase(`:alarm_clock: ${vendor} has not acknowledged ${t.key} yet; the target was ${slackDate(epoch(nudge.dueAt))}. ${chase}${csm}`);
    case 'update':
      return withChase(`:alarm_clock: ${vendor} owed an update on ${t.key} by ${slackDate(epoch(nudge.dueAt))} (${severity.vendorLevel}: ${safeText(severity.updates?.text ?? 'regular updates', 120)}) and none came. ${chase}${csm}`);
    case 'workaround':
      return withChase(`:alarm_clock: ${vendor}'s workaround deadline for ${t.key} passed ${slackDate(epoch(nudge.dueAt))} with the ticket still open. ${chase}${csm}`);
    case 'overstay': {
      const d = describeStage(ctx.process, type, nudge.stage);
      const days = nudge.businessDaysIn === 1 ? '1 business day' : `${nudge.businessDaysIn} business days`;
      return withChase(`:hourglass: ${t.key} has been in *${safeText(stageLabel(ctx.process, type, nudge.stage), 200)}* since ${slackDate(epoch(nudge.enteredAt))} (${days}); ${vendor}'s average is ${safeText(timeframeText(d.timeframe), 100)}. ${chase}${csm}`);
    }
  }
}

/** The ladder's second step, in the thread: the CSM is brought in, and why. */
export function csmBroughtInNote(ctx: CardContext, t: Ticket, why: string, emailed: boolean): SlackMessage {
  const parts = [`:telephone_receiver: ${safeText(why, 300)}, so I brought ${t.key} to the ${ctx.process.vendor.name} CSM.`];
  if (emailed && ctx.settings.csmEmail) parts.push(`Emailed ${safeText(ctx.settings.csmEmail, 200)} with the ticket.`);
  if (ctx.settings.csmSlackUserId) parts.push(`${mention(ctx.settings.csmSlackUserId)} has it in Slack too.`);
  const booking = csmBookingUrl(ctx);
  if (booking) parts.push(`Book time: ${link(booking, 'CSM booking link')}`);
  return { text: parts.join(' ') };
}

export function csmBroughtInDm(ctx: CardContext, t: Ticket, why: string): SlackMessage {
  const severity = getSeverity(ctx.process, t.severityId);
  return { text: `:telephone_receiver: ${safeText(why, 300)}: “${safeText(t.title, 200)}” (${severity.id} ${safeText(severity.label, 40)}, ${peopleCount(watchersOf(t).length)} affected) needs your help as CSM. ${keyLink(t)} has the history.` };
}

/** The refusal a non-liaison gets, with what to do instead. */
export function notLiaisonText(ctx: CardContext, liaisonIds: string[], what = 'file a ticket'): string {
  const who = liaisonIds.length ? ` (${liaisonIds.slice(0, 5).map(mention).join(', ')})` : '';
  return `Only a liaison${who} can ${what} with ${ctx.process.vendor.name} Support. Ask the project team with \`/goodtime-help your question\` — if nobody answers in time, it goes to Support on its own — or ask a liaison in the team channel.`;
}

const REPLY_TEXT_MAX = 2500;

/** A mail from the ticket's email thread: who wrote, what they wrote (trimmed, escaped, cut), what was attached. */
export function supportReplyMessage(ctx: CardContext, t: Ticket, mail: InboundMail, fromVendor: boolean): SlackMessage {
  const vendor = ctx.process.vendor.name;
  const sender = mail.from.name ? `${safeText(mail.from.name, 100)} (${safeText(mail.from.address, 200)})` : safeText(mail.from.address, 200);
  const who = fromVendor ? `${vendor} Support` : sender;
  const kind = mail.automatic ? 'Automatic reply' : 'Reply';
  const lines = [`:incoming_envelope: *${kind} from ${safeText(who, 200)}* about ${keyLink(t)}${fromVendor ? ` — ${sender}` : ''}`];
  const body = mail.text.trim();
  if (body) {
    lines.push(quote(body.length > REPLY_TEXT_MAX ? body.slice(0, REPLY_TEXT_MAX) : body, REPLY_TEXT_MAX + 200));
    if (body.length > REPLY_TEXT_MAX) lines.push(`_Cut here: ${(body.length - REPLY_TEXT_MAX).toLocaleString('en-US')} more characters are in the email itself._`);
  } else {
    lines.push('_(no text)_');
  }
  if (mail.attachments.length) lines.push(`:paperclip: Attached to the email: ${mail.attachments.slice(0, 10).map((a) => `${safeText(a.filename, 120)} (${formatSize(a.size)})`).join(', ')}${mail.attachments.length > 10 ? ` and ${mail.attachments.length - 10} more` : ''}`);
  const text = truncate(lines.join('\n'), 2900);
  if (t.stage !== 'closed') return { text };
  const reopen = `${t.key} is closed. If Support's answer means it is not done, a liaison can reopen it.`;
  return {
    text,
    blocks: [
      section(text),
      { type: 'actions', block_id: TicketIds.block.reopen, elements: [button('Reopen…', TicketIds.changePhase, t.id)] },
      { type: 'context', elements: [{ type: 'mrkdwn', text: safeText(reopen, 300) }] },
    ],
  };
}

/** A liaison's note to Support in the thread: queued, then delivered. */
export function noteSentMessage(ctx: CardContext, t: Ticket, note: SupportNote, deliveredAt?: Date): SlackMessage {
  const to = safeText(ctx.settings.supportEmail, 200);
  const state = deliveredAt ? `:white_check_mark: Delivered to ${to} ${slackDate(epoch(deliveredAt), '{date_short_pretty} at {time_secs}')}` : `:outbox_tray: Queued for ${to}`;
  const lines = [`:outbox_tray: ${mention(note.by)} wrote to ${ctx.process.vendor.name} Support about ${t.key}:`, quote(note.text, 2400)];
  if (note.files?.attached.length) lines.push(`:paperclip: With ${note.files.attached.map((f) => safeText(f, 120)).join(', ')}`);
  if (note.files?.skipped.length) lines.push(`Not attached: ${note.files.skipped.map((f) => safeText(f, 160)).join('; ')}`);
  lines.push(`_${state}, as a reply in the ticket's email thread._`);
  return { text: truncate(lines.join('\n'), 3900) };
}

/** Which files of the thread went with the support email. */
export function filesAttachedMessage(ctx: CardContext, t: Ticket, files: { attached: string[]; skipped: string[] }): SlackMessage {
  const parts: string[] = [];
  if (files.attached.length) parts.push(`:paperclip: Sent with the email to ${ctx.process.vendor.name} Support: ${files.attached.map((f) => safeText(f, 120)).join(', ')}.`);
  if (files.skipped.length) parts.push(`Not sent: ${files.skipped.map((f) => safeText(f, 160)).join('; ')}.${files.attached.length ? '' : ` ${t.key} went without them.`}`);
  return { text: truncate(parts.join(' '), 3000) };
}

/** "Did it help?" to the reporter once the ticket is closed. */
export function feedbackRequest(ctx: CardContext, t: Ticket): SlackMessage {
  const text = `:ticket: ${keyLink(t)} (“${safeText(t.title, 150)}”) is closed. Did ${ctx.process.vendor.name} Support's help solve it for you?`;
  return feedbackAsk(text, { blockId: TicketIds.block.feedback, up: TicketIds.feedbackUp, down: TicketIds.feedbackDown }, t.id);
}

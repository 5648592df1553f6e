// Pure: a ticket → its card, the anchor message edited in place at every change.
import type { ActionsBlock, Button, KnownBlock } from '@slack/types';
import { describeStage, getSeverity, getTicketType, stagesOf, type ProcessDefinition, type TicketType } from '../process';
import { link, mention, safeText, slackDate } from '../slack/mrkdwn';
import { isWithVendor, LADDER, voteCount, votesOf, progressDots, shortTypeLabel, SLA_FILER, stageLabel, watchersOf, type Ticket, type TicketOrigin } from './ticket';
import { TicketIds } from './ticket-ids';
import type { TicketSettings } from './ticket-ports';
import { button, context, type SlackMessage } from '../slack/block-kit';

/** Where a ticket came from, for its card, its form and its proposal. */
export function originText(origin: TicketOrigin, authorLabel = 'message'): string | undefined {
  if (origin.kind === 'question') return origin.permalink ? `Escalated from ${link(origin.permalink, 'a question in the team channel')}` : 'Escalated from a question';
  if (origin.kind === 'message') {
    const by = origin.authorId ? ` by ${mention(origin.authorId)}` : '';
    return `From ${origin.permalink ? link(origin.permalink, `a ${authorLabel}`) : `a ${authorLabel}`}${by}`;
  }
  return undefined;
}

export interface CardContext {
  process: ProcessDefinition;
  settings: TicketSettings;
}

const epoch = (d: Date) => d.getTime() / 1000;

export const productBoardUrl = (ctx: CardContext) => ctx.settings.productBoardUrl ?? ctx.process.vendor.links.productBoard;
export const csmBookingUrl = (ctx: CardContext) => ctx.settings.csmBookingUrl ?? ctx.process.vendor.links.csmBooking;

export function acknowledgementLine(ctx: CardContext, t: Ticket): string {
  const vendor = ctx.process.vendor.name;
  const due = slackDate(epoch(t.acknowledgementDueAt));
  if (t.acknowledgedAt) {
    const late = t.acknowledgedAt > t.acknowledgementDueAt;
    const how = t.replies.some((r) => r.vendor && !r.automatic) && !t.history.some((m) => m.from === 1) ? ' by email' : '';
    return `${late ? ':warning:' : ':white_check_mark:'} ${vendor} acknowledged it${how} ${slackDate(epoch(t.acknowledgedAt))} — target ${late ? 'missed' : 'met'} (${due})`;
  }
  if (t.stage === 'closed') return `:stopwatch: Acknowledgement target was ${due}`;
  if (t.nudges.includes('ack')) return `:warning: *${vendor}'s acknowledgement target ${due} was missed* — chase Support`;
  return `:stopwatch: ${vendor} should acknowledge it by ${due}`;
}

export function emailLine(t: Ticket): string {
  const to = safeText(t.email.to, 200);
  switch (t.email.state) {
    case 'sent':
      return `:email: Emailed to ${to} ${slackDate(epoch(t.email.at ?? t.createdAt))}`;
    case 'retrying':
      return `:email: Email to ${to} queued — mail is not going through, retrying${t.email.nextAttemptAt ? ` (next try ${slackDate(epoch(t.email.nextAttemptAt), '{time_secs}')})` : ''}`;
    case 'not-configured':
      return `:email: Email to ${to} not sent: email is not configured (SMTP_URL). It waits in the outbox and goes out once mail is set up.`;
    default:
      return `:email: Email to ${to} queued`;
  }
}

/** The update cadence and the workaround deadline: next due, overdue, met or missed (when the severity has them). */
export function cadenceLine(ctx: CardContext, t: Ticket): string | undefined {
  const vendor = ctx.process.vendor.name;
  const parts: string[] = [];
  const missed = t.updatesMissed ?? 0;
  if (t.updateDueAt && isWithVendor(t)) {
    parts.push(`${missed ? ':warning:' : ':repeat:'} Next update from ${vendor} due ${slackDate(epoch(t.updateDueAt))}${missed ? ` (${missed} missed)` : ''}`);
  } else if (missed) {
    parts.push(`:warning: ${missed} ${missed === 1 ? 'update' : 'updates'} missed`);
  }
  if (t.workaroundMetAt) parts.push(':white_check_mark: Workaround target met');
  else if (t.workaroundMissedAt) parts.push(`:warning: *Workaround deadline missed* (${t.workaroundDueAt ? slackDate(epoch(t.workaroundDueAt)) : 'passed'})`);
  else if (t.workaroundDueAt && isWithVendor(t)) parts.push(`:adhesive_bandage: Workaround due ${slackDate(epoch(t.workaroundDueAt))}`);
  return parts.length ? parts.join(' · ') : undefined;
}

function filedLine(t: Ticket): string {
  const parts = [`Reported by ${mention(t.reporterId)}`];
  parts.push(t.filedBy === SLA_FILER ? 'filed by the internal SLA (no answer in time)' : `filed by ${mention(t.filedBy)}`);
  const origin = originText(t.origin);
  if (origin) parts.push(origin);
  return parts.join(' · ');
}

function extrasLine(ctx: CardContext, t: Ticket, type: TicketType): string | undefined {
  const parts: string[] = [];
  if (t.vendorTicketId) parts.push(`:label: Support ticket ${safeText(t.vendorTicketId, 100)}`);
  if (t.proposal?.state === 'promoted') {
    const by = t.proposal.decidedBy ? ` by ${mention(t.proposal.decidedBy)}` : '';
    parts.push(`:outbox_tray: Proposal promoted${by}${t.proposal.decidedAt ? ` ${slackDate(epoch(t.proposal.decidedAt))}` : ''} with ${voteCount(votesOf(t))}`);
  }
  const affected = watchersOf(t).length;
  if (affected > 1) parts.push(type.productBoard ? `:raised_hands: ${affected} people want this` : `:busts_in_silhouette: ${affected} people have this`);
  const board = productBoardUrl(ctx);
  if (type.productBoard) parts.push(board ? `:bulb: Upvote it on the ${link(board, `${ctx.process.vendor.name} product board`)}` : ':bulb: Add it to the product board too');
  if (t.csm) {
    const booking = csmBookingUrl(ctx);
    const by = t.csm.by === LADDER ? 'Brought to the CSM after missed targets' : `Escalated to the CSM by ${mention(t.csm.by)}`;
    parts.push(`:telephone_receiver: ${by}${booking ? ` · ${link(booking, 'book time with the CSM')}` : ''}`);
  }
  if (t.incident) parts.push(`:rotating_light: Linked to the incident “${safeText(t.incident.title, 80)}”`);
  if (t.stage === 'on-hold') {
    const waiting = t.confirmation?.asked ?? watchersOf(t);
    parts.push(`:hourglass_flowing_sand: Waiting for ${waiting.slice(0, 5).map(mention).join(', ')} to confirm the fix`);
  }
  return parts.length ? parts.join(' · ') : undefined;
}

function cardActions(ctx: CardContext, t: Ticket, type: TicketType): ActionsBlock {
  const stages = stagesOf(type);
  const next = stages[stages.indexOf(t.stage) + 1];
  const elements: Button[] = [];
  if (next !== undefined && t.stage !== 'on-hold') {
    const label = typeof next === 'number' ? `Next: Phase ${next} — ${describeStage(ctx.process, type, next).name}` : `Next: ${stageLabel(ctx.process, type, next)}`;
    elements.push(button(label, TicketIds.nextPhase, `${t.id}:${String(next)}`, 'primary'));
  }
  elements.push(button(t.stage === 'closed' ? 'Reopen…' : 'Change phase…', TicketIds.changePhase, t.id));
  if (t.stage !== 'closed') elements.push(button(type.productBoard ? 'Me too (+1)' : 'Me too', TicketIds.meToo, t.id));
  if (type.csmEscalation && !t.csm && t.stage !== 'closed') elements.push(button('Escalate to CSM', TicketIds.escalateCsm, t.id));
  elements.push(button('Reply to Support', TicketIds.replyToSupport, t.id));
  return { type: 'actions', block_id: TicketIds.block.actions, elements };
}

export function buildTicketCard(ctx: CardContext, t: Ticket): SlackMessage {
  const type = getTicketType(ctx.process, t.typeId);
  const severity = getSeverity(ctx.process, t.severityId);
  const stage = describeStage(ctx.process, type, t.stage);
  const progress = `*${safeText(stageLabel(ctx.process, type, t.stage), 200)}*  ${progressDots(t.stage, type.phases.length)}`;
  const blocks: KnownBlock[] = [
    { type: 'section', block_id: 'ticket_heading', text: { type: 'mrkdwn', text: `:ticket: *${t.key}* · ${safeText(type.label, 80)} · *${severity.id} ${safeText(severity.label, 40)}*\n*${safeText(t.title, 300)}*` } },
    context(filedLine(t), 'ticket_filed'),
    { type: 'section', block_id: 'ticket_phase', text: { type: 'mrkdwn', text: `${progress}\n${safeText(stage.meaning, 600)}` } },
    context([acknowledgementLine(ctx, t), cadenceLine(ctx, t), emailLine(t)].filter(Boolean).join('\n'), 'ticket_targets'),
  ];
  const extras = extrasLine(ctx, t, type);
  if (extras) blocks.push(context(extras, 'ticket_extras'));
  blocks.push(cardActions(ctx, t, type));
  const summary = `${t.key} · ${t.severityId} · ${shortTypeLabel(type)}: ${safeText(t.title, 150)} — ${stageLabel(ctx.process, type, t.stage)}`;
  // In a question's thread, the notification says what happened to the question.
  const text = t.origin.kind === 'question' ? `Escalated to ${ctx.process.vendor.name} Support as ${summary}` : summary;
  return { text, blocks };
}

// Pure: what a proposal says — its card while the team votes (or once declined), the note to the liaisons at the
// vote threshold, the decision in its thread and DMs, the decline form, and `/goodtime-help requests`.
import type { KnownBlock, ModalView } from '@slack/types';
import { getSeverity, getTicketType } from '../process';
import { link, mention, quote, safeText, slackDate, truncate } from '../slack/mrkdwn';
import { button, context, plain, section, type SlackMessage } from '../slack/block-kit';
import { SLA_FILER, voteCount as votes, VOTERS_NAMED, votesOf, watchersOf, type Ticket } from './ticket';
import { originText, productBoardUrl, type CardContext } from './ticket-blocks';
import { TicketIds } from './ticket-ids';

const epoch = (d: Date) => d.getTime() / 1000;
const keyLink = (t: Ticket) => (t.cardPermalink ? link(t.cardPermalink, t.key) : t.key);
/** `/goodtime-help requests` stays one readable message (Slack shows up to 4,000 characters of text). */
const LIST_BUDGET = 3_700;
export const PROPOSALS_LISTED = 20;

/** What a voter does (their Slack profile title), unknown when the look-up found none. */
export type RoleOf = (userId: string) => string | undefined;

/** "@ana (Recruiting Coordinator), @ben, @carl and 2 more" (the reporter first). */
function voterNames(t: Ticket, roleOf: RoleOf): string {
  const people = watchersOf(t);
  const more = people.length > VOTERS_NAMED ? ` and ${people.length - VOTERS_NAMED} more` : '';
  const named = people.slice(0, VOTERS_NAMED).map((id) => {
    const role = roleOf(id);
    return role ? `${mention(id)} (${safeText(role, 60)})` : mention(id);
  });
  return `${named.join(', ')}${more}`;
}

/** "3 votes: @ana (Recruiting Coordinator), @ben, @carl". */
export function votersLine(t: Ticket, roleOf: RoleOf = () => undefined): string {
  return `:raised_hands: *${votes(votesOf(t))}*: ${voterNames(t, roleOf)}`;
}

/** The card while the team votes, and after a decline: not with the vendor, so no phases or targets. */
export function buildProposalCard(ctx: CardContext, t: Ticket, roleOf: RoleOf = () => undefined): SlackMessage {
  const type = getTicketType(ctx.process, t.typeId);
  const severity = getSeverity(ctx.process, t.severityId);
  const vendor = ctx.process.vendor.name;
  const proposal = t.proposal;
  const filed = [`Proposed by ${mention(t.reporterId)}`, ...(t.filedBy !== t.reporterId && t.filedBy !== SLA_FILER ? [`filed by ${mention(t.filedBy)}`] : []), originText(t.origin)].filter(Boolean).join(' · ');
  const blocks: KnownBlock[] = [
    { type: 'section', block_id: 'ticket_heading', text: { type: 'mrkdwn', text: `:bulb: *${t.key}* · ${safeText(type.label, 80)} proposal · ${severity.id} ${safeText(severity.label, 40)}\n*${safeText(t.title, 300)}*` } },
    context(filed, 'ticket_filed'),
  ];
  const board = productBoardUrl(ctx);
  const boardNote = type.productBoard && board ? ` Upvote it on the ${link(board, `${vendor} product board`)} too.` : '';
  if (proposal?.state === 'declined') {
    const by = proposal.decidedBy ? ` by ${mention(proposal.decidedBy)}` : '';
    const when = proposal.decidedAt ? ` ${slackDate(epoch(proposal.decidedAt))}` : '';
    blocks.push({ type: 'section', block_id: 'ticket_phase', text: { type: 'mrkdwn', text: `*Declined*${by}${when} — not sent to ${vendor} Support.\n${quote(proposal.reason ?? '', 1200)}` } });
    blocks.push(context(votersLine(t, roleOf), 'ticket_votes'));
    return { text: `${t.key} · proposal declined: ${safeText(t.title, 150)}`, blocks };
  }
  const flagged = proposal?.flaggedAt ? ' · :triangular_flag_on_post: enough votes to promote' : '';
  blocks.push({
    type: 'section',
    block_id: 'ticket_phase',
    text: { type: 'mrkdwn', text: `*Voting in the team* — goes to ${vendor} Support when a liaison promotes it, with everyone's votes.\nWant it too? *Me too (+1)* adds your vote.${boardNote}` },
  });
  blocks.push(context(`${votersLine(t, roleOf)}${flagged}`, 'ticket_votes'));
  blocks.push({
    type: 'actions',
    block_id: TicketIds.block.actions,
    elements: [button('Me too (+1)', TicketIds.meToo, t.id, 'primary'), button(`Promote to ${vendor} Support`, TicketIds.promote, t.id), button('Decline…', TicketIds.decline, t.id, 'danger')],
  });
  return { text: `${t.key} · proposal (${votes(votesOf(t))}): ${safeText(t.title, 150)}`, blocks };
}

/** The filer's confirmation when the request is a proposal (nothing went to the vendor yet). */
export function proposedConfirmation(ctx: CardContext, t: Ticket, promoteVotes: number): SlackMessage {
  const vendor = ctx.process.vendor.name;
  const lead =
    t.filedBy === SLA_FILER
      ? `:bulb: Nobody on the project team answered your request in time, so it is now a proposal, ${keyLink(t)}, in the team channel.`
      : `:bulb: ${keyLink(t)} (“${safeText(t.title, 150)}”) is a proposal in the team channel.`;
  return { text: `${lead} People vote on it with *Me too*; at ${votes(promoteVotes)} the liaisons are told, and a liaison promotes it to ${vendor} Support with everyone's votes — or declines it with a reason. I'll DM you either way.` };
}

/** For the reporter when a liaison proposed it for them. */
export function proposedForYou(ctx: CardContext, t: Ticket): SlackMessage {
  return { text: `:bulb: ${mention(t.filedBy)} proposed your request ${keyLink(t)} (“${safeText(t.title, 150)}”) in the team channel. People vote on it there; a liaison sends it to ${ctx.process.vendor.name} Support with the votes. I'll DM you when it is decided.` };
}

/** In the thread, once, at the threshold: the liaisons decide. */
export function flaggedNote(ctx: CardContext, t: Ticket, liaisons: string): SlackMessage {
  return { text: `:triangular_flag_on_post: ${liaisons}: ${t.key} has ${votes(votesOf(t))}. *Promote to ${ctx.process.vendor.name} Support* on the card sends it with everyone's votes; *Decline…* closes it with a reason for them.` };
}

/** In the thread: the decision. */
export function decisionNote(ctx: CardContext, t: Ticket): SlackMessage {
  const vendor = ctx.process.vendor.name;
  const by = mention(t.proposal?.decidedBy ?? '');
  if (t.proposal?.state === 'promoted') {
    const board = productBoardUrl(ctx);
    const boardNote = getTicketType(ctx.process, t.typeId).productBoard && board ? ` Add it to the ${link(board, 'product board')} too.` : '';
    return { text: `:outbox_tray: ${by} promoted ${t.key} to ${vendor} Support with ${votes(votesOf(t))}; the email lists who voted. Its phases follow here.${boardNote}` };
  }
  return { text: truncate(`:no_entry_sign: ${by} declined ${t.key}; it was not sent to ${vendor} Support. Reason:\n${quote(t.proposal?.reason ?? '', 1500)}`, 3000) };
}

/** To the reporter and every voter: the decision. */
export function decisionDm(ctx: CardContext, t: Ticket): SlackMessage {
  const vendor = ctx.process.vendor.name;
  const by = mention(t.proposal?.decidedBy ?? '');
  if (t.proposal?.state === 'promoted') {
    return { text: `:outbox_tray: ${keyLink(t)} (“${safeText(t.title, 150)}”), which you wanted too, went to ${vendor} Support with ${votes(votesOf(t))} (promoted by ${by}). I'll DM you as it moves through ${vendor}'s phases.` };
  }
  return { text: truncate(`:no_entry_sign: ${by} declined ${keyLink(t)} (“${safeText(t.title, 150)}”), which you wanted too; it was not sent to ${vendor} Support. Reason:\n${quote(t.proposal?.reason ?? '', 1500)}`, 3000) };
}

/** The decline form: a reason everyone who voted will read. */
export function buildDeclineModal(t: Ticket, privateMetadata: string): ModalView {
  return {
    type: 'modal',
    callback_id: TicketIds.declineView,
    private_metadata: privateMetadata,
    title: plain('Decline proposal', 24),
    submit: plain('Decline'),
    close: plain('Cancel'),
    blocks: [
      section(`*${t.key}* · ${safeText(t.title, 300)}\n${votersLine(t)}`),
      {
        type: 'input',
        block_id: TicketIds.block.declineReason,
        label: plain('Why not? Everyone who voted reads this'),
        element: { type: 'plain_text_input', action_id: 'value', multiline: true, min_length: 5, max_length: 1000, placeholder: plain('e.g. GoodTime shipped this in March: Settings → Panels → Bulk reschedule') },
      },
    ],
  };
}

/** `/goodtime-help requests`: open proposals, most votes first, each with who voted and what they do. */
export function proposalsList(ctx: CardContext, proposals: Ticket[], promoteVotes: number, roleOf: RoleOf = () => undefined): string {
  if (proposals.length === 0) {
    return `:bulb: No open proposals. A liaison files a feature request with \`/goodtime-help ticket\`; it is voted here before it goes to ${ctx.process.vendor.name} Support.`;
  }
  const head = `:bulb: *Open proposals*, most votes first (:triangular_flag_on_post: ${votes(promoteVotes)} or more: ready for a liaison to promote or decline):`;
  const lines: string[] = [];
  let length = head.length;
  for (const [i, t] of proposals.slice(0, PROPOSALS_LISTED).entries()) {
    const n = votesOf(t);
    const flag = n >= promoteVotes ? ' :triangular_flag_on_post:' : '';
    const line = `${i + 1}. ${keyLink(t)} — *${votes(n)}*${flag} · ${safeText(t.title, 120)} · proposed ${slackDate(epoch(t.createdAt), '{date_short_pretty}')}\n      :raised_hands: ${voterNames(t, roleOf)}`;
    if (length + line.length > LIST_BUDGET) break; // one message, whole lines: the rest is counted below
    lines.push(line);
    length += line.length + 1;
  }
  const more = proposals.length > lines.length ? `\n…and ${proposals.length - lines.length} more.` : '';
  return `${head}\n${lines.join('\n')}${more}`;
}

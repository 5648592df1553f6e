// Bolt wiring for a ticket's card and DMs: next phase, "Change phase…", Me too, Escalate to CSM, the reporter's
// "fixed" / "still broken", a proposal's Promote / Decline and `/goodtime-help requests`. ack → parse → one service
// call → answer the person.
import { z } from 'zod';
import { openLoadingModal } from '../slack/modals';
import { decodeMetadata, encodeMetadata } from '../slack/private-metadata';
import type { SlackListeners } from '../slack/listeners';
import { buttonValue, type ActionArgs } from '../slack/routes';
import { validateForm } from '../slack/view-state';
import { mention } from '../slack/mrkdwn';
import { getTicketType, type ProcessDefinition, type TicketStage } from '../process';
import { buildChangePhaseModal } from './ticket-form-blocks';
import { TicketCommands, TicketIds } from './ticket-ids';
import { confirmationAnswered } from './ticket-message-blocks';
import { buildDeclineModal, PROPOSALS_LISTED, proposalsList } from './ticket-proposal-blocks';
import { isOpenProposal, voteCount, votesOf, type Ticket } from './ticket';
import type { CardContext } from './ticket-blocks';
import { withinAckBudget } from '../slack/ack-budget';
import { submitClick, submitForm } from '../slack/intents';
import { invalidState } from '../errors';
import type { TicketService } from './ticket-service';

const ticketMetadata = z.object({ ticketId: z.string() });
const stageValue = z.union([z.literal('on-hold'), z.literal('closed'), z.string().regex(/^\d+$/).transform(Number)]);

export interface TicketListenerDeps {
  service: TicketService;
  process: ProcessDefinition;
  context: CardContext;
  promoteVotes: number;
}

const parseStage = (raw: string): TicketStage | undefined => {
  const parsed = stageValue.safeParse(raw);
  return parsed.success ? parsed.data : undefined;
};

/** Why a proposal's button or form did nothing: someone decided it first. */
function alreadyDecided(t: Ticket): string {
  if (t.proposal?.state === 'promoted') return `${t.key} was already promoted to Support by ${mention(t.proposal.decidedBy ?? '')}.`;
  if (t.proposal?.state === 'declined') return `${t.key} was already declined by ${mention(t.proposal.decidedBy ?? '')}.`;
  return `${t.key} is not an open proposal.`;
}

export const ticketListeners = (deps: TicketListenerDeps): SlackListeners => ({ routes, commands, intents }) => {
  const { service, process, context, promoteVotes } = deps;
  const tell = (args: ActionArgs, text: string) => args.respond({ response_type: 'ephemeral', replace_original: false, text });
  // What a click or a form asks of a ticket, stored before Slack is answered (slack/intents.ts).
  const onTicket = z.object({ ticketId: z.string(), userId: z.string() });
  const move = intents.define(TicketIds.changePhaseView, onTicket.extend({ to: z.union([z.literal('on-hold'), z.literal('closed'), z.number().int().nonnegative()]), reason: z.string().optional() }), (p) => service.moveByLiaison(p.ticketId, p.to, p.userId, p.reason));
  const vote = intents.define(TicketIds.meToo, onTicket, (p) => service.addVoter(p.ticketId, p.userId));
  const promote = intents.define(TicketIds.promote, onTicket, (p) => service.promote(p.ticketId, p.userId));
  const chase = intents.define(TicketIds.chase, onTicket, async (p) => {
    const { ticket, note } = await service.chase(p.ticketId, p.userId);
    await service.announceNote(ticket, note);
    return ticket;
  });
  const escalate = intents.define(TicketIds.escalateCsm, onTicket, (p) => service.escalateToCsm(p.ticketId, p.userId));
  const rate = intents.define('ticket.feedback', onTicket.extend({ rating: z.enum(['up', 'down']) }), (p) => service.rate(p.ticketId, p.userId, p.rating));
  const confirm = intents.define('ticket.confirm', onTicket.extend({ answer: z.enum(['fixed', 'broken']) }), (p) => service.confirmFix(p.ticketId, p.userId, p.answer));
  const onCard = (args: ActionArgs) => ({ ticketId: buttonValue(args.action), userId: args.body.user.id });

  routes.action(TicketIds.nextPhase, async (args) => {
    const [ticketId = '', raw = ''] = buttonValue(args.action).split(':');
    const to = parseStage(raw);
    if (to === undefined) return args.ack();
    const result = await submitClick(move, args, { ticketId, to, userId: args.body.user.id });
    if (result && !result.changed) await tell(args, `${result.ticket.key} is already there.`);
  });

  routes.action(TicketIds.changePhase, async ({ ack, body, action, client }) => {
    await ack();
    await service.requireLiaison(body.user.id);
    const ticketId = buttonValue(action);
    const modal = await openLoadingModal(client, body.trigger_id, 'Change phase');
    await modal.fill(async () => {
      const ticket = await service.get(ticketId);
      return buildChangePhaseModal(process, getTicketType(process, ticket.typeId), ticket, encodeMetadata(ticketMetadata, { ticketId }));
    });
  });

  routes.view(TicketIds.changePhaseView, async ({ ack, body, view }) => {
    await service.requireLiaison(body.user.id); // refused in the form, before anything is stored
    const B = TicketIds.block;
    const form = validateForm(
      z.object({ [B.stage]: z.string({ error: 'Choose where the ticket goes.' }), [B.reason]: z.string().max(1000, 'Please keep the reason under 1000 characters.').optional() }),
      view.state.values,
    );
    if (!form.ok) return ack({ response_action: 'errors', errors: form.errors });
    const { ticketId } = decodeMetadata(ticketMetadata, view.private_metadata);
    const to = parseStage(form.value[B.stage] as string);
    const reason = form.value[B.reason] as string | undefined;
    if (to === undefined) return ack({ response_action: 'errors', errors: { [B.stage]: 'Choose where the ticket goes.' } });
    const check = await service.checkMove(ticketId, to, reason);
    if (!check.ok) return ack({ response_action: 'errors', errors: { [check.code === 'reason-required' ? B.reason : B.stage]: check.message } });
    await submitForm(move, { ack, view }, B.stage, { ticketId, to, userId: body.user.id, ...(reason ? { reason } : {}) });
  });

  routes.action(TicketIds.meToo, async (args) => {
    const ticket = await submitClick(vote, args, onCard(args));
    if (!ticket) return;
    await tell(
      args,
      isOpenProposal(ticket)
        ? `:raised_hand: Your vote is on ${ticket.key}: ${voteCount(votesOf(ticket))} now. I'll DM you when a liaison promotes it to ${process.vendor.name} Support or declines it.`
        : `:raised_hand: Added you to ${ticket.key}: ${1 + ticket.voters.length} people have it now. I'll DM you when it needs your confirmation.`,
    );
  });

  routes.action(TicketIds.promote, async (args) => {
    const result = await submitClick(promote, args, onCard(args));
    if (!result) return;
    if (result.changed) await tell(args, `:outbox_tray: ${result.ticket.key} is on its way to ${process.vendor.name} Support with ${voteCount(votesOf(result.ticket))}. Its card now follows ${process.vendor.name}'s phases.`);
    else await tell(args, alreadyDecided(result.ticket));
  });

  routes.action(TicketIds.decline, async ({ ack, body, action, client }) => {
    await ack();
    await service.requireDecider(body.user.id);
    const ticketId = buttonValue(action);
    const modal = await openLoadingModal(client, body.trigger_id, 'Decline proposal');
    await modal.fill(async () => {
      const ticket = await service.get(ticketId);
      if (!isOpenProposal(ticket)) throw invalidState(alreadyDecided(ticket));
      return buildDeclineModal(ticket, encodeMetadata(ticketMetadata, { ticketId }));
    });
  });

  routes.view(TicketIds.declineView, async ({ ack, body, view }) => {
    const B = TicketIds.block;
    const form = validateForm(
      z.object({ [B.declineReason]: z.string({ error: 'Say why, for everyone who voted.' }).trim().min(5, 'Say why in a few words, for everyone who voted.').max(1000, 'Please keep the reason under 1000 characters.') }),
      view.state.values,
    );
    if (!form.ok) return ack({ response_action: 'errors', errors: form.errors });
    const { ticketId } = decodeMetadata(ticketMetadata, view.private_metadata);
    // Stored before the form closes; the thread note and DMs follow (the sweep finishes them after a crash).
    const saved = await withinAckBudget(service.decline(ticketId, body.user.id, form.value[B.declineReason] as string), async () => undefined);
    if (!saved) return ack({ response_action: 'errors', errors: { [B.declineReason]: 'Saving took too long. Look at the card in a moment: if it is not declined yet, try again.' } });
    if (!saved.changed) return ack({ response_action: 'errors', errors: { [B.declineReason]: alreadyDecided(saved.ticket) } });
    await ack();
    await service.finishDecision(saved.ticket);
  });

  commands.add({
    name: TicketCommands.requests,
    usage: 'requests',
    description: 'Open feature-request proposals, most votes first (vote with *Me too* on their cards).',
    handle: async ({ ack, respond }) => {
      await ack();
      const { proposals, roleOf } = await service.listOpenProposalsWithRoles(PROPOSALS_LISTED);
      await respond({ response_type: 'ephemeral', text: proposalsList(context, proposals, promoteVotes, roleOf) });
    },
  });

  routes.action(TicketIds.chase, async (args) => {
    const ticket = await submitClick(chase, args, onCard(args));
    if (!ticket) return;
    await tell(args, `:incoming_envelope: Sent ${process.vendor.name} Support a reminder about ${ticket.key}, in its email thread. The thread says when it was delivered.`);
  });

  routes.action(TicketIds.escalateCsm, async (args) => {
    const result = await submitClick(escalate, args, onCard(args));
    if (result && !result.changed) await tell(args, `${result.ticket.key} was already escalated to the CSM by ${mention(result.ticket.csm?.by ?? '')}.`);
  });

  for (const [actionId, rating] of [[TicketIds.feedbackUp, 'up'], [TicketIds.feedbackDown, 'down']] as const) {
    routes.action(actionId, async (args) => {
      const ticket = await submitClick(rate, args, { ...onCard(args), rating });
      if (!ticket) return;
      await args.respond({ replace_original: true, text: rating === 'up' ? `:+1: Thanks — glad ${ticket.key} is sorted.` : `:pray: Thanks for saying so — the project team sees it in its insights. If ${ticket.key} is not really fixed, ask the team with \`/goodtime-help\`.` });
    });
  }

  for (const [actionId, answer] of [[TicketIds.confirmFixed, 'fixed'], [TicketIds.confirmBroken, 'broken']] as const) {
    routes.action(actionId, async (args) => {
      const result = await submitClick(confirm, args, { ...onCard(args), answer });
      if (!result) return;
      await args.respond({ replace_original: true, ...confirmationAnswered(result.ticket, answer) });
    });
  }
};

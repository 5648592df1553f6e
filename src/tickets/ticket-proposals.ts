// Feature requests start inside: a proposal people vote on in the team channel ("Me too"), flagged to the liaisons
// at REQUEST_PROMOTE_VOTES, then promoted to the vendor with its votes or declined with a reason. Each decision is
// one conditional update; its email and announcements are repeatable, so the sweep finishes what a crash cut short.
import { crashPoint } from '../crash-points';
import { PublicationPending } from '../delivery/publisher';
import { invalidState, notAllowed } from '../errors';
import { isOpenProposal, rankProposals, votesOf, type Ticket } from './ticket';
import type { TicketDeps } from './ticket-ports';
import { vendorTargetsFrom } from './ticket-targets';

export interface ProposalHelpers {
  mustGet: (id: string) => Promise<Ticket>;
  /** The support email, target timers and question link: the ticket is with the vendor from now. */
  sendToVendor: (ticket: Ticket) => Promise<Ticket>;
}

export type Decision = { changed: boolean; ticket: Ticket };

export function createTicketProposals(deps: TicketDeps, helpers: ProposalHelpers) {
  const { store, process, clock, notifier, outbox, settings } = deps;
  const log = deps.logger.child({ component: 'proposals' });
  const { mustGet } = helpers;

  async function requireLiaison(userId: string, what: string): Promise<void> {
    if (!(await deps.isLiaison(userId))) throw notAllowed(`Only a liaison can ${what}. Vote with *Me too* — at ${settings.promoteVotes} votes the liaisons are told.`);
  }

  async function openProposal(ticketId: string): Promise<Ticket> {
    const ticket = await mustGet(ticketId);
    if (!ticket.proposal) throw invalidState(`${ticket.key} went to ${process.vendor.name} Support when it was filed; it is not a proposal.`);
    return ticket;
  }

  /** The decision's email (a promotion's), thread note, DMs and card: each once, however often this runs. */
  async function finishDecision(decided: Ticket): Promise<Ticket> {
    let ticket = decided;
    if (ticket.proposal?.state === 'promoted' && !ticket.emailQueuedAt) {
      ticket = await helpers.sendToVendor(ticket);
      crashPoint('ticket.proposal_emailed');
    }
    try {
      await notifier.proposalDecided(ticket);
      await notifier.updateCard(ticket);
    } catch (error) {
      // The sweep is announcing it at this very moment: it finishes, and records it, itself.
      if (error instanceof PublicationPending) return ticket;
      throw error;
    }
    return (await store.markDecisionAnnounced(ticket.id, clock.now().toJSDate())) ?? ticket;
  }

  return {
    finishDecision,

    /** A liaison sends the proposal to the vendor: the email carries its votes and voters; the targets start now. */
    async promote(ticketId: string, userId: string): Promise<Decision> {
      await requireLiaison(userId, 'promote a proposal to Support');
      const ticket = await openProposal(ticketId);
      if (!isOpenProposal(ticket)) return { changed: false, ticket };
      const at = clock.now();
      const email = { state: outbox.configured ? ('queued' as const) : ('not-configured' as const), to: settings.supportEmail };
      const promoted = await store.promote(ticket.id, userId, at.toJSDate(), vendorTargetsFrom(process, ticket.severityId, at), email);
      if (!promoted) return { changed: false, ticket: await mustGet(ticketId) };
      log.info({ ticketId: ticket.id, key: ticket.key, votes: votesOf(promoted) }, 'proposal promoted to the vendor');
      crashPoint('ticket.proposal_promoted');
      return { changed: true, ticket: await finishDecision(promoted) };
    },

    /** Only a liaison decides; the decline form opens for them alone. */
    requireDecider: (userId: string) => requireLiaison(userId, 'promote or decline a proposal'),

    /**
     * A liaison declines the proposal with a reason: it closes (stored before the form does); `finishDecision` then
     * tells everyone who voted why.
     */
    async decline(ticketId: string, userId: string, reason: string): Promise<Decision> {
      await requireLiaison(userId, 'decline a proposal');
      const ticket = await openProposal(ticketId);
      if (!isOpenProposal(ticket)) return { changed: false, ticket };
      const declined = await store.decline(ticket.id, userId, clock.now().toJSDate(), reason.trim());
      if (!declined) return { changed: false, ticket: await mustGet(ticketId) };
      log.info({ ticketId: ticket.id, key: ticket.key, votes: votesOf(declined) }, 'proposal declined');
      crashPoint('ticket.proposal_declined');
      return { changed: true, ticket: declined };
    },

    /** After a vote: at the threshold, the liaisons are told once (the note goes out before the flag is kept). */
    async afterVote(ticket: Ticket): Promise<Ticket> {
      if (!isOpenProposal(ticket) || ticket.proposal?.flaggedAt || votesOf(ticket) < settings.promoteVotes) return ticket;
      try {
        await notifier.proposalFlagged(ticket);
      } catch (error) {
        if (!(error instanceof PublicationPending)) throw error; // a vote at the same moment is flagging it
      }
      const flagged = await store.flagProposal(ticket.id, clock.now().toJSDate());
      if (flagged) await notifier.updateCard(flagged);
      return flagged ?? ticket;
    },

    /** Open proposals, most votes first. */
    listOpen: async () => rankProposals(await store.listProposals('open')),
  };
}

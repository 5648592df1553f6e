// Slack side of tickets: the card (in the team channel or the question's thread), thread updates, DMs, nudges.
import { createHash } from 'node:crypto';
import type { Publisher } from '../delivery/publisher';
import type { Messenger } from '../slack/messenger';
import { mention } from '../slack/mrkdwn';
import { lookUpPeople, SLA_FILER, VOTERS_NAMED, watchersOf, type PersonFacts, type Ticket } from './ticket';
import { buildTicketCard, type CardContext } from './ticket-blocks';
import { buildProposalCard, decisionDm, decisionNote, flaggedNote, proposedConfirmation, proposedForYou } from './ticket-proposal-blocks';
import {
  channelLine,
  confirmFixRequest,
  csmBroughtInDm,
  csmBroughtInNote,
  csmDm,
  csmNote,
  filedConfirmation,
  feedbackRequest,
  filedForYou,
  filesAttachedMessage,
  filingDelayed,
  noteSentMessage,
  supportReplyMessage,
  nudgeMessage,
  phaseDm,
  phaseUpdate,
  voteNote,
} from './ticket-message-blocks';
import type { TicketNotifier } from './ticket-ports';

export const TICKET_METADATA_TYPE = 'goodtime_ticket';

export interface TicketNotifierOptions {
  messenger: Messenger;
  publisher: Publisher;
  teamChannelId: string;
  context: CardContext;
  /** Who to nudge when the filer is not a person (the SLA): the liaison user group or the configured liaisons. */
  liaisonUsergroupId?: string;
  listLiaisons: () => Promise<string[]>;
  /** Votes that flag a proposal (REQUEST_PROMOTE_VOTES), named in the proposer's confirmation. */
  promoteVotes: number;
  /** The people look-up the support email uses: a proposal's card names what its voters do. */
  personOf: (userId: string) => Promise<PersonFacts>;
}

export function createTicketNotifier(options: TicketNotifierOptions): TicketNotifier {
  const { messenger, publisher, context } = options;
  /** A proposal not promoted (voting, or declined) has its own card: no phases, no vendor targets; its voters' roles. */
  const cardOf = async (t: Ticket) => {
    if (!t.proposal || t.proposal.state === 'promoted') return buildTicketCard(context, t);
    const people = await lookUpPeople(watchersOf(t).slice(0, VOTERS_NAMED), options.personOf);
    return buildProposalCard(context, t, (id) => people.get(id)?.role);
  };
  /** A note in the ticket's thread, once per `note` key. */
  const inThread = async (t: Ticket, note: string, text: string) => {
    if (t.card) await publisher.publish(`ticket:${t.id}:${note}`, { channel: t.card.channel, threadTs: t.threadTs ?? t.card.ts }, { text });
  };
  /** Every liaison: their user group, or the first configured ones. */
  const allLiaisons = async () => {
    if (options.liaisonUsergroupId) return `<!subteam^${options.liaisonUsergroupId}>`;
    const ids = await options.listLiaisons();
    return ids.length ? ids.slice(0, 5).map(mention).join(', ') : 'Liaisons';
  };
  /** The liaison who filed it; everyone when the SLA did. */
  const liaisonsFor = async (t: Ticket) => (t.filedBy !== SLA_FILER ? mention(t.filedBy) : allLiaisons());

  return {
    async postCard(t) {
      const message = { ...(await cardOf(t)), metadata: { event_type: TICKET_METADATA_TYPE, event_payload: { ticket_id: t.id } } };
      const question = t.origin.kind === 'question' ? t.origin.card : undefined;
      const card = await publisher.publish(`ticket:${t.id}:card`, question ? { channel: question.channel, threadTs: question.ts } : { channel: options.teamChannelId }, message);
      // The card is out: without its link it must still be recorded, or the repair sweep would post a second card.
      const permalink = await messenger.permalink(card).catch(() => undefined);
      return { card, threadTs: question?.ts ?? card.ts, permalink };
    },
    async updateCard(t) {
      if (t.card) await messenger.update(t.card, await cardOf(t));
    },
    async confirmFiled(t) {
      if (t.proposal) {
        const proposer = t.filedBy === SLA_FILER ? t.reporterId : t.filedBy;
        await publisher.publishDm(`ticket:${t.id}:filed:${proposer}`, proposer, proposedConfirmation(context, t, options.promoteVotes));
        if (t.reporterId !== proposer) await publisher.publishDm(`ticket:${t.id}:filed:${t.reporterId}`, t.reporterId, proposedForYou(context, t));
        return;
      }
      if (t.filedBy === SLA_FILER) {
        await publisher.publishDm(`ticket:${t.id}:filed:${t.reporterId}`, t.reporterId, filedConfirmation(context, t));
        return;
      }
      await publisher.publishDm(`ticket:${t.id}:filed:${t.filedBy}`, t.filedBy, filedConfirmation(context, t));
      if (t.reporterId !== t.filedBy) await publisher.publishDm(`ticket:${t.id}:filed:${t.reporterId}`, t.reporterId, filedForYou(context, t));
    },
    async filingDelayed(t, userId) {
      await publisher.publishDm(`ticket:${t.id}:delayed:${userId}`, userId, filingDelayed(context, t));
    },
    async phaseChanged(t, move, index) {
      const key = `ticket:${t.id}:move:${index}`;
      if (t.card) await publisher.publish(`${key}:thread`, { channel: t.card.channel, threadTs: t.threadTs ?? t.card.ts }, { text: phaseUpdate(context, t, move).text });
      if (move.by !== t.reporterId) await publisher.publishDm(`${key}:dm`, t.reporterId, phaseDm(context, t, move)); // they just did it themselves
      await publisher.publish(`${key}:channel`, { channel: options.teamChannelId }, channelLine(context, t, move));
    },
    async askToConfirmFix(t, userIds, index) {
      for (const userId of userIds) await publisher.publishDm(`ticket:${t.id}:move:${index}:confirm:${userId}`, userId, confirmFixRequest(context, t));
    },
    async askFeedback(t, index) {
      await publisher.publishDm(`ticket:${t.id}:move:${index}:feedback`, t.reporterId, feedbackRequest(context, t));
    },
    voteAdded: (t, userId) => inThread(t, `vote:${userId}`, voteNote(context, t, userId).text),
    async csmEscalated(t, byUserId, emailed) {
      await inThread(t, 'csm', csmNote(context, t, byUserId, emailed).text);
      const csm = context.settings.csmSlackUserId;
      if (csm) await publisher.publishDm(`ticket:${t.id}:csm:dm`, csm, csmDm(context, t, byUserId));
    },
    async nudge(t, nudge) {
      const key = nudge.kind === 'acknowledgement' ? 'nudge:ack' : nudge.kind === 'overstay' ? `nudge:overstay:${nudge.stage}:${nudge.enteredAt.getTime()}` : `nudge:${nudge.kind}:${nudge.dueAt.getTime()}`;
      if (t.card) await publisher.publish(`ticket:${t.id}:${key}`, { channel: t.card.channel, threadTs: t.threadTs ?? t.card.ts }, nudgeMessage(context, t, nudge, await liaisonsFor(t)));
    },
    async csmBroughtIn(t, why, emailed) {
      await inThread(t, 'csm', csmBroughtInNote(context, t, why, emailed).text);
      const csm = context.settings.csmSlackUserId;
      if (csm) await publisher.publishDm(`ticket:${t.id}:csm:dm`, csm, csmBroughtInDm(context, t, why));
    },
    async supportReply(t, mail, fromVendor) {
      if (!t.card) return;
      const key = `ticket:${t.id}:mail:${createHash('sha256').update(mail.messageId).digest('hex').slice(0, 32)}`;
      await publisher.publish(key, { channel: t.card.channel, threadTs: t.threadTs ?? t.card.ts }, supportReplyMessage(context, t, mail, fromVendor));
    },
    async noteSent(t, note, deliveredAt) {
      if (!t.card) return;
      const message = noteSentMessage(context, t, note, deliveredAt);
      const posted = await publisher.publish(`ticket:${t.id}:note:${note.id}`, { channel: t.card.channel, threadTs: t.threadTs ?? t.card.ts }, message);
      if (deliveredAt) await messenger.update(posted, message); // already out as "queued": now it says when it was delivered
    },
    async proposalFlagged(t) {
      await inThread(t, 'proposal:flagged', flaggedNote(context, t, await allLiaisons()).text);
    },
    async proposalDecided(t) {
      const decision = t.proposal?.state ?? 'open';
      await inThread(t, `proposal:${decision}`, decisionNote(context, t).text);
      for (const userId of watchersOf(t)) {
        if (userId !== t.proposal?.decidedBy) await publisher.publishDm(`ticket:${t.id}:proposal:${decision}:${userId}`, userId, decisionDm(context, t));
      }
    },
    filesAttached: (t, files) => inThread(t, 'files', filesAttachedMessage(context, t, files).text),
  };
}

// Slack side of tickets: the card (in the team channel or the question's thread), thread updates, DMs, nudges.
import type { Publisher } from '../delivery/publisher';
import type { Messenger } from '../slack/messenger';
import { mention } from '../slack/mrkdwn';
import { SLA_FILER, type Ticket } from './ticket';
import { buildTicketCard, type CardContext } from './ticket-blocks';
import {
  channelLine,
  confirmFixRequest,
  csmDm,
  csmNote,
  filedConfirmation,
  filedForYou,
  filingDelayed,
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
}

export function createTicketNotifier(options: TicketNotifierOptions): TicketNotifier {
  const { messenger, publisher, context } = options;
  const inThread = async (t: Ticket, text: string) => {
    if (t.card) await messenger.post(t.card.channel, { text }, { threadTs: t.threadTs ?? t.card.ts });
  };
  const liaisonsFor = async (t: Ticket) => {
    if (t.filedBy !== SLA_FILER) return mention(t.filedBy);
    if (options.liaisonUsergroupId) return `<!subteam^${options.liaisonUsergroupId}>`;
    const ids = await options.listLiaisons();
    return ids.length ? ids.slice(0, 5).map(mention).join(', ') : 'Liaisons';
  };

  return {
    async postCard(t) {
      const message = { ...buildTicketCard(context, t), metadata: { event_type: TICKET_METADATA_TYPE, event_payload: { ticket_id: t.id } } };
      const question = t.origin.kind === 'question' ? t.origin.card : undefined;
      const card = await publisher.publish(`ticket:${t.id}:card`, question ? { channel: question.channel, threadTs: question.ts } : { channel: options.teamChannelId }, message);
      // The card is out: without its link it must still be recorded, or the repair sweep would post a second card.
      const permalink = await messenger.permalink(card).catch(() => undefined);
      return { card, threadTs: question?.ts ?? card.ts, permalink };
    },
    async updateCard(t) {
      if (t.card) await messenger.update(t.card, buildTicketCard(context, t));
    },
    async confirmFiled(t) {
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
    async phaseChanged(t, move) {
      await inThread(t, phaseUpdate(context, t, move).text);
      if (move.by !== t.reporterId) await messenger.dm(t.reporterId, phaseDm(context, t, move)); // they just did it themselves
      await messenger.post(options.teamChannelId, channelLine(context, t, move));
    },
    async askToConfirmFix(t, userIds) {
      for (const userId of userIds) await messenger.dm(userId, confirmFixRequest(context, t));
    },
    voteAdded: (t, userId) => inThread(t, voteNote(context, t, userId).text),
    async csmEscalated(t, byUserId, emailed) {
      await inThread(t, csmNote(context, t, byUserId, emailed).text);
      if (context.settings.csmSlackUserId) await messenger.dm(context.settings.csmSlackUserId, csmDm(context, t, byUserId));
    },
    async nudge(t, nudge) {
      await inThread(t, nudgeMessage(context, t, nudge, await liaisonsFor(t)).text);
    },
  };
}

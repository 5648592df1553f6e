// Slack side of the questions capability: the card in the team channel, thread notes and DMs.
import type { Publisher } from '../delivery/publisher';
import type { Messenger } from '../slack/messenger';
import { buildQuestionCard, confirmationMessage, firstResponseMessage, threadNotes } from './question-blocks';
import type { Question } from './question';
import type { QuestionNotifier } from './question-service';

export const QUESTION_METADATA_TYPE = 'goodtime_question';

export function createQuestionNotifier(messenger: Messenger, publisher: Publisher, teamChannelId: string): QuestionNotifier {
  const inThread = async (q: Question, text: string) => {
    if (q.card) await messenger.post(q.card.channel, { text }, { threadTs: q.card.ts });
  };
  return {
    async postCard(q) {
      const card = await publisher.publish(`question:${q.id}:card`, { channel: teamChannelId }, {
        ...buildQuestionCard(q),
        metadata: { event_type: QUESTION_METADATA_TYPE, event_payload: { question_id: q.id } },
      });
      return { card, permalink: await messenger.permalink(card) };
    },
    async publishDelayed(q) {
      await publisher.publishDm(`question:${q.id}:delayed`, q.requesterId, {
        text: `:hourglass_flowing_sand: Your question is saved, but Slack would not let me post it to the team channel yet. I'll post it as soon as I can — no need to ask again.`,
      });
    },
    async updateCard(q) {
      if (q.card) await messenger.update(q.card, buildQuestionCard(q));
    },
    note: (q, kind) => inThread(q, threadNotes[kind](q)),
    claimed: (q, userId) => inThread(q, threadNotes.claimed(userId)),
    async confirmToRequester(q) {
      await publisher.publishDm(`question:${q.id}:confirmation`, q.requesterId, confirmationMessage(q, teamChannelId));
    },
    async firstResponseToRequester(q) {
      await messenger.dm(q.requesterId, firstResponseMessage(q));
    },
  };
}

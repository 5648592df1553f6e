// Slack side of the questions capability: the card in the team channel, thread notes and DMs.
import type { Messenger } from '../slack/messenger';
import { buildQuestionCard, confirmationMessage, firstResponseMessage, threadNotes } from './question-blocks';
import type { Question } from './question';
import type { QuestionNotifier } from './question-service';

export const QUESTION_METADATA_TYPE = 'goodtime_question';
/** Look a little before the question was stored: Slack's clock and ours may differ. */
const CLOCK_SKEW_MS = 120_000;

export function createQuestionNotifier(messenger: Messenger, teamChannelId: string): QuestionNotifier {
  const inThread = async (q: Question, text: string) => {
    if (q.card) await messenger.post(q.card.channel, { text }, { threadTs: q.card.ts });
  };
  return {
    async postCard(q) {
      const card = await messenger.post(teamChannelId, {
        ...buildQuestionCard(q),
        metadata: { event_type: QUESTION_METADATA_TYPE, event_payload: { question_id: q.id } },
      });
      return { card, permalink: await messenger.permalink(card) };
    },
    async findPostedCard(q) {
      const since = new Date(q.createdAt.getTime() - CLOCK_SKEW_MS);
      return messenger.findByMetadata(teamChannelId, since, QUESTION_METADATA_TYPE, (payload) => payload.question_id === q.id);
    },
    async publishDelayed(q) {
      await messenger.dm(q.requesterId, {
        text: `:hourglass_flowing_sand: Your question is saved, but Slack would not let me post it to the team channel yet. I'll post it as soon as I can — no need to ask again.`,
      });
    },
    async updateCard(q) {
      if (q.card) await messenger.update(q.card, buildQuestionCard(q));
    },
    note: (q, kind) => inThread(q, threadNotes[kind](q)),
    claimed: (q, userId) => inThread(q, threadNotes.claimed(userId)),
    async confirmToRequester(q) {
      await messenger.dm(q.requesterId, confirmationMessage(q, teamChannelId));
    },
    async firstResponseToRequester(q) {
      await messenger.dm(q.requesterId, firstResponseMessage(q));
    },
  };
}

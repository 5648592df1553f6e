// Slack side of the questions capability: the card in the team channel, thread notes and DMs.
import type { Publisher } from '../delivery/publisher';
import type { Messenger } from '../slack/messenger';
import { answerCheckMessage, buildQuestionCard, feedbackMessage, confirmationMessage, firstResponseMessage, incidentThreadNote, threadNotes } from './question-blocks';
import type { Question } from './question';
import type { QuestionNotifier } from './question-service';

export const QUESTION_METADATA_TYPE = 'goodtime_question';

export function createQuestionNotifier(messenger: Messenger, publisher: Publisher, teamChannelId: string): QuestionNotifier {
  /** A note in the question's thread, once per `note` key. */
  const inThread = async (q: Question, note: string, text: string) => {
    if (q.card) await publisher.publish(`question:${q.id}:${note}`, { channel: q.card.channel, threadTs: q.card.ts }, { text });
  };
  /** What makes each note a new one: the SLA cycle, the answer, the reopening, the edit. */
  type NoteKind = Parameters<QuestionNotifier['note']>[1];
  const noteKey = (q: Question, kind: NoteKind) => {
    if (kind === 'reminder') return `reminder:${q.slaStartedAt.getTime()}`;
    if (kind === 'not-answered' || kind === 'auto-closed') return `${kind}:${q.answerCheck?.replyTs ?? ''}`;
    if (kind === 'resumed') return `resumed:${q.incidentId ?? ''}`;
    if (kind === 'answered') return `answered:${q.answer?.ts ?? ''}`;
    if (kind === 'reopened') return `reopened:${q.reopenCount}`;
    if (kind === 'edited') return `edited:${q.editedAt?.getTime() ?? 0}`;
    return kind;
  };
  return {
    async postCard(q) {
      return publisher.publish(`question:${q.id}:card`, { channel: teamChannelId }, {
        ...buildQuestionCard(q),
        metadata: { event_type: QUESTION_METADATA_TYPE, event_payload: { question_id: q.id } },
      });
    },
    permalink: (card) => messenger.permalink(card).catch(() => undefined), // the card counts without its link
    async publishDelayed(q) {
      await publisher.publishDm(`question:${q.id}:delayed`, q.requesterId, {
        text: `:hourglass_flowing_sand: Your question is saved, but Slack would not let me post it to the team channel yet. I'll post it as soon as I can — no need to ask again.`,
      });
    },
    async updateCard(q) {
      if (q.card) await messenger.update(q.card, buildQuestionCard(q));
    },
    note: (q, kind) => inThread(q, noteKey(q, kind), threadNotes[kind](q)),
    async askFeedback(q) {
      await publisher.publishDm(`question:${q.id}:feedback:${q.answer?.ts || q.answer?.incidentId || ''}`, q.requesterId, feedbackMessage(q));
    },
    async askIfAnswered(q, reply) {
      await publisher.publishDm(`question:${q.id}:answer-check:${reply.ts}`, q.requesterId, answerCheckMessage(q, reply));
    },
    incidentNote: (q, incident) => inThread(q, `incident:${incident.id}`, incidentThreadNote(q, incident)),
    claimed: (q, userId) => inThread(q, `claimed:${userId}`, threadNotes.claimed(userId)),
    async confirmToRequester(q) {
      await publisher.publishDm(`question:${q.id}:confirmation`, q.requesterId, confirmationMessage(q, teamChannelId));
    },
    async firstResponseToRequester(q) {
      await publisher.publishDm(`question:${q.id}:first-response:${q.firstResponse?.ts ?? ''}`, q.requesterId, firstResponseMessage(q));
    },
  };
}

// Slack side of the knowledge base: "answered before" suggestions in a new question's thread.
import type { Publisher } from '../delivery/publisher';
import type { KnowledgeEntry } from './knowledge';
import { buildSimilarSuggestions } from './knowledge-blocks';

export function createKnowledgeNotifier(publisher: Publisher) {
  return {
    /** Once per question, however often its announcing is repeated. */
    async suggest(questionId: string, thread: { channel: string; ts: string }, entries: KnowledgeEntry[]): Promise<void> {
      await publisher.publish(`question:${questionId}:suggestions`, { channel: thread.channel, threadTs: thread.ts }, buildSimilarSuggestions(entries));
    },
  };
}

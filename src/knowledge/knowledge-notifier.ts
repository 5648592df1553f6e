// Slack side of the knowledge base: "answered before" suggestions in a new question's thread.
import type { Messenger } from '../slack/messenger';
import type { KnowledgeEntry } from './knowledge';
import { buildSimilarSuggestions } from './knowledge-blocks';

export function createKnowledgeNotifier(messenger: Messenger) {
  return {
    async suggest(thread: { channel: string; ts: string }, entries: KnowledgeEntry[]): Promise<void> {
      await messenger.post(thread.channel, buildSimilarSuggestions(entries), { threadTs: thread.ts });
    },
  };
}

// The knowledge base: every accepted answer is stored; askers and searchers find it again.
import type { KnowledgeEntry } from './knowledge';
import { MAX_SEARCH_TERMS_LENGTH } from './knowledge';
import type { KnowledgeStore } from './knowledge-store';

export type KnowledgeService = ReturnType<typeof createKnowledgeService>;

/** MongoDB's $text treats quotes and leading "-" as operators; a searcher's words are just words. */
export function toSearchTerms(text: string): string {
  return text
    .slice(0, MAX_SEARCH_TERMS_LENGTH)
    .replace(/["\\]/g, ' ')
    .split(/\s+/)
    .map((word) => word.replace(/^-+/, ''))
    .filter((word) => word.length > 1)
    .join(' ');
}

const significantWords = (text: string) =>
  new Set(
    text
      .toLowerCase()
      .split(/[^a-z0-9]+/)
      .filter((word) => word.length >= 4)
      .map((word) => word.slice(0, 5)), // a crude stem: "declines" and "declined" meet
  );

/** A suggestion must share a significant word with the entry's question, not only with its answer. */
export function isAboutTheSameThing(question: string, entry: Pick<KnowledgeEntry, 'question'>): boolean {
  const asked = significantWords(question);
  return [...significantWords(entry.question)].some((word) => asked.has(word));
}

export function createKnowledgeService(store: KnowledgeStore) {
  return {
    record: (entry: Omit<KnowledgeEntry, 'id' | 'score'>) => store.upsert(entry),
    retract: (questionId: string) => store.retract(questionId),
    async search(text: string, limit = 5): Promise<KnowledgeEntry[]> {
      const terms = toSearchTerms(text);
      return terms ? store.search(terms, limit) : [];
    },
    /** Up to `limit` answered questions like this one (never the question itself). */
    async similar(questionId: string, text: string, limit = 3): Promise<KnowledgeEntry[]> {
      const terms = toSearchTerms(text);
      if (!terms) return [];
      const candidates = await store.search(terms, limit * 3, questionId);
      return candidates.filter((entry) => isAboutTheSameThing(text, entry)).slice(0, limit);
    },
  };
}

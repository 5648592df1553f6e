// The knowledge base: every accepted answer is stored; askers and searchers find it again.
import type { KnowledgeEntry } from './knowledge';
import { MAX_SEARCH_TERMS_LENGTH } from './knowledge';
import type { KnowledgeStore } from './knowledge-store';
import { createRelevanceIndex } from './knowledge-relevance';

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

/** Another instance's new answers reach this one's index within this long. */
const INDEX_MAX_AGE_MS = 60_000;

export function createKnowledgeService(store: KnowledgeStore, clock: () => number = Date.now) {
  let index: { built: number; relevance: ReturnType<typeof createRelevanceIndex<KnowledgeEntry>> } | undefined;
  const relevance = async () => {
    if (!index || clock() - index.built > INDEX_MAX_AGE_MS) index = { built: clock(), relevance: createRelevanceIndex(await store.listAll()) };
    return index.relevance;
  };
  const changed = () => {
    index = undefined;
  };
  return {
    async record(entry: Omit<KnowledgeEntry, 'id' | 'score'>): Promise<void> {
      await store.upsert(entry);
      changed();
    },
    async retract(questionId: string): Promise<void> {
      await store.retract(questionId);
      changed();
    },
    async search(text: string, limit = 5): Promise<KnowledgeEntry[]> {
      const terms = toSearchTerms(text);
      return terms ? store.search(terms, limit) : [];
    },
    /** The answered question this one is clearly about, if any (never the question itself): BM25, see knowledge-relevance.ts. */
    async similar(text: string, excludeQuestionId?: string): Promise<KnowledgeEntry[]> {
      const best = (await relevance()).best(text, (entry) => entry.questionId === excludeQuestionId);
      return best ? [{ ...best.entry, score: best.score }] : [];
    },
  };
}

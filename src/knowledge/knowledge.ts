// A knowledge-base entry: an answered question and its accepted answer, so the next asker finds it.
export interface KnowledgeEntry {
  id: string;
  questionId: string;
  question: string;
  answer: string;
  category: string;
  askedBy: string;
  answeredBy: string;
  acceptedAt: Date;
  permalink?: string;
  /** Text-search relevance, present on search results. */
  score?: number;
}

export const MAX_SEARCH_TERMS_LENGTH = 200;

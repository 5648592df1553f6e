// Pure: knowledge entries → search results and "answered before" suggestions.
import type { KnownBlock } from '@slack/types';
import { link, mention, safeText, slackDate } from '../slack/mrkdwn';
import type { KnowledgeEntry } from './knowledge';

const entryText = (entry: KnowledgeEntry, answerLength: number) => {
  const title = safeText(entry.question.replace(/\s+/g, ' '), 150);
  const heading = entry.permalink ? link(entry.permalink, title) : title;
  return `*${heading}*\n${safeText(entry.answer, answerLength)}\n_answered by ${mention(entry.answeredBy)} ${slackDate(entry.acceptedAt.getTime() / 1000, '{date_short}')}_`;
};

export function buildSearchResults(terms: string, entries: KnowledgeEntry[]): { text: string; blocks?: KnownBlock[] } {
  const shownTerms = safeText(terms, 100);
  if (entries.length === 0) {
    return {
      text: `No answered questions match “${shownTerms}” yet. Ask the team with \`/goodtime-help ${shownTerms}\`.`,
    };
  }
  const blocks: KnownBlock[] = [
    { type: 'section', text: { type: 'mrkdwn', text: `:mag: *${entries.length} answered question${entries.length === 1 ? '' : 's'} for “${shownTerms}”*` } },
  ];
  for (const entry of entries) {
    blocks.push({ type: 'divider' }, { type: 'section', text: { type: 'mrkdwn', text: entryText(entry, 600) } });
  }
  return { text: `${entries.length} answered questions for “${shownTerms}”`, blocks };
}

export function buildSimilarSuggestions(entries: KnowledgeEntry[]): { text: string; blocks: KnownBlock[] } {
  const blocks: KnownBlock[] = [
    { type: 'section', text: { type: 'mrkdwn', text: ':books: *Answered before — one of these may help:*' } },
    ...entries.map((entry): KnownBlock => ({ type: 'section', text: { type: 'mrkdwn', text: entryText(entry, 300) } })),
  ];
  return { text: 'Similar questions answered before', blocks };
}

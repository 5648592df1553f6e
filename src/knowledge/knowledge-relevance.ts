// Pure: which answered question a new question is about, ranked by BM25 (MiniSearch) over the answered question and
// its accepted answer, the question weighing more. Besides its words, a text is indexed and searched by the concepts
// of the domain thesaurus (knowledge-thesaurus.ts) that it mentions, at a lower weight than the words, so "find a sub" meets
// "replace an interviewer". The new question's own score, the yardstick, leaves out words that neither the answers
// nor the thesaurus know (names, places, days), and a candidate that lacks a need the question names ("cancel",
// "export", "SMS") is marked down. A suggestion must clear a minimum score (relative to the new question's own), match
// several of the new question's meanings, and stand clearly above the next candidate: one shared word ("panel") is not
// enough ("Panel invites went out twice" is not "reschedule a panel"), and two close neighbours suggest nothing.
import MiniSearch from 'minisearch';
import { CONCEPTS, SUBJECTS } from './knowledge-thesaurus';

export interface Answerable {
  id: string;
  question: string;
  answer: string;
}

export interface Ranked<T> {
  entry: T;
  /** BM25 score as a share of the new question's score against itself (0…1, higher is closer). */
  score: number;
  /** How many of the new question's meanings it matched (a word and the concept it belongs to count once). */
  matched: number;
}

/**
 * Tuned for precision (a wrong suggestion costs the asker's trust; a missing one costs nothing) on the labelled sets in
 * test/knowledge/: the thesaurus and these settings on ASKED and HELD_OUT_1; HELD_OUT_2 was written after they were
 * frozen, and only `minMatchedTerms` (2 to 3) was chosen with it. `npm run bench:knowledge` prints precision and
 * recall on each set and on all of them, and around these settings.
 */
export const RELEVANCE = {
  questionBoost: 4,
  fuzzy: 0.2,
  /** A share of the new question's score against itself. */
  minScore: 0.225,
  minMatchedTerms: 3,
  /** The best candidate's score at least this many times the next one's. */
  margin: 1.3,
  /** The weight of a thesaurus concept against a word of the text (1). */
  conceptWeight: 0.5,
  /** The score is multiplied by this for each need the new question names that a candidate lacks (knowledge-thesaurus.ts). */
  needPenalty: 0.35,
};
export type RelevanceTuning = typeof RELEVANCE;

const STOP_WORDS = new Set(
  `a about after again all also am an and any are as at be been before being but by can cant could did didnt do does doesnt
  dont for from get gets getting got had has have how i if im in into is isnt it its just know like me my need no not now of
  on one or our out pls please so some still that the their them then there they this those to too up us want was way we
  were what when where which who why will with would you your yet hi hey thanks anyone someone somehow guys team goodtime`
    .split(/\s+/)
    .filter(Boolean),
);

/** Words GoodTime users shorten; the long form is what answers use. */
const SYNONYMS: Record<string, string> = {
  cal: 'calendar',
  cals: 'calendar',
  calendars: 'calendar',
  appt: 'appointment',
  gh: 'greenhouse',
  int: 'interview',
  ints: 'interview',
  interviews: 'interview',
  interviewers: 'interviewer',
  recs: 'recruiter',
  recruiters: 'recruiter',
  candidates: 'candidate',
  emails: 'email',
  invites: 'invite',
  templates: 'template',
  rooms: 'room',
  reqs: 'req',
  tz: 'timezone',
  zones: 'zone',
};

/** A light stem: plural and -ing/-ed endings, so "declines", "declined" and "declining" meet. */
function stem(word: string): string {
  if (word.length > 5 && word.endsWith('ing')) return word.slice(0, -3);
  if (word.length > 4 && word.endsWith('ed')) return word.slice(0, -2);
  if (word.length > 4 && word.endsWith('es')) return word.slice(0, -2);
  if (word.length > 3 && word.endsWith('s') && !word.endsWith('ss')) return word.slice(0, -1);
  return word;
}

export function normalizeTerm(term: string): string | null {
  const word = term.toLowerCase().replace(/[’']/g, '');
  if (word.length < 2 || STOP_WORDS.has(word) || /^\d+$/.test(word)) return null;
  return stem(SYNONYMS[word] ?? word);
}

const words = (text: string) => text.split(/[^\p{L}\p{N}’']+/u).filter(Boolean);
const distinctTerms = (text: string) => new Set(words(text).map(normalizeTerm).filter((t): t is string => t !== null));

/**
 * A coarser key than the search's own, for meeting thesaurus entries only: stop words kept (phrases hold them), a final
 * "e" and a doubled final consonant dropped, so "move", "moved" and "moving", or "cancel" and "cancelled", meet.
 */
function conceptKey(raw: string): string {
  const word = raw.toLowerCase().replace(/[’']/g, '');
  let key = stem(SYNONYMS[word] ?? word);
  if (/([b-df-hj-np-tv-z])\1$/.test(key)) key = key.slice(0, -1);
  if (key.length > 3 && key.endsWith('e')) key = key.slice(0, -1);
  return key;
}

/** Concept tokens start with a character the word splitter never keeps, so no word can be one. */
const CONCEPT_MARK = '#';
const isConcept = (term: string) => term.startsWith(CONCEPT_MARK);

/** Thesaurus phrases by their first word's key: [keys of the whole phrase, concept token]. */
const PHRASES = new Map<string, Array<[string[], string]>>();
/** The concept tokens a single word belongs to (so a matched word and its concept count as one meaning). */
const WORD_CONCEPTS = new Map<string, string[]>();
for (const [concept, entries] of Object.entries(CONCEPTS)) {
  const token = CONCEPT_MARK + concept.toLowerCase();
  for (const entry of entries) {
    const keys = words(entry).map(conceptKey);
    const [first] = keys;
    if (first === undefined) continue;
    PHRASES.set(first, [...(PHRASES.get(first) ?? []), [keys, token]]);
    if (keys.length === 1) {
      const normal = normalizeTerm(entry);
      if (normal && !WORD_CONCEPTS.get(normal)?.includes(token)) WORD_CONCEPTS.set(normal, [...(WORD_CONCEPTS.get(normal) ?? []), token]);
    }
  }
}

/** The concept tokens that name a need rather than a subject. */
const NEEDS = new Set(Object.keys(CONCEPTS).filter((concept) => !SUBJECTS.has(concept)).map((concept) => CONCEPT_MARK + concept.toLowerCase()));

/** The concepts a text mentions, each once. */
export function conceptsOf(text: string): string[] {
  const raw = words(text);
  const keys = raw.map(conceptKey);
  const found = new Set<string>();
  keys.forEach((key, i) => {
    for (const [phrase, token] of PHRASES.get(key) ?? []) {
      // a stop word alone is no concept ("not" is not "notes"), though phrases hold them ("can't make it")
      if (phrase.length === 1 && normalizeTerm(raw[i] ?? '') === null) continue;
      if (phrase.every((k, j) => keys[i + j] === k)) found.add(token);
    }
  });
  return [...found];
}

/** A text's words, then the concepts it mentions. */
const tokenize = (text: string) => [...words(text), ...conceptsOf(text)];
const processTerm = (term: string) => (isConcept(term) ? term : normalizeTerm(term));

/** The new question's own place in the index while it is scored (synchronously, so no other search sees it). */
const SELF_ID = '\u0000self';

export function createRelevanceIndex<T extends Answerable>(entries: T[], tuning: RelevanceTuning = RELEVANCE) {
  const byId = new Map(entries.map((e) => [e.id, e]));
  const index = new MiniSearch<T>({
    fields: ['question', 'answer'],
    idField: 'id',
    tokenize,
    processTerm,
    searchOptions: {
      boost: { question: tuning.questionBoost },
      boostTerm: (term) => (isConcept(term) ? tuning.conceptWeight : 1),
      fuzzy: (term) => (term.length > 5 && tuning.fuzzy > 0 && !isConcept(term) ? tuning.fuzzy : false),
      combineWith: 'OR',
    },
  });
  index.addAll(entries);
  const conceptsById = new Map(entries.map((e) => [e.id, new Set(conceptsOf(`${e.question} ${e.answer}`))]));

  /** The distinct meanings among matched query terms: a concept, or a word outside every concept. */
  const meanings = (terms: string[]) => new Set(terms.flatMap((term) => (isConcept(term) ? [term] : (WORD_CONCEPTS.get(term) ?? [term])))).size;

  /**
   * Every candidate with its score, best first. A score is the candidate's BM25 score as a share of what the new
   * question would score against itself, in the same index (the same scale whether the knowledge base holds five
   * answers or five thousand), times `needPenalty` for each need of the question that the candidate lacks.
   */
  function scores(text: string, exclude?: (entry: T) => boolean): Ranked<T>[] {
    if (distinctTerms(text).size === 0) return [];
    const self = { id: SELF_ID, question: text, answer: '' } as T;
    index.add(self);
    try {
      // The words the answers or the thesaurus know; the rest (names, places, days) could never match and would
      // only shrink every score by how chatty the question is.
      const answered = new Set(index.search(text, { filter: (hit) => hit.id !== SELF_ID }).flatMap((hit) => hit.queryTerms));
      const known = (token: string) => {
        const term = processTerm(token);
        return !!term && (isConcept(term) || answered.has(term) || WORD_CONCEPTS.has(term));
      };
      const hits = index.search(text, { tokenize: (t) => tokenize(t).filter(known) });
      const own = hits.find((hit) => hit.id === SELF_ID)?.score ?? 0;
      if (own <= 0) return [];
      const needs = conceptsOf(text).filter((concept) => NEEDS.has(concept));
      const unmet = (id: string) => needs.filter((need) => !conceptsById.get(id)?.has(need)).length;
      return hits
        .filter((hit) => hit.id !== SELF_ID)
        .map((hit) => ({ entry: byId.get(String(hit.id)) as T, score: (hit.score / own) * tuning.needPenalty ** unmet(String(hit.id)), matched: meanings(hit.queryTerms) }))
        .filter((hit) => hit.entry !== undefined && !exclude?.(hit.entry))
        .sort((a, b) => b.score - a.score);
    } finally {
      index.remove(self); // exactly (discard would leave its terms behind until a vacuum)
    }
  }

  return {
    size: entries.length,
    scores,
    /** The answered question this one is about, when one clearly is; otherwise none. */
    best(text: string, exclude?: (entry: T) => boolean): Ranked<T> | undefined {
      const [first, second] = scores(text, exclude);
      if (!first || first.score < tuning.minScore || first.matched < tuning.minMatchedTerms) return undefined;
      return second && first.score < tuning.margin * second.score ? undefined : first;
    },
  };
}

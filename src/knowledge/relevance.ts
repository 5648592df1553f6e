// Pure: which answered question a new question is about, ranked by BM25 (MiniSearch) over the answered question and
// its accepted answer, the question weighing more. A suggestion must clear a minimum score (relative to the new
// question's own), match
// several of the new question's terms, and stand clearly above the next candidate: one shared word ("panel") is not
// enough ("Panel invites went out twice" is not "reschedule a panel"), and two close neighbours suggest nothing.
import MiniSearch from 'minisearch';

export interface Answerable {
  id: string;
  question: string;
  answer: string;
}

export interface Ranked<T> {
  entry: T;
  /** BM25 score as a share of the new question's score against itself (0…1, higher is closer). */
  score: number;
  /** How many of the new question's terms it matched. */
  matched: number;
}

/**
 * Tuned on the labelled set in test/knowledge/ for precision (a wrong suggestion costs the asker's trust; a missing
 * one costs nothing): `npm run bench:knowledge` prints precision and recall at these settings and around them.
 */
export const RELEVANCE = {
  questionBoost: 4,
  fuzzy: 0.2,
  /** A share of the new question's score against itself. */
  minScore: 0.14,
  minMatchedTerms: 2,
  /** The best candidate's score at least this many times the next one's. */
  margin: 1.6,
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

const distinctTerms = (text: string) => new Set(text.split(/[^\p{L}\p{N}’']+/u).map(normalizeTerm).filter((t): t is string => t !== null));

/** The new question's own place in the index while it is scored (synchronously, so no other search sees it). */
const SELF_ID = '\u0000self';

export function createRelevanceIndex<T extends Answerable>(entries: T[], tuning: RelevanceTuning = RELEVANCE) {
  const byId = new Map(entries.map((e) => [e.id, e]));
  const index = new MiniSearch<T>({
    fields: ['question', 'answer'],
    idField: 'id',
    processTerm: normalizeTerm,
    searchOptions: { boost: { question: tuning.questionBoost }, fuzzy: (term) => (term.length > 5 && tuning.fuzzy > 0 ? tuning.fuzzy : false), combineWith: 'OR' },
  });
  index.addAll(entries);

  /**
   * Every candidate with its score, best first. A score is the candidate's BM25 score as a share of what the new
   * question would score against itself, in the same index: the same scale whether the knowledge base holds five
   * answers or five thousand.
   */
  function scores(text: string, exclude?: (entry: T) => boolean): Ranked<T>[] {
    if (distinctTerms(text).size === 0) return [];
    const self = { id: SELF_ID, question: text, answer: '' } as T;
    index.add(self);
    try {
      const hits = index.search(text);
      const own = hits.find((hit) => hit.id === SELF_ID)?.score ?? 0;
      if (own <= 0) return [];
      return hits
        .filter((hit) => hit.id !== SELF_ID)
        .map((hit) => ({ entry: byId.get(String(hit.id)) as T, score: hit.score / own, matched: hit.queryTerms.length }))
        .filter((hit) => hit.entry !== undefined && !exclude?.(hit.entry));
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

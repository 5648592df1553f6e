// Text index: an inverted index (stemmed term → doc id → score) and `$text: { $search }` evaluation.
import type { Document } from 'bson';
import { CommandError } from './errors';
import type { IndexSpec, StoredIndex } from './indexes';
import { searchTerms, stem, STOP_WORDS, tokenize } from './stemmer';
import { isPlainObject, toNumber, valuesAtPath } from './values';
import type { Doc } from './values';

export interface TextQuery {
  terms: string[];
  negatedTerms: string[];
  phrases: string[];
  negatedPhrases: string[];
  caseSensitive: boolean;
}

export class TextIndex implements StoredIndex {
  readonly spec: IndexSpec;
  private readonly weights: Array<[string, number]>;
  private readonly postings = new Map<string, Map<string, number>>();

  constructor(spec: IndexSpec) {
    this.spec = spec;
    this.weights = Object.entries(spec.weights ?? {}).map(([field, weight]) => [field, toNumber(weight, 1)]);
  }

  /** The indexed strings of a document, per field. */
  private fieldTexts(doc: Doc): Array<[string, number]> {
    const out: Array<[string, number]> = [];
    for (const [field, weight] of this.weights) {
      const values = field === '$**' ? allStrings(doc) : valuesAtPath(doc, field);
      for (const value of values) if (typeof value === 'string') out.push([value, weight]);
    }
    return out;
  }

  /** mongod's per-document term score: weight × Σ(1/2^k over repeats) × (0.5 + 0.5 × count / tokens). */
  private termScores(doc: Doc): Map<string, number> {
    const scores = new Map<string, number>();
    for (const [text, weight] of this.fieldTexts(doc)) {
      const terms = searchTerms(text);
      const stats = new Map<string, { count: number; freq: number; exp: number }>();
      for (const term of terms) {
        const stat = stats.get(term) ?? { count: 0, freq: 0, exp: 0 };
        stat.exp = stat.exp === 0 ? 1 : stat.exp * 2;
        stat.count += 1;
        stat.freq += 1 / stat.exp;
        stats.set(term, stat);
      }
      for (const [term, stat] of stats) {
        const coeff = (0.5 * stat.count) / terms.length + 0.5;
        scores.set(term, (scores.get(term) ?? 0) + weight * stat.freq * coeff);
      }
    }
    return scores;
  }

  add(idKey: string, doc: Doc): void {
    for (const [term, score] of this.termScores(doc)) {
      let docs = this.postings.get(term);
      if (!docs) this.postings.set(term, (docs = new Map()));
      docs.set(idKey, score);
    }
  }

  remove(idKey: string, doc: Doc): void {
    for (const term of this.termScores(doc).keys()) {
      const docs = this.postings.get(term);
      docs?.delete(idKey);
      if (docs && docs.size === 0) this.postings.delete(term);
    }
  }

  findConflict(): null {
    return null;
  }

  /** Candidate ids with their score: documents holding at least one positive term. */
  candidates(query: TextQuery): Map<string, number> {
    const result = new Map<string, number>();
    for (const term of new Set(query.terms)) {
      const docs = this.postings.get(term);
      if (!docs) continue;
      for (const [idKey, score] of docs) result.set(idKey, (result.get(idKey) ?? 0) + score);
    }
    return result;
  }

  /** Phrase and negation checks, which need the document itself. */
  accepts(doc: Doc, query: TextQuery): boolean {
    if (!query.phrases.length && !query.negatedPhrases.length && !query.negatedTerms.length) return true;
    const texts = this.fieldTexts(doc).map(([text]) => (query.caseSensitive ? text : text.toLowerCase()));
    const contains = (phrase: string) => texts.some((text) => text.includes(query.caseSensitive ? phrase : phrase.toLowerCase()));
    if (!query.phrases.every(contains)) return false;
    if (query.negatedPhrases.some(contains)) return false;
    if (query.negatedTerms.length) {
      const present = new Set(texts.flatMap((text) => searchTerms(text)));
      if (query.negatedTerms.some((term) => present.has(term))) return false;
    }
    return true;
  }
}

function allStrings(value: unknown, out: unknown[] = []): unknown[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const item of value) allStrings(item, out);
  else if (isPlainObject(value)) for (const item of Object.values(value)) allStrings(item, out);
  return out;
}

/** Parse `{ $search, $language?, $caseSensitive?, $diacriticSensitive? }`. */
export function parseTextQuery(spec: unknown): TextQuery {
  if (!isPlainObject(spec) || typeof spec.$search !== 'string') {
    throw new CommandError('BadValue', '$search needs a String');
  }
  const search = spec.$search;
  const query: TextQuery = {
    terms: [],
    negatedTerms: [],
    phrases: [],
    negatedPhrases: [],
    caseSensitive: spec.$caseSensitive === true,
  };
  const phrasePattern = /(-?)"([^"]*)"/g;
  let rest = search;
  for (const match of search.matchAll(phrasePattern)) {
    const phrase = match[2] ?? '';
    if (match[1] === '-') query.negatedPhrases.push(phrase);
    else {
      query.phrases.push(phrase);
      query.terms.push(...searchTerms(phrase));
    }
    rest = rest.replace(match[0], ' ');
  }
  for (const word of rest.split(/\s+/)) {
    if (!word) continue;
    const negated = word.startsWith('-');
    for (const token of tokenize(negated ? word.slice(1) : word)) {
      if (STOP_WORDS.has(token)) continue;
      (negated ? query.negatedTerms : query.terms).push(stem(token));
    }
  }
  return query;
}

/** Split `$text` out of a filter (mongod allows it at the top level or inside a top-level $and). */
export function extractText(filter: Document): { text?: TextQuery; rest: Document } {
  if (!('$text' in filter) && !Array.isArray(filter.$and)) return { rest: filter };
  const rest: Document = { ...filter };
  let text: TextQuery | undefined;
  if ('$text' in rest) {
    text = parseTextQuery(rest.$text);
    delete rest.$text;
  }
  if (Array.isArray(rest.$and)) {
    const clauses: Document[] = [];
    for (const clause of rest.$and as Document[]) {
      if (isPlainObject(clause) && '$text' in clause) {
        if (text) throw new CommandError('BadValue', 'Too many text expressions');
        const inner = extractText(clause);
        text = inner.text;
        if (Object.keys(inner.rest).length) clauses.push(inner.rest);
      } else clauses.push(clause);
    }
    if (clauses.length) rest.$and = clauses;
    else delete rest.$and;
  }
  return { text, rest };
}

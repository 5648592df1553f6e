// Which answered question a new one is about: BM25 with a minimum relative score, enough shared terms and a clear
// lead over the next candidate. Measured on the labelled set (npm run bench:knowledge prints the same figures).
import { describe, expect, it } from 'vitest';
import { createRelevanceIndex } from '../../src/knowledge/relevance';
import { evaluate } from '../../scripts/bench-knowledge';

describe('relevance of "answered before" suggestions', () => {
  it('when the labelled set is run, then suggestions are right at least 9 times in 10 and a third of the answerable questions get one', () => {
    const { precision, recall } = evaluate();
    expect(precision).toBeGreaterThanOrEqual(0.9);
    expect(recall).toBeGreaterThanOrEqual(0.35);
  });

  it('when a new problem only shares a word with an answered one, then nothing is suggested', () => {
    const index = createRelevanceIndex([
      { id: 'reschedule', question: 'How do I reschedule a panel when one interviewer declines?', answer: 'Use Replace interviewer on the declined session.' },
      { id: 'order', question: 'Can I change the order of interviews in a panel?', answer: 'Drag the sessions on the Review step.' },
    ]);
    expect(index.best('Panel invites went out twice for the onsite')).toBeUndefined();
    expect(index.best('An interviewer declined the panel, how do I reschedule just that session?')?.entry.id).toBe('reschedule');
  });

  it('when the knowledge base holds a single answer, then a paraphrase still finds it (scores are relative, not absolute)', () => {
    const index = createRelevanceIndex([{ id: 'friday', question: 'Why does the candidate see no availability for Friday?', answer: 'Friday is blocked by the working-hours rule.' }]);
    expect(index.best('Candidate sees no availability on Friday, what blocks it?')?.entry.id).toBe('friday');
    expect(index.best('How do I add a room to an onsite?')).toBeUndefined();
  });

  it('when two answered questions match about equally, then neither is suggested', () => {
    const index = createRelevanceIndex([
      { id: 'a', question: 'Zoom link missing from the candidate invite', answer: 'Reconnect Zoom.' },
      { id: 'b', question: 'Zoom link missing from the interviewer invite', answer: 'Reconnect Zoom.' },
    ]);
    expect(index.best('zoom link missing from invite')).toBeUndefined();
  });
});

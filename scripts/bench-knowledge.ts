// `npm run bench:knowledge`: how relevant the "answered before" suggestions are, on the labelled sets in
// test/knowledge/labelled-set.ts (new questions, each answered by one entry or by none). Precision: of the
// suggestions made, the share that answer the question. Recall: of the questions an entry answers, the share that
// got it suggested. Printed at the shipped settings (src/knowledge/knowledge-relevance.ts) on the original set (ASKED), on the
// first held-out set (HELD_OUT_1: held out from the first frozen version, tuned on since), on the second (HELD_OUT_2:
// held out from the second; only minMatchedTerms was chosen with it), on the third (HELD_OUT_3: written after the
// shipped version, never tuned on), on the fourth (HELD_OUT_4: written by a writer who never saw the ranking code or
// its results, never tuned on), and on all five; then with the minimum score moved.
import { createRelevanceIndex, RELEVANCE, type RelevanceTuning } from '../src/knowledge/knowledge-relevance';
import { ANSWERED, ASKED, HELD_OUT_1, HELD_OUT_2, HELD_OUT_3, HELD_OUT_4, type AskedQuestion } from '../test/knowledge/labelled-set';

export function evaluate(tuning: RelevanceTuning = RELEVANCE, asked: AskedQuestion[] = ASKED) {
  const index = createRelevanceIndex(ANSWERED, tuning);
  let suggested = 0;
  let right = 0;
  const wrong: string[] = [];
  for (const question of asked) {
    const best = index.best(question.text);
    if (!best) continue;
    suggested += 1;
    if (best.entry.id === question.related) right += 1;
    else wrong.push(`${question.text} → ${best.entry.id}`);
  }
  const answerable = asked.filter((a) => a.related).length;
  return { precision: suggested ? right / suggested : 1, recall: right / answerable, suggested, right, answerable, wrong };
}

const SETS: Array<[string, AskedQuestion[]]> = [
  ['original (ASKED), tuned on', ASKED],
  ['held out 1 (HELD_OUT_1), tuned on since', HELD_OUT_1],
  ['held out 2 (HELD_OUT_2), one setting chosen with it', HELD_OUT_2],
  ['held out 3 (HELD_OUT_3), never tuned on', HELD_OUT_3],
  ['held out 4 (HELD_OUT_4), by a writer who never saw the ranking, never tuned on', HELD_OUT_4],
  ['combined', [...ASKED, ...HELD_OUT_1, ...HELD_OUT_2, ...HELD_OUT_3, ...HELD_OUT_4]],
];

function main() {
  console.log(`answered questions: ${ANSWERED.length}`);
  console.log(`shipped settings ${JSON.stringify(RELEVANCE)}`);
  for (const [name, asked] of SETS) {
    const r = evaluate(RELEVANCE, asked);
    console.log(`\n${name}: ${asked.length} new questions (${r.answerable} answered by an entry, ${asked.length - r.answerable} by none)`);
    console.log(`precision ${r.precision.toFixed(2)} (${r.right} of ${r.suggested} suggestions right), recall ${r.recall.toFixed(2)} (${r.right} of ${r.answerable})`);
    for (const wrong of r.wrong) console.log(`  wrong: ${wrong}`);
  }
  console.log('\nminimum score   precision / recall: original   held out 1   held out 2   held out 3   held out 4    combined');
  for (const minScore of [0.1, 0.15, 0.2, 0.225, 0.25, 0.3]) {
    const cells = SETS.map(([, asked]) => {
      const r = evaluate({ ...RELEVANCE, minScore }, asked);
      return `${r.precision.toFixed(2)} / ${r.recall.toFixed(2)}`;
    });
    console.log(`${minScore.toFixed(3).padStart(13)}   ${cells.map((c) => c.padStart(11)).join('  ')}`);
  }
}

if (process.argv[1]?.endsWith('bench-knowledge.ts')) main();

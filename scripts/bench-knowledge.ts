// `npm run bench:knowledge`: how relevant the "answered before" suggestions are, on the labelled set in
// test/knowledge/labelled-set.ts (new questions, each answered by one entry or by none). Precision: of the
// suggestions made, the share that answer the question. Recall: of the questions an entry answers, the share that
// got it suggested. Printed at the shipped settings (src/knowledge/relevance.ts) and with the minimum score moved.
import { createRelevanceIndex, RELEVANCE, type RelevanceTuning } from '../src/knowledge/relevance';
import { ANSWERED, ASKED } from '../test/knowledge/labelled-set';

export function evaluate(tuning: RelevanceTuning = RELEVANCE) {
  const index = createRelevanceIndex(ANSWERED, tuning);
  let suggested = 0;
  let right = 0;
  const wrong: string[] = [];
  for (const asked of ASKED) {
    const best = index.best(asked.text);
    if (!best) continue;
    suggested += 1;
    if (best.entry.id === asked.related) right += 1;
    else wrong.push(`${asked.text} → ${best.entry.id}`);
  }
  const answerable = ASKED.filter((a) => a.related).length;
  return { precision: suggested ? right / suggested : 1, recall: right / answerable, suggested, right, answerable, wrong };
}

function main() {
  const shipped = evaluate();
  console.log(`labelled set: ${ANSWERED.length} answered questions, ${ASKED.length} new ones (${shipped.answerable} answered by an entry, ${ASKED.length - shipped.answerable} by none)`);
  console.log(`shipped settings ${JSON.stringify(RELEVANCE)}`);
  console.log(`precision ${shipped.precision.toFixed(2)} (${shipped.right} of ${shipped.suggested} suggestions right), recall ${shipped.recall.toFixed(2)} (${shipped.right} of ${shipped.answerable})`);
  for (const wrong of shipped.wrong) console.log(`  wrong: ${wrong}`);
  console.log('\nminimum score   precision   recall');
  for (const minScore of [0.05, 0.1, 0.125, 0.14, 0.15, 0.2]) {
    const r = evaluate({ ...RELEVANCE, minScore });
    console.log(`${minScore.toFixed(3).padStart(13)}   ${r.precision.toFixed(2).padStart(9)}   ${r.recall.toFixed(2).padStart(6)}`);
  }
}

if (process.argv[1]?.endsWith('bench-knowledge.ts')) main();

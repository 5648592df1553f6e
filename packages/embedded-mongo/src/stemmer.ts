// English tokenizing for text indexes: lowercase words, a stop-word list, and the Porter stemmer
// (so 'scheduling', 'schedules' and 'schedule' all become 'schedul', as in mongod's Snowball stemmer).

export const STOP_WORDS = new Set(
  (
    'a about above after again against all am an and any are as at be because been before being below between both ' +
    'but by can could did do does doing down during each few for from further had has have having he her here hers ' +
    'herself him himself his how i if in into is it its itself just me more most my myself no nor not now of off on ' +
    'once only or other ought our ours ourselves out over own same she should so some such than that the their theirs ' +
    'them themselves then there these they this those through to too under until up very was we were what when where ' +
    'which while who whom why will with would you your yours yourself yourselves s t don shall may might must also ' +
    'yet across along among upon within without whether'
  ).split(' '),
);

/** Lowercased words (letters and digits) in reading order. */
export function tokenize(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 0);
}

/** Tokens that count for search: stop words dropped, the rest stemmed. */
export function searchTerms(text: string): string[] {
  return tokenize(text)
    .filter((word) => !STOP_WORDS.has(word))
    .map(stem);
}

const STEP2: Record<string, string> = {
  ational: 'ate', tional: 'tion', enci: 'ence', anci: 'ance', izer: 'ize', bli: 'ble', alli: 'al', entli: 'ent',
  eli: 'e', ousli: 'ous', ization: 'ize', ation: 'ate', ator: 'ate', alism: 'al', iveness: 'ive', fulness: 'ful',
  ousness: 'ous', aliti: 'al', iviti: 'ive', biliti: 'ble', logi: 'log',
};
const STEP3: Record<string, string> = { icate: 'ic', ative: '', alize: 'al', iciti: 'ic', ical: 'ic', ful: '', ness: '' };

const c = '[^aeiou]';
const v = '[aeiouy]';
const C = c + '[^aeiouy]*';
const V = v + '[aeiou]*';
const MGR0 = new RegExp('^(' + C + ')?' + V + C); // measure > 0
const MEQ1 = new RegExp('^(' + C + ')?' + V + C + '(' + V + ')?$'); // measure = 1
const MGR1 = new RegExp('^(' + C + ')?' + V + C + V + C); // measure > 1
const S_V = new RegExp('^(' + C + ')?' + v); // stem contains a vowel
const CVC = new RegExp('^' + C + v + '[^aeiouwxy]$');

/** The Porter (1980) stemmer. */
export function stem(word: string): string {
  if (word.length < 3 || !/^[a-z]+$/.test(word)) return word;
  let w = word;
  const startsWithY = w[0] === 'y';
  if (startsWithY) w = 'Y' + w.slice(1);

  // Step 1a
  let m = /^(.+?)(ss|i)es$/.exec(w);
  if (m) w = (m[1] ?? '') + (m[2] ?? '');
  else if ((m = /^(.+?)([^s])s$/.exec(w))) w = (m[1] ?? '') + (m[2] ?? '');

  // Step 1b
  if ((m = /^(.+?)eed$/.exec(w))) {
    if (MGR0.test(m[1] ?? '')) w = w.slice(0, -1);
  } else if ((m = /^(.+?)(ed|ing)$/.exec(w))) {
    const base = m[1] ?? '';
    if (S_V.test(base)) {
      w = base;
      if (/(at|bl|iz)$/.test(w)) w += 'e';
      else if (/([^aeiouylsz])\1$/.test(w)) w = w.slice(0, -1);
      else if (CVC.test(w)) w += 'e';
    }
  }

  // Step 1c
  if ((m = /^(.+?)y$/.exec(w)) && S_V.test(m[1] ?? '')) w = (m[1] ?? '') + 'i';

  // Step 2
  m = /^(.+?)(ational|tional|enci|anci|izer|bli|alli|entli|eli|ousli|ization|ation|ator|alism|iveness|fulness|ousness|aliti|iviti|biliti|logi)$/.exec(w);
  if (m && MGR0.test(m[1] ?? '')) w = (m[1] ?? '') + (STEP2[m[2] ?? ''] ?? '');

  // Step 3
  m = /^(.+?)(icate|ative|alize|iciti|ical|ful|ness)$/.exec(w);
  if (m && MGR0.test(m[1] ?? '')) w = (m[1] ?? '') + (STEP3[m[2] ?? ''] ?? '');

  // Step 4
  if ((m = /^(.+?)(al|ance|ence|er|ic|able|ible|ant|ement|ment|ent|ou|ism|ate|iti|ous|ive|ize)$/.exec(w))) {
    if (MGR1.test(m[1] ?? '')) w = m[1] ?? w;
  } else if ((m = /^(.+?)(s|t)(ion)$/.exec(w))) {
    const base = (m[1] ?? '') + (m[2] ?? '');
    if (MGR1.test(base)) w = base;
  }

  // Step 5
  if ((m = /^(.+?)e$/.exec(w))) {
    const base = m[1] ?? '';
    if (MGR1.test(base) || (MEQ1.test(base) && !CVC.test(base))) w = base;
  }
  if (/ll$/.test(w) && MGR1.test(w)) w = w.slice(0, -1);

  if (startsWithY) w = 'y' + w.slice(1);
  return w;
}

/**
 * A light Bulgarian stemmer for search queries.
 *
 * Pagefind has no Bulgarian stemmer, but it matches query words as prefixes of the
 * indexed words. So we cut a query word back to a stem that is a prefix of its other
 * forms: "жалби" → "жалб" (finds "жалба"), "служителят" → "служител" (finds
 * "служители"), "работно" → "работ" (finds "работен"). Only the query is stemmed; the
 * index keeps the text as written, so excerpts and highlights stay exact.
 */

/** Definite articles and plural endings, longest first so "ите" wins over "те". */
const INFLECTIONS = [
  "ищата",
  "ията",
  "ият",
  "ите",
  "ата",
  "ята",
  "ото",
  "ето",
  "ове",
  "еве",
  "ища",
  "ът",
  "ят",
  "ия",
  "та",
  "то",
  "те",
];
const VOWELS = "аъоуеияю";
/**
 * Words that carry no meaning in a query; dropped unless the query is only these. Question
 * words are among them: what a question asks for comes from the synonym list's questions
 * (lib/search-query.ts), which read them before they are dropped.
 */
const STOP_WORDS = new Set(
  "а в във до за и или към на над не от по под при с със се си ми ме ли ще че да как какво къде кога".split(" "),
);

export const isStopWord = (word: string) => STOP_WORDS.has(word.toLowerCase());
const MIN_STEM = 3;

const isVowel = (ch: string | undefined) => ch !== undefined && VOWELS.includes(ch);

/** The stem of one lowercase word. Words of three letters or fewer stay as they are. */
export function stemWord(input: string): string {
  let word = input.toLowerCase();
  if (word.length <= MIN_STEM || !/^[а-яѐ-ѝ]+$/.test(word)) return word;

  const inflection = INFLECTIONS.find((s) => word.endsWith(s) && word.length - s.length >= MIN_STEM);
  if (inflection) word = word.slice(0, -inflection.length);

  if (isVowel(word.at(-1)) && word.length - 1 >= MIN_STEM) word = word.slice(0, -1);

  // The fleeting "е" of adjectives: работен / работна / работно share "работ".
  if (word.endsWith("ен") && word.length - 2 >= 4) word = word.slice(0, -2);
  else if (word.endsWith("н") && !isVowel(word.at(-2)) && word.length - 1 >= MIN_STEM) word = word.slice(0, -1);

  return word;
}

/** The words of a query, lowercased, without punctuation or stop words. */
export function queryWords(query: string): string[] {
  const words = query
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
  const meaningful = words.filter((w) => !STOP_WORDS.has(w));
  return meaningful.length ? meaningful : words;
}

/** The query Pagefind should run for what the resident typed. */
export function stemQuery(query: string): string {
  return queryWords(query).map(stemWord).join(" ");
}

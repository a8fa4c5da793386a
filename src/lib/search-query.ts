/**
 * What a resident's words ask for, and how to search for it step by step when the words
 * together find nothing. Plain functions, no Pagefind: the search page (scripts/search.ts)
 * runs the queries, the tests read the plans.
 *
 * A query becomes terms. A term is a word as typed, a phrase of the synonym list
 * ("работно време"), or a question's wording ("в колко часа") read as what it asks for
 * ("работно време"); each is searched by its stems (lib/bg-stem.ts). The steps, each tried
 * only when the ones before found nothing:
 *   1. every term;
 *   2. terms swapped for the other members of their synonym group;
 *   3. without what the questions' wording added;
 *   4. fewer words: every way of leaving out one term, then two, …
 * There is no step "the words as typed": a stem is a prefix of its word, and Pagefind
 * matches prefixes, so the typed word can never find a page its stem did not.
 */
import { isStopWord, stemWord } from "./bg-stem.ts";

/** content/search/synonyms.json as the search page receives it. */
export interface Vocabulary {
  synonyms: string[][];
  questions: { ask: string; means?: string }[];
}

export interface Term {
  /** What the resident typed for it. */
  typed: string;
  /** What it is searched as, in words (the question's meaning, for a question). */
  meaning: string;
  stems: string[];
  /** The other members of its synonym group. */
  alternatives: { words: string; stems: string[] }[];
  /** Added by a question's wording ("в колко часа" → "работно време"). */
  fromQuestion: boolean;
}

export type StepKind = "all" | "synonyms" | "without-questions" | "fewer";

/** One step: the Pagefind queries it runs (their results are merged) and what each stands for. */
export interface Step {
  kind: StepKind;
  queries: { query: string; words: string }[];
}

/** The words of a text, lower case, without punctuation. */
export const words = (text: string) =>
  text
    .toLocaleLowerCase("bg")
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);

/** A word or phrase as search compares it: the stems of its words. */
export const phraseKey = (phrase: string) => words(phrase).map(stemWord).join(" ");

const unique = <T>(items: T[]) => [...new Set(items)];
const stemsOf = (text: string) =>
  unique(
    words(text)
      .filter((w) => !isStopWord(w))
      .map(stemWord),
  );

interface Entry {
  key: string[];
  make: (typed: string) => Term;
}

/** Every phrase the vocabulary knows, longest first, with the term it makes. */
function entries(vocabulary: Vocabulary): Entry[] {
  const groupOf = new Map<string, string[]>();
  for (const group of vocabulary.synonyms) for (const member of group) groupOf.set(phraseKey(member), group);
  const alternatives = (phrase: string) =>
    (groupOf.get(phraseKey(phrase)) ?? [])
      .filter((m) => phraseKey(m) !== phraseKey(phrase))
      .map((m) => ({ words: m, stems: stemsOf(m) }));

  const list: Entry[] = [
    ...vocabulary.questions.map(({ ask, means }) => ({
      key: words(ask).map(stemWord),
      make: (typed: string) => ({
        typed,
        meaning: means ?? "",
        stems: means ? stemsOf(means) : [],
        alternatives: means ? alternatives(means) : [],
        fromQuestion: true,
      }),
    })),
    ...vocabulary.synonyms.flat().map((member) => ({
      key: words(member).map(stemWord),
      make: (typed: string) => ({
        typed,
        meaning: typed,
        stems: stemsOf(typed),
        alternatives: alternatives(member),
        fromQuestion: false,
      }),
    })),
  ];
  // Questions first among phrases of the same length: "кога" asks, it is no synonym.
  return list.sort((a, b) => b.key.length - a.key.length);
}

/** The terms of a query. */
export function interpret(query: string, vocabulary: Vocabulary): Term[] {
  const typed = words(query);
  const stems = typed.map(stemWord);
  const known = entries(vocabulary);
  const terms: Term[] = [];
  for (let i = 0; i < typed.length; ) {
    const entry = known.find((e) => e.key.every((stem, k) => stems[i + k] === stem));
    if (entry) {
      const term = entry.make(typed.slice(i, i + entry.key.length).join(" "));
      if (term.stems.length) terms.push(term);
      i += entry.key.length;
      continue;
    }
    const word = typed[i] ?? "";
    if (!isStopWord(word))
      terms.push({ typed: word, meaning: word, stems: [stemWord(word)], alternatives: [], fromQuestion: false });
    i += 1;
  }
  if (terms.length === 0 && typed.length > 0) {
    // Only little words ("за", "как"): search for them as they are.
    return [
      { typed: typed.join(" "), meaning: typed.join(" "), stems: unique(stems), alternatives: [], fromQuestion: false },
    ];
  }
  // One term per meaning: "работно време работи" asks for working hours once.
  const seen = new Set<string>();
  return terms.filter((t) => {
    const key = t.stems.join(" ");
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** At most this many Pagefind queries in one step, so a long query stays quick. */
const MAX_QUERIES = 12;

const query = (terms: { stems: string[]; words: string }[]) => ({
  query: unique(terms.flatMap((t) => t.stems)).join(" "),
  words: terms.map((t) => t.words).join(" "),
});

/** How many letters two stems share from the start: "оплач" and "оплакв" share 4. */
function sharedStart(a: string, b: string): number {
  let n = 0;
  while (n < a.length && a[n] === b[n]) n++;
  return n;
}

/**
 * Every choice of one member per term but the terms' own, fewest swaps first and, among
 * those, the members closest to what was typed: "оплача" is sooner "оплакване" (another
 * form of the same word) than "жалба".
 */
function swaps(terms: Term[]): { stems: string[]; words: string }[][] {
  type Combo = { picks: { stems: string[]; words: string }[]; swapped: number; close: number };
  const order = (a: Combo, b: Combo) => a.swapped - b.swapped || b.close - a.close;
  let combos: Combo[] = [{ picks: [], swapped: 0, close: 0 }];
  for (const term of terms) {
    const own = { stems: term.stems, words: term.meaning };
    const typed = term.stems.join(" ");
    combos = combos.flatMap((c) => [
      { ...c, picks: [...c.picks, own] },
      ...term.alternatives.map((a) => ({
        picks: [...c.picks, a],
        swapped: c.swapped + 1,
        close: c.close + sharedStart(typed, a.stems.join(" ")),
      })),
    ]);
    if (combos.length > 200) combos = combos.sort(order).slice(0, 200);
  }
  return combos
    .filter((c) => c.swapped > 0)
    .sort(order)
    .map((c) => c.picks);
}

/** The subsets of `items` with `size` members, in order. */
function subsets<T>(items: T[], size: number): T[][] {
  if (size === 0) return [[]];
  if (items.length < size) return [];
  const [first, ...rest] = items as [T, ...T[]];
  return [...subsets(rest, size - 1).map((s) => [first, ...s]), ...subsets(rest, size)];
}

/** The steps for a query's terms, in the order they are tried. */
export function plan(terms: Term[]): Step[] {
  if (terms.length === 0) return [];
  const own = (t: Term) => ({ stems: t.stems, words: t.meaning });
  const steps: Step[] = [{ kind: "all", queries: [query(terms.map(own))] }];
  const swapped = swaps(terms);
  if (swapped.length) steps.push({ kind: "synonyms", queries: swapped.slice(0, MAX_QUERIES).map(query) });
  const typed = terms.filter((t) => !t.fromQuestion);
  if (typed.length && typed.length < terms.length) {
    steps.push({
      kind: "without-questions",
      queries: [query(typed.map(own)), ...swaps(typed).map(query)].slice(0, MAX_QUERIES),
    });
  }
  // Fewer words: the question's additions go first, then one word at a time.
  const base = typed.length ? typed : terms;
  for (let size = base.length - 1; size >= 1; size--) {
    const queries = subsets(base, size).flatMap((s) => [query(s.map(own)), ...swaps(s).map(query)]);
    steps.push({ kind: "fewer", queries: queries.slice(0, MAX_QUERIES) });
  }
  return steps;
}

const quoted = (text: string) => `„${text}“`;

/**
 * What the summary says about how the query was read and relaxed, or "" when it was
 * searched as typed. `used` is the words of the step's first query that found something.
 */
export function explanation(terms: Term[], kind: StepKind, used: string): string {
  const questions = terms.filter((t) => t.fromQuestion && kind !== "without-questions");
  const read = questions.length
    ? `${questions.map((t) => `${quoted(t.typed)} търсим като ${quoted(t.meaning)}`).join(", ")}.`
    : "";
  const typed = terms.map((t) => t.typed).join(" ");
  const relaxed =
    kind === "all"
      ? ""
      : kind === "synonyms"
        ? `Няма резултати за ${quoted(typed)}; показваме резултати за ${quoted(used)}.`
        : `Няма резултати за всички думи; показваме резултати за ${quoted(used)}.`;
  return [read, relaxed].filter(Boolean).join(" ");
}

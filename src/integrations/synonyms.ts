/**
 * The synonym list (content/search/synonyms.json) gives each word one meaning: a word —
 * or another form of it, which search treats as the same word — may stand in one group
 * only, and a question's wording once. Checked before Astro runs, with the line of every
 * repeat, in Bulgarian (the shape of the file is the schema's).
 */
import { phraseKey } from "../lib/search-query.ts";
import type { ContentFile, Problem } from "./content-files.ts";

const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];

/** The index of the first line from `from` on (or else anywhere) that holds `"text"`. */
function lineOf(file: ContentFile, text: string, from: number): number {
  const holds = (l: string) => l.includes(`"${text}"`);
  const index = file.lines.findIndex((l, i) => i >= from && holds(l));
  return index >= 0 ? index : Math.max(0, file.lines.findIndex(holds));
}

export function repeatedSynonyms(files: ContentFile[]): Problem[] {
  const problems: Problem[] = [];
  for (const file of files.filter((f) => f.collection === "search")) {
    const groups = Array.isArray(file.fields?.synonyms) ? (file.fields.synonyms as unknown[]) : [];
    const seen = new Map<string, { word: string; line: number; group: number }>();
    let from = 0;
    for (const [g, group] of groups.entries()) {
      for (const word of strings(group)) {
        const index = lineOf(file, word, from);
        from = index;
        const key = phraseKey(word);
        const earlier = seen.get(key);
        // Two forms of one word in the same group ("похвала", "похваля") do no harm.
        if (earlier?.group === g) continue;
        if (earlier) {
          const same = earlier.word === word ? `„${word}“` : `„${word}“ (търси се като „${earlier.word}“)`;
          problems.push({
            file: file.shown,
            line: index + 1,
            message: `${same} вече е в група на ред ${earlier.line}; една дума стои само в една група – слейте двете групи или махнете думата от едната.`,
          });
        } else seen.set(key, { word, line: index + 1, group: g });
      }
    }
    const asked = new Map<string, number>();
    const questions = Array.isArray(file.fields?.questions) ? (file.fields.questions as unknown[]) : [];
    for (const question of questions) {
      const ask = question && typeof question === "object" ? (question as { ask?: unknown }).ask : undefined;
      if (typeof ask !== "string") continue;
      const index = lineOf(file, ask, from);
      from = index;
      const earlier = asked.get(phraseKey(ask));
      if (earlier) {
        problems.push({
          file: file.shown,
          line: index + 1,
          message: `въпросът „${ask}“ вече е на ред ${earlier}; оставете го веднъж, с едно значение в „means“.`,
        });
      } else asked.set(phraseKey(ask), index + 1);
    }
  }
  return problems;
}

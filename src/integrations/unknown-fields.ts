/**
 * Fails on a top-level field the schema does not know, with its line and the likely
 * intended name. The schemas reject such fields too, but Astro prints that rejection
 * as `****: Непознато поле: …`, with the field's path masked and no line.
 */
import { type Collection, type ContentFile, fieldLine, type Problem } from "./content-files.ts";

export interface KnownFields {
  /** The kind of entry, for "Полетата на услуга са: …". */
  label: string;
  names: string[];
}

/** Edit distance, to guess the field a misspelling meant ("rezult" → "result"). */
function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(
        (previous[j] ?? 0) + 1,
        (current[j - 1] ?? 0) + 1,
        (previous[j - 1] ?? 0) + (a[i - 1]?.toLowerCase() === b[j - 1]?.toLowerCase() ? 0 : 1),
      );
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

function likelyMeant(field: string, names: string[]): string | undefined {
  const [best] = names
    .map((name) => ({ name, d: distance(field, name) }))
    .filter(({ d }) => d <= 2 && d < field.length / 2)
    .sort((x, y) => x.d - y.d);
  return best?.name;
}

export function unknownFields(files: ContentFile[], known: Record<Collection, KnownFields>): Problem[] {
  return files.flatMap((file) => {
    const { label, names } = known[file.collection];
    return Object.keys(file.fields ?? {})
      .filter((field) => !names.includes(field))
      .map((field) => {
        const meant = likelyMeant(field, names);
        const line = fieldLine(file, field);
        return {
          file: file.shown,
          ...(line === undefined ? {} : { line: line + 1 }),
          message:
            `непознато поле „${field}“.${meant ? ` Може би „${meant}“?` : ""} ` +
            `Полетата на ${label} са: ${names.join(", ")}.` +
            (file.format === "mdx" ? " Факт, за който няма поле, напишете в текста под полетата." : ""),
        };
      });
  });
}

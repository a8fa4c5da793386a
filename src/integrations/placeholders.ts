/**
 * Fails on "ПОПЪЛНЕТЕ", the word `npm run new:service` writes where a fact is still
 * missing: a service that says „Такса: ПОПЪЛНЕТЕ…“ must not be published. Only what the
 * site would show counts — a commented-out line (`# fee: "ПОПЪЛНЕТЕ"`) or an MDX comment
 * does not.
 */
import {
  type Collection,
  type ContentFile,
  fieldLine,
  fieldPath,
  fieldTextLines,
  type Problem,
} from "./content-files.ts";
import { scanBody } from "./mdx-text.ts";

export const PLACEHOLDER = "ПОПЪЛНЕТЕ";

/** Tells whether a top-level field of a collection may be left out. */
export type IsOptional = (collection: Collection, field: string) => boolean;

function advice(file: ContentFile, optional: boolean): string {
  const write = "Напишете истинския текст от източника (хартата, закон или официален документ на общината)";
  if (!optional) return `${write}.`;
  if (file.format === "json") return `${write} или махнете полето.`;
  return (
    `${write} или, ако нямате източник, сложете „# “ в началото на редовете му: тогава страницата ` +
    "казва „Не е посочено“ и къде да се попита."
  );
}

function inFields(file: ContentFile, isOptional: IsOptional): Problem[] {
  const fields = file.fields ?? {};
  // The parsed values decide which fields are unfilled; the lines only say where.
  const unfilled = Object.keys(fields).filter((key) => JSON.stringify(fields[key]).includes(PLACEHOLDER));
  const problem = (field: string[], index: number | undefined, text: string): Problem => ({
    file: file.shown,
    ...(index === undefined ? {} : { line: index + 1 }),
    message:
      `полето „${field.join(".")}“ още не е попълнено${text ? `: ${text}` : ""}. ` +
      advice(file, isOptional(file.collection, field[0] ?? "")),
  });
  const found = fieldTextLines(file)
    .filter(({ text }) => text.includes(PLACEHOLDER))
    .map(({ index, text }) => ({ index, text, field: fieldPath(file, index) }))
    .filter(({ field }) => unfilled.includes(field[0] ?? ""));
  // A field whose line the indentation does not give away is still reported, without a line.
  const unplaced = unfilled.filter((key) => !found.some(({ field }) => field[0] === key));
  return [
    ...found.map(({ index, text, field }) => problem(field, index, text.trim().replace(/,$/, ""))),
    ...unplaced.map((key) => problem([key], fieldLine(file, key), "")),
  ];
}

function inText(file: ContentFile): Problem[] {
  return scanBody(file)
    .visible.filter(({ text }) => text.includes(PLACEHOLDER))
    .map(({ index }) => ({
      file: file.shown,
      line: index + 1,
      message: `в текста под полетата още пише „${PLACEHOLDER}“. Заменете го с истинския текст или изтрийте изречението.`,
    }));
}

export function placeholders(files: ContentFile[], isOptional: IsOptional): Problem[] {
  return files
    .filter((file) => file.fields)
    .flatMap((file) => [...inFields(file, isOptional), ...(file.format === "mdx" ? inText(file) : [])]);
}

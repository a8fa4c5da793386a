/**
 * Every municipality publishes an accessibility statement and keeps it current (ЗЕУ,
 * чл. 58в, ал. 4: reviewed at least once a year). A municipality without one stops the
 * build; a statement whose last review is over a year old is a warning, so that the
 * editors see it on every build without the site going down over a date.
 */
import path from "node:path";
import { REVIEW_EVERY_DAYS } from "../lib/accessibility.ts";
import { type ContentFile, fieldLine, type Problem } from "./content-files.ts";

const DAY = 24 * 60 * 60 * 1000;

export function missingStatements(files: ContentFile[], folder: string): Problem[] {
  const covered = new Set(files.filter((f) => f.collection === "accessibility").map((f) => f.fields?.municipality));
  return files
    .filter((f) => f.collection === "municipalities")
    .map((f) => path.basename(f.path, ".json"))
    .filter((id) => !covered.has(id))
    .map((id) => ({
      file: `${folder}/${id}.json`,
      message:
        `община „${id}“ няма декларация за достъпност, а законът я изисква за всеки сайт на общината. ` +
        `Създайте ${folder}/${id}.json по примера на другите файлове там (docs/redaktori.md, „Декларация за достъпност“).`,
    }));
}

export function staleStatements(files: ContentFile[], today: Date): Problem[] {
  return files
    .filter((f) => f.collection === "accessibility" && typeof f.fields?.reviewedOn === "string")
    .flatMap((f) => {
      const reviewed = new Date(String(f.fields?.reviewedOn));
      const days = Math.floor((today.getTime() - reviewed.getTime()) / DAY);
      if (!(days > REVIEW_EVERY_DAYS)) return [];
      const line = fieldLine(f, "reviewedOn");
      return [
        {
          file: f.shown,
          ...(line === undefined ? {} : { line: line + 1 }),
          message:
            `декларацията за достъпност е преглеждана за последно на ${f.fields?.reviewedOn}, преди ${days} дни; ` +
            "законът изисква преглед поне веднъж годишно. Проверете я отново (какво още не е достъпно, данните " +
            "за контакт) и запишете датата на прегледа в „reviewedOn“.",
        },
      ];
    });
}

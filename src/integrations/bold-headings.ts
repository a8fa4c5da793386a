/**
 * A paragraph that is all bold (`**Цели**`) looks like a heading but is not one: screen
 * readers do not list it among the headings, the table of contents leaves it out, and
 * checkers (pa11y, HTML_CodeSniffer H42) flag it. Editors write headings as Markdown
 * headings (`## Цели`), so a bold-only paragraph in an .mdx text is reported with the fix.
 */
import type { ContentFile, Problem } from "./content-files.ts";
import { scanBody } from "./mdx-text.ts";

/** `**…**` or `__…__` alone on the line, with nothing before or after but a colon. */
const BOLD_ONLY = /^\s*(\*\*|__)(?!\s)(.+?)\1:?\s*$/;

export function boldOnlyParagraphs(files: ContentFile[]): Problem[] {
  return files
    .filter((file) => file.format === "mdx" && file.fields)
    .flatMap((file) => {
      const { visible } = scanBody(file);
      return visible.flatMap(({ index, text }, at) => {
        const before = visible[at - 1]?.text.trim() ?? "";
        const after = visible[at + 1]?.text.trim() ?? "";
        // Only a paragraph of its own: a bold line inside a paragraph or a list is emphasis.
        if (before !== "" || after !== "" || !BOLD_ONLY.test(text)) return [];
        return [
          {
            file: file.shown,
            line: index + 1,
            message:
              "абзац само с удебелен текст изглежда като заглавие, но не е заглавие за екранните четци и за " +
              "съдържанието на страницата. Ако е заглавие, напишете го със знаци # отпред (напр. „## Цели“); " +
              "ако не е, махнете удебеляването (**).",
          },
        ];
      });
    });
}

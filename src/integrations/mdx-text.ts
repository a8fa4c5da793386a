/**
 * The text under an .mdx file's fields, as the site will publish it. In MDX a "{" starts
 * code, so a brace in ordinary text stops the build with "Could not parse expression with
 * oxc", or, worse, is silently evaluated ({5} prints 5). Editors never mean code there, so
 * every bare "{" is reported, with the fix. MDX comments, escaped braces and code (`…` and
 * fenced blocks) are left alone, as MDX leaves them.
 */
import type { ContentFile, Problem } from "./content-files.ts";

export interface BodyScan {
  /** Bare "{" characters: line index and 1-based column. */
  braces: { index: number; column: number }[];
  /** Each line of the text with the comments left out, as published. */
  visible: { index: number; text: string }[];
}

export function scanBody(file: ContentFile): BodyScan {
  const scan: BodyScan = { braces: [], visible: [] };
  let inComment = false;
  let fence: string | undefined;
  for (let index = file.bodyFrom; index < file.lines.length; index++) {
    const line = file.lines[index] ?? "";
    const mark = /^\s*(`{3,}|~{3,})/.exec(line)?.[1];
    if (!inComment && (fence || mark)) {
      // A fenced code block is published as it is written.
      if (!fence) fence = mark;
      else if (mark?.startsWith(fence)) fence = undefined;
      scan.visible.push({ index, text: line });
      continue;
    }
    let text = "";
    for (let c = 0; c < line.length; c++) {
      if (inComment) {
        const end = line.indexOf("*/}", c);
        inComment = end === -1;
        c = inComment ? line.length : end + 2;
        continue;
      }
      const ch = line[c] ?? "";
      if (ch === "\\") {
        text += line.slice(c, c + 2);
        c++;
      } else if (ch === "`") {
        const ticks = /^`+/.exec(line.slice(c))?.[0] ?? "`";
        const close = line.indexOf(ticks, c + ticks.length);
        const end = close === -1 ? c + ticks.length : close + ticks.length;
        text += line.slice(c, end);
        c = end - 1;
      } else if (line.startsWith("{/*", c)) {
        inComment = true;
        c += 2;
      } else {
        if (ch === "{") scan.braces.push({ index, column: c + 1 });
        text += ch;
      }
    }
    scan.visible.push({ index, text });
  }
  return scan;
}

export function bareBraces(files: ContentFile[]): Problem[] {
  return files
    .filter((file) => file.format === "mdx" && file.fields)
    .flatMap((file) =>
      scanBody(file).braces.map(({ index, column }) => ({
        file: file.shown,
        line: index + 1,
        column,
        message:
          "знакът „{“ в текста има специално значение в .mdx (там започва код) и сайтът не може да се построи. " +
          "Ако скобите са част от текста, напишете \\{ и \\}; ако са код или адрес, оградете ги с обратни " +
          "апострофи: `{…}`.",
      })),
    );
}

/**
 * The files editors write, read once for the content check: where each one's fields
 * are, what they parse to, and which line a field is on. A file that cannot be parsed
 * comes back without fields, and its syntax mistake as a problem.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { parseFrontmatter } from "astro/markdown";
import { jsonProblem, yamlProblem } from "./syntax-errors.ts";

/** One mistake, as an editor is told about it. Lines and columns count from 1. */
export interface Problem {
  file: string;
  line?: number;
  column?: number;
  message: string;
}

export type Collection = "municipalities" | "charters" | "services" | "calendar" | "accessibility" | "search";

/** The same folders and patterns as the loaders in src/content.config.ts. */
const COLLECTIONS: { name: Collection; extension: ".json" | ".mdx"; recursive: boolean }[] = [
  { name: "municipalities", extension: ".json", recursive: false },
  { name: "calendar", extension: ".json", recursive: false },
  { name: "accessibility", extension: ".json", recursive: false },
  { name: "charters", extension: ".mdx", recursive: false },
  { name: "services", extension: ".mdx", recursive: true },
  { name: "search", extension: ".json", recursive: false },
];

export interface ContentFile {
  /** Absolute path. */
  path: string;
  /** The path as messages print it (relative to the project). */
  shown: string;
  collection: Collection;
  format: "json" | "mdx";
  lines: string[];
  /** The parsed fields (an .mdx file's frontmatter, a .json file's object); absent when unreadable. */
  fields?: Record<string, unknown>;
  /** Index of the first line of the fields and of the first line after them. */
  fieldLines: { from: number; to: number };
  /** Index of the first line of an .mdx file's text (after the frontmatter). */
  bodyFrom: number;
}

function namesIn(dir: string, extension: string, recursive: boolean): string[] {
  try {
    return readdirSync(dir, { recursive, encoding: "utf8" })
      .filter((name) => name.endsWith(extension))
      .sort();
  } catch {
    return []; // No such folder: nothing to check.
  }
}

const asObject = (value: unknown): Record<string, unknown> =>
  value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};

/** Where an .mdx file's frontmatter is: from its first "---" line to the line after the next one. */
function frontmatterLines(lines: string[]): { from: number; to: number } {
  const from = Math.max(
    0,
    lines.findIndex((line) => line.trim() !== ""),
  );
  const closing = lines[from]?.trimEnd() === "---" ? lines.indexOf("---", from + 1) : -1;
  return { from, to: closing === -1 ? from : closing + 1 };
}

/** Every content file under `contentDir`; `show` turns an absolute path into the one printed. */
export function readContent(contentDir: string, show: (file: string) => string) {
  const files: ContentFile[] = [];
  const problems: Problem[] = [];
  for (const { name, extension, recursive } of COLLECTIONS) {
    const dir = path.join(contentDir, name);
    for (const relative of namesIn(dir, extension, recursive)) {
      const file = path.join(dir, relative);
      const text = readFileSync(file, "utf8");
      const lines = text.split(/\r?\n/);
      const json = extension === ".json";
      const fieldLines = json ? { from: 0, to: lines.length } : frontmatterLines(lines);
      const entry: ContentFile = {
        path: file,
        shown: show(file),
        collection: name,
        format: json ? "json" : "mdx",
        lines,
        fieldLines,
        bodyFrom: fieldLines.to,
      };
      files.push(entry);
      try {
        // For .mdx the parser Astro's MDX loader uses, so what passes here passes there.
        entry.fields = asObject(json ? JSON.parse(text) : parseFrontmatter(text).frontmatter);
      } catch (error) {
        problems.push(
          json ? jsonProblem(entry.shown, text, error) : yamlProblem(entry.shown, error, lines, fieldLines.from),
        );
      }
    }
  }
  return { files, problems };
}

/** A key at the start of a line of YAML or pretty-printed JSON: `title:`, `  - text:`, `"name":`. */
const KEY = /^([ -]*)(?:"([^"]+)"|([^\s"'#{[\]},:][^:#]*?))\s*:(?:\s|$)/;

const isComment = (line: string) => line.trimStart().startsWith("#");

/**
 * The field that a line of the fields belongs to, as a path: ["deadline", "text"]. It is
 * read from the indentation of the lines above: enough to point at a line, while the
 * parsed fields decide what is wrong.
 */
export function fieldPath(file: ContentFile, index: number): string[] {
  const path: string[] = [];
  let indent = Number.POSITIVE_INFINITY;
  for (let i = index; i >= file.fieldLines.from && indent > 0; i--) {
    const line = file.lines[i] ?? "";
    if (!line.trim() || isComment(line)) continue;
    const key = KEY.exec(line);
    // A list item's dash counts as indentation, as it does for a key after it ("  - text:").
    const lineIndent = /^[ -]*/.exec(line)?.[0].length ?? 0;
    if (i === index || lineIndent < indent) {
      if (key) path.unshift((key[2] ?? key[3] ?? "").trim());
      indent = lineIndent;
    }
  }
  return path;
}

/** Index of the line where a top-level field is written, if it can be found. */
export function fieldLine(file: ContentFile, field: string): number | undefined {
  for (let i = file.fieldLines.from; i < file.fieldLines.to; i++) {
    const key = KEY.exec(file.lines[i] ?? "");
    if (key && (key[2] ?? key[3])?.trim() === field && fieldPath(file, i).length === 1) return i;
  }
  return undefined;
}

/** Lines of the fields that are not comments, with their indexes. */
export function fieldTextLines(file: ContentFile): { index: number; text: string }[] {
  const out: { index: number; text: string }[] = [];
  for (let i = file.fieldLines.from; i < file.fieldLines.to; i++) {
    const text = file.lines[i] ?? "";
    if (file.format === "json" || !isComment(text)) out.push({ index: i, text });
  }
  return out;
}

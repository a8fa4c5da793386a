/**
 * The README's table of surviving mutants that do not matter, read so that `bench:mutants` can say
 * which survivors it does not account for. A row's first cell names files in backticks
 * (`functions/x.ts`, `x.ts`, a glob such as `functions/content/*.ts`, or `x.ts:12, 14–16` with lines)
 * and the code it is about (other backticked text, `…` standing for anything). A file with lines
 * accounts for the survivors on those lines; a file without lines for those whose line holds one
 * of the snippets that follow it (files named one after another share the snippets after them).
 */
import path from "node:path";

/** The sentence that introduces the table in README.md. */
export const TABLE_HEADING = "Survivors that are accounted for, and why they do not matter:";

interface FileRef {
  /** As written in the row. */
  name: string;
  /** Matched against the end of a survivor's path (a glob's `*` within one name). */
  pattern: RegExp;
  lines: ReadonlySet<number>;
}
export interface AccountedRow {
  /** The row as written, for messages. */
  text: string;
  refs: { files: FileRef[]; snippets: string[] }[];
}

const FILE_TOKEN = /^([\w*./-]+\.ts)(?::([\d,–\s-]+))?$/;

function lineSet(spec: string | undefined): Set<number> {
  const lines = new Set<number>();
  for (const part of (spec ?? "").split(",")) {
    const [from, to] = part.split(/[–-]/).map((n) => Number(n.trim()));
    if (from === undefined || !Number.isInteger(from) || part.trim() === "") continue;
    for (let n = from; n <= (to !== undefined && Number.isInteger(to) ? to : from); n++) lines.add(n);
  }
  return lines;
}

function fileRef(token: string): FileRef | null {
  const m = FILE_TOKEN.exec(token);
  if (!m?.[1]) return null;
  const escaped = m[1].replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/\*/g, "[^/]*");
  return { name: m[1], pattern: new RegExp(`(^|/)${escaped}$`), lines: lineSet(m[2]) };
}

/** A table's cells, `\|` kept as a bar inside a cell. */
function cells(line: string): string[] {
  return line
    .trim()
    .replace(/^\||\|$/g, "")
    .split(/(?<!\\)\|/)
    .map((c) => c.trim().replace(/\\\|/g, "|"));
}

export function readAccountedRows(readme: string): AccountedRow[] {
  const start = readme.indexOf(TABLE_HEADING);
  if (start < 0) return [];
  const rows: AccountedRow[] = [];
  const lines = readme.slice(start + TABLE_HEADING.length).split("\n");
  let inTable = false;
  for (const line of lines) {
    if (!line.startsWith("|")) {
      if (inTable) break;
      continue;
    }
    inTable = true;
    const first = cells(line)[0] ?? "";
    if (first === "where" || /^-+$/.test(first)) continue;
    const refs: AccountedRow["refs"] = [];
    let group: AccountedRow["refs"][number] | undefined;
    for (const [, token = ""] of first.matchAll(/`([^`]+)`/g)) {
      const ref = fileRef(token);
      if (ref) {
        if (!group || group.snippets.length > 0) {
          group = { files: [], snippets: [] };
          refs.push(group);
        }
        group.files.push(ref);
      } else group?.snippets.push(token);
    }
    rows.push({ text: line, refs });
  }
  return rows;
}

const squeeze = (s: string) => s.replace(/\s+/g, " ");

/** Whether the snippet (its `…` standing for anything) is in the line of code. */
function holds(code: string, snippet: string): boolean {
  let at = 0;
  for (const piece of squeeze(snippet)
    .split("…")
    .map((p) => p.trim())) {
    if (piece === "") continue;
    const found = code.indexOf(piece, at);
    if (found < 0) return false;
    at = found + piece.length;
  }
  return true;
}

/** The row that accounts for a survivor at `file:line` whose line of code is `code`, if any. */
export function accountingRow(
  rows: readonly AccountedRow[],
  survivor: { file: string; line: number; code: string },
): AccountedRow | undefined {
  const file = survivor.file.split(path.sep).join("/");
  const code = squeeze(survivor.code);
  return rows.find((row) =>
    row.refs.some(({ files, snippets }) =>
      files.some(
        (f) =>
          f.pattern.test(file) &&
          (f.lines.size > 0 ? f.lines.has(survivor.line) : snippets.some((s) => holds(code, s))),
      ),
    ),
  );
}

/**
 * What in the table no longer matches the code: a file that matches no file of the project, a
 * line past a file's end, or code found on no line of the files it names. Such a row accounts for
 * nothing today, or for a later line that merely looks alike. `sources` maps each path
 * (`functions/x.ts`) to its text.
 */
export function staleReferences(rows: readonly AccountedRow[], sources: ReadonlyMap<string, string>): string[] {
  const linesOf = new Map([...sources].map(([p, text]) => [p, text.split("\n").map(squeeze)]));
  const stale: string[] = [];
  for (const row of rows) {
    for (const { files, snippets } of row.refs) {
      const searched: string[] = [];
      for (const f of files) {
        const paths = [...linesOf.keys()].filter((p) => f.pattern.test(p));
        if (paths.length === 0) stale.push(`${row.text}\n  no file matches ${f.name}`);
        for (const p of paths) {
          const lines = linesOf.get(p) ?? [];
          for (const n of f.lines) if (n > lines.length) stale.push(`${row.text}\n  ${p} has no line ${n}`);
          if (f.lines.size === 0) searched.push(...lines);
        }
      }
      if (searched.length === 0) continue;
      for (const s of snippets) if (!searched.some((l) => holds(l, s))) stale.push(`${row.text}\n  no line holds ${s}`);
    }
  }
  return stale;
}

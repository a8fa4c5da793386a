/**
 * "< 3": a count of one or two is not published, so that nobody is recognised in a small
 * village. Where figures add up to a published total, hiding one of them alone would not
 * hide it (the total minus the others gives it back), so another is withheld with it — the
 * smallest of the rest — until no line of figures has exactly one hidden number. A withheld
 * number is marked "скрито", not "< 3", which it need not be.
 */
import { type FigureRow, type Figures, rowKey } from "./figures";

/** What the public sees in place of a 1 or a 2. */
export const SUPPRESSED = "< 3";
/** What it sees in place of a number hidden with it (any number, 0 included: "< 3" would say too much or be untrue). */
export const WITHHELD = "скрито";
export type Hidden = typeof SUPPRESSED | typeof WITHHELD;

/** A figure as published: the number, or one of the two marks. */
export interface ShownRow extends Omit<FigureRow, "value"> {
  value: FigureRow["value"] | Hidden;
}

const isSmall = (r: FigureRow) => r.unit === "count" && typeof r.value === "number" && r.value > 0 && r.value < 3;

/** The keys of the counts to hide. */
export function hiddenKeys(figures: Pick<Figures, "rows" | "lines">): Set<string> {
  const value = new Map(figures.rows.map((r) => [rowKey(r), typeof r.value === "number" ? r.value : 0]));
  const hidden = new Set(figures.rows.filter(isSmall).map(rowKey));
  let changed = true;
  while (changed) {
    changed = false;
    for (const line of figures.lines) {
      const members = [line.total, ...line.parts];
      if (members.filter((k) => hidden.has(k)).length !== 1) continue;
      // The smallest visible part, a non-zero one first; the total when no part is left.
      const candidates = line.parts
        .filter((k) => !hidden.has(k))
        .sort((a, b) => rank(value.get(a) ?? 0) - rank(value.get(b) ?? 0) || (a < b ? -1 : 1));
      const next = candidates[0] ?? line.total;
      // A line of a hidden total alone has nothing more to hide: adding it again would loop for ever.
      if (hidden.has(next)) continue;
      hidden.add(next);
      changed = true;
    }
  }
  return hidden;
}

/** Zeros last: hiding a zero says less than hiding a small number, but a line may have nothing else. */
const rank = (n: number) => (n === 0 ? Number.MAX_SAFE_INTEGER : n);

/** The rows as published. */
export function published(figures: Figures): ShownRow[] {
  const hidden = hiddenKeys(figures);
  return figures.rows.map((r) => (hidden.has(rowKey(r)) ? { ...r, value: isSmall(r) ? SUPPRESSED : WITHHELD } : r));
}

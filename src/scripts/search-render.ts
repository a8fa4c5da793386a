/**
 * The search page's result list, written as HTML strings escaped by construction: one
 * entry per page with its title, its municipality, an excerpt in which the words searched
 * for are marked (never little words such as „по“), and the page's best section as a link
 * under it.
 */
import { isStopWord } from "../lib/bg-stem";
import { escapeHtml } from "../shared/html";

/** What Pagefind's `result.data()` gives, as far as the list uses it. */
export interface PageData {
  url: string;
  excerpt: string;
  meta: Record<string, string | undefined>;
  sub_results?: {
    title: string;
    url: string;
    excerpt: string;
    weighted_locations?: { balanced_score: number }[];
  }[];
}

const ENTITIES: Record<string, string> = {
  "&amp;": "&",
  "&lt;": "<",
  "&gt;": ">",
  "&quot;": '"',
  "&#39;": "'",
  "&#x27;": "'",
};

/** Pagefind's excerpt as plain text: its own marks out, its entities decoded. */
export const plainExcerpt = (excerpt: string) =>
  excerpt.replace(/<\/?mark>/g, "").replace(/&(?:amp|lt|gt|quot|#39|#x27);/g, (e) => ENTITIES[e] ?? e);

/** Escaped text with every word that starts with one of `stems` marked. */
export function highlight(text: string, stems: string[]): string {
  const usable = stems.filter((s) => s.length >= 2 && !isStopWord(s));
  let out = "";
  let last = 0;
  for (const match of text.matchAll(/[\p{L}\p{N}]+/gu)) {
    const word = match[0];
    const lower = word.toLocaleLowerCase("bg");
    if (isStopWord(lower) || !usable.some((s) => lower.startsWith(s))) continue;
    out += `${escapeHtml(text.slice(last, match.index))}<mark>${escapeHtml(word)}</mark>`;
    last = match.index + word.length;
  }
  return out + escapeHtml(text.slice(last));
}

const weight = (locations: { balanced_score: number }[] = []) =>
  locations.reduce((sum, l) => sum + l.balanced_score, 0);

/** The section of the page where the words weigh most, when it is not the page's top. */
export function bestSection(page: PageData) {
  const sections = (page.sub_results ?? []).filter((s) => s.url !== page.url && s.url.includes("#"));
  const best = [...(page.sub_results ?? [])].sort(
    (a, b) => weight(b.weighted_locations) - weight(a.weighted_locations),
  )[0];
  return best && sections.includes(best) ? best : undefined;
}

export function renderResult(page: PageData, stems: string[]): string {
  const section = bestSection(page);
  const title = page.meta.title ?? page.url;
  const where = page.meta.municipality;
  const excerpt = plainExcerpt(section?.excerpt ?? page.excerpt);
  return [
    `<li class="search-result">`,
    `<h2><a class="result-link" href="${escapeHtml(page.url)}">${escapeHtml(title)}</a></h2>`,
    where ? `<p class="result-where">${escapeHtml(where)}</p>` : "",
    `<p class="result-excerpt">${highlight(excerpt, stems)}</p>`,
    section
      ? `<p class="result-section">Раздел: <a class="result-section-link" href="${escapeHtml(section.url)}">${escapeHtml(section.title)}</a></p>`
      : "",
    "</li>",
  ].join("");
}

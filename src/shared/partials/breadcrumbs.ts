/** The site's breadcrumbs: the same markup on Astro pages and on the pages the Worker renders. */
import { escapeHtml } from "../html";

export interface Crumb {
  href?: string;
  label: string;
}

export function renderBreadcrumbs(items: readonly Crumb[]): string {
  const li = items.map((item) =>
    item.href
      ? `<li><a href="${escapeHtml(item.href)}">${escapeHtml(item.label)}</a></li>`
      : `<li><span aria-current="page">${escapeHtml(item.label)}</span></li>`,
  );
  return `<nav class="breadcrumbs" aria-label="Път до страницата" data-pagefind-ignore><ol>${li.join("")}</ol></nav>`;
}

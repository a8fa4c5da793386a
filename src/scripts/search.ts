/**
 * The search page: reads ?q=, stems the query for Pagefind (see lib/bg-stem.ts) and
 * lets the Component UI render the results as links inside #search-results. Typing
 * searches as you go; submitting keeps the query in the address bar.
 */
import { stemQuery } from "../lib/bg-stem";
import { SEARCH_STRINGS_BG } from "./search-strings";

interface PagefindInstance {
  setTranslations(strings: Record<string, string>): void;
  triggerSearch(term: string): void;
  on(event: "results", callback: (result: { results: unknown[] }) => void, owner?: object): void;
}
declare global {
  interface Window {
    PagefindComponents?: { getInstanceManager(): { getInstance(name?: string): PagefindInstance } };
  }
}

const form = document.querySelector<HTMLFormElement>("#search-form");
const input = document.querySelector<HTMLInputElement>("#search-q");
const summary = document.querySelector<HTMLElement>("#search-summary");
const instance = window.PagefindComponents?.getInstanceManager().getInstance("default");

if (form && input && summary && instance) {
  instance.setTranslations(SEARCH_STRINGS_BG);
  let asked = "";
  instance.on("results", ({ results }) => {
    const n = results.length;
    summary.textContent = !asked
      ? ""
      : n === 0
        ? `Няма резултати за „${asked}“. Опитайте с друга дума или вижте темите от А до Я.`
        : `${n} ${n === 1 ? "резултат" : "резултата"} за „${asked}“`;
  });

  const run = (query: string) => {
    asked = query.trim();
    instance.triggerSearch(asked ? stemQuery(asked) : "");
  };

  let timer: ReturnType<typeof setTimeout> | undefined;
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(() => run(input.value), 250);
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    clearTimeout(timer);
    const url = new URL(location.href);
    url.searchParams.set("q", input.value);
    history.replaceState(null, "", url);
    run(input.value);
  });

  const initial = new URLSearchParams(location.search).get("q") ?? "";
  input.value = initial;
  if (initial) run(initial);
}

/**
 * The search page: reads ?q= and ?m=, reads the query (lib/search-query.ts), asks
 * Pagefind's JavaScript API step by step until a step finds something, and writes the
 * result list (./search-render.ts). Typing searches as you go; submitting or choosing
 * where to search keeps the query in the address bar. Pagefind is loaded on the first
 * focus or query, so the page itself stays light; with `m` it loads that municipality's
 * own index (lib/search-scope.ts).
 */
import { explanation, interpret, plan, type StepKind, type Term, type Vocabulary } from "../lib/search-query";
import {
  azPath,
  FULL_INDEX,
  type IndexStart,
  isScopeId,
  scopeIndexPath,
  searchPath,
  startFiles,
} from "../lib/search-scope";
import { escapeHtml } from "../shared/html";
import { type PageData, renderResult } from "./search-render";

interface PagefindResult {
  id: string;
  score: number;
  data(): Promise<PageData>;
}
interface Pagefind {
  search(query: string): Promise<{ results: PagefindResult[] } | null>;
  preload(query: string): Promise<void>;
}
interface PagefindModule {
  createInstance(options: {
    basePath: string;
    noWorker: boolean;
    excerptLength: number;
    metaCacheTag?: string;
  }): Pagefind;
}

/** Results shown at once, and added by "Още резултати". */
const PAGE_SIZE = 10;
/** Pause after the last keystroke before searching as you type. */
const TYPING_PAUSE_MS = 150;

const form = document.querySelector<HTMLFormElement>("#search-form");
const input = document.querySelector<HTMLInputElement>("#search-q");
const where = document.querySelector<HTMLSelectElement>("#search-m");
const answer = document.querySelector<HTMLElement>("#search-answer");
const summary = document.querySelector<HTMLElement>("#search-summary");
const hint = document.querySelector<HTMLElement>("#search-hint");
const list = document.querySelector<HTMLOListElement>("#search-results");
const more = document.querySelector<HTMLButtonElement>("#search-more");
const az = document.querySelector<HTMLAnchorElement>("#search-az");

let pagefindModule: Promise<PagefindModule> | undefined;
const instances = new Map<string, Pagefind>();

/** How each index starts, as the build found it (integrations/pagefind.ts). */
const starts = JSON.parse(form?.dataset.indexFiles || "{}") as Record<string, IndexStart | undefined>;

const indexPath = (scope: string) => (scope ? scopeIndexPath(scope) : FULL_INDEX);

/**
 * Asks for an index's first files at once, beside Pagefind's script: Pagefind would ask
 * for them only after its script and its entry file, one or two round trips later. Its own
 * requests then take them from the preload cache (same address, same CORS mode).
 */
function preloadIndex(scope: string): void {
  const start = starts[scope];
  for (const name of start ? startFiles(start) : []) {
    const href = `${indexPath(scope)}${name}`;
    if (document.head.querySelector(`link[rel="preload"][href="${CSS.escape(href)}"]`)) continue;
    const link = Object.assign(document.createElement("link"), { rel: "preload", href, as: "fetch" });
    link.crossOrigin = "anonymous";
    document.head.append(link);
  }
}

async function pagefindFor(scope: string): Promise<Pagefind> {
  preloadIndex(scope);
  // A URL import, left to the browser: the bundle is Pagefind's, written after the site.
  const url = `${FULL_INDEX}pagefind.js`;
  pagefindModule ??= import(/* @vite-ignore */ url) as Promise<PagefindModule>;
  const module = await pagefindModule;
  let instance = instances.get(scope);
  if (!instance) {
    // On the page's own thread: a worker would cost one more script for no gain at this size.
    instance = module.createInstance({
      basePath: indexPath(scope),
      ...(starts[scope] ? { metaCacheTag: starts[scope].hash } : {}),
      noWorker: true,
      excerptLength: 26,
    });
    instances.set(scope, instance);
  }
  return instance;
}

/** What a step found: its pages, best first, and the words of the query that led. */
interface Found {
  results: PagefindResult[];
  used: { kind: StepKind; words: string; stems: string[] };
}

/** Runs the plan's steps until one finds something (lib/search-query.ts). */
async function findResults(pagefind: Pagefind, terms: Term[]): Promise<Found> {
  // Pagefind leaves out a word the index does not have and answers for the others, so a
  // query counts as found only when each of its words finds something on its own.
  const known = new Map<string, Promise<boolean>>();
  const isKnown = (stem: string) => {
    let answer = known.get(stem);
    if (!answer) {
      answer = pagefind.search(stem).then((a) => (a?.results.length ?? 0) > 0);
      known.set(stem, answer);
    }
    return answer;
  };
  const ask = async (q: string) => {
    const stems = q.split(" ");
    if (stems.length === 1) return (await pagefind.search(q))?.results ?? [];
    const [each, all] = await Promise.all([Promise.all(stems.map(isKnown)), pagefind.search(q)]);
    return each.every(Boolean) ? (all?.results ?? []) : [];
  };
  for (const step of plan(terms)) {
    const answers = await Promise.all(step.queries.map(async (q) => ({ ...q, results: await ask(q.query) })));
    const found = answers.filter((a) => a.results.length);
    const first = found[0];
    if (!first) continue;
    // The step's first query that found something leads (the plan puts the closest
    // reading first); the others' pages follow, one entry per page, by their best score.
    const best = new Map<string, PagefindResult>();
    for (const r of found.slice(1).flatMap((a) => a.results)) {
      if ((best.get(r.id)?.score ?? -1) < r.score) best.set(r.id, r);
    }
    const lead = new Set(first.results.map((r) => r.id));
    const rest = [...best.values()].filter((r) => !lead.has(r.id)).sort((a, b) => b.score - a.score);
    return {
      results: [...first.results, ...rest],
      used: { kind: step.kind, words: first.words, stems: found.flatMap((a) => a.query.split(" ")) },
    };
  }
  return { results: [], used: { kind: "all", words: "", stems: [] } };
}

if (form && input && where && answer && summary && hint && list && more && az) {
  const vocabulary = JSON.parse(form.dataset.vocabulary ?? "{}") as Vocabulary;
  const scopeName = (id: string) => [...where.options].find((o) => o.value === id)?.textContent ?? "";
  const knownScope = (id: string) => (isScopeId(id) && scopeName(id) ? id : "");

  let generation = 0;
  let shown: { results: PagefindResult[]; stems: string[]; count: number } | undefined;

  const setScopeLinks = (scope: string) => {
    az.href = azPath(scope || undefined);
    for (const a of hint.querySelectorAll<HTMLAnchorElement>("a[data-example]")) {
      a.href = searchPath(a.dataset.example ?? "", scope || undefined);
    }
  };

  const showMore = async () => {
    if (!shown) return;
    const token = generation;
    const next = shown.results.slice(shown.count, shown.count + PAGE_SIZE);
    const pages = await Promise.all(next.map((r) => r.data()));
    if (token !== generation || !shown) return;
    list.insertAdjacentHTML("beforeend", pages.map((p) => renderResult(p, shown?.stems ?? [])).join(""));
    shown.count += next.length;
    more.hidden = shown.count >= shown.results.length;
  };

  const run = async (raw: string, scope: string) => {
    const token = ++generation;
    const query = raw.trim();
    // Answered for what is asked now, not for the query before (the tests wait on it).
    delete answer.dataset.answered;
    setScopeLinks(scope);
    if (!query) {
      shown = undefined;
      summary.textContent = "";
      list.replaceChildren();
      more.hidden = true;
      hint.hidden = false;
      return;
    }
    const pagefind = await pagefindFor(scope);
    const terms = interpret(query, vocabulary);
    const { results, used } = await findResults(pagefind, terms);
    if (token !== generation) return;

    const first = await Promise.all(results.slice(0, PAGE_SIZE).map((r) => r.data()));
    if (token !== generation) return;

    const inScope = scope ? ` в ${escapeHtml(scopeName(scope))}` : "";
    const everywhere = scope ? ` <a href="${escapeHtml(searchPath(query))}">Търсете във всички общини</a>.` : "";
    const asked = `„${escapeHtml(query)}“${inScope}`;
    const n = results.length;
    summary.innerHTML =
      n === 0
        ? `Няма резултати за ${asked}. Опитайте с друга дума или вижте темите от А до Я.${everywhere}`
        : `${n} ${n === 1 ? "резултат" : "резултата"} за ${asked}. ${escapeHtml(explanation(terms, used.kind, used.words))}${everywhere}`;
    hint.hidden = true;
    list.innerHTML = first.map((p) => renderResult(p, used.stems)).join("");
    shown = { results, stems: used.stems, count: first.length };
    more.hidden = shown.count >= results.length;
    answer.dataset.answered = query;
  };

  const current = () => knownScope(where.value);
  const remember = () => {
    history.replaceState(null, "", searchPath(input.value.trim(), current() || undefined));
  };

  let timer: ReturnType<typeof setTimeout> | undefined;
  input.addEventListener("focus", () => void pagefindFor(current()), { once: true });
  input.addEventListener("input", () => {
    clearTimeout(timer);
    // While the resident types, Pagefind fetches the index chunks the words will need.
    const first = plan(interpret(input.value, vocabulary))[0]?.queries[0]?.query;
    if (first) void pagefindFor(current()).then((pagefind) => pagefind.preload(first));
    timer = setTimeout(() => void run(input.value, current()), TYPING_PAUSE_MS);
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    clearTimeout(timer);
    remember();
    void run(input.value, current());
  });
  where.addEventListener("change", () => {
    remember();
    void run(input.value, current());
  });
  more.addEventListener("click", () => void showMore());

  const params = new URLSearchParams(location.search);
  input.value = params.get("q") ?? "";
  where.value = knownScope(params.get("m") ?? "");
  void run(input.value, where.value);
}

/**
 * Where search looks: every indexed page is filed under its municipality (or under the
 * shared pages), and each municipality has a search index of its own — its pages and the
 * shared ones — so a resident's first query from a municipality's pages loads only that
 * municipality's index (integrations/pagefind.ts writes them, scripts/search.ts reads them).
 * Plain data and functions: the build, the pages and the browser script all use them.
 */

/** A municipality as search shows it: the id in its addresses and its name. */
export interface SearchScope {
  id: string;
  name: string;
}

/** The Pagefind filter that names a page's municipality. */
export const SCOPE_FILTER = "municipality";
/** The filter's value for pages of no one municipality (the privacy notice, say). */
export const SHARED_PAGES = "obshti";
/** Where the index of every page lives, and where each municipality's own lives under it. */
export const FULL_INDEX = "/pagefind/";
export const scopeIndexPath = (id: string) => `${FULL_INDEX}scope/${id}/`;
/** The search page's attribute, `{}` until the build fills it with each index's IndexStart (integrations/pagefind.ts). */
export const INDEX_FILES_ATTRIBUTE = "data-index-files";
/**
 * How an index starts, as its entry file (pagefind-entry.json) declares it: the hash of its
 * one language and the name of its WebAssembly. Short on purpose: the search page carries
 * one per municipality, and from it names the files Pagefind fetches before any word.
 */
export interface IndexStart {
  hash: string;
  wasm: string;
}
export const ENTRY_FILE = "pagefind-entry.json";
/**
 * The files an index fetches first, named the way Pagefind's script names them, so that an
 * early request for them is the one Pagefind then makes. The hash also stands in Pagefind's
 * `metaCacheTag`, which otherwise puts the time in the entry file's address.
 */
export const startFiles = ({ hash, wasm }: IndexStart) => [
  `${ENTRY_FILE}?ts=${hash}`,
  `pagefind.${hash}.pf_meta`,
  `wasm.${wasm}.pagefind`,
];

/** The A–Z index of one municipality's topics, or of all. */
export const azPath = (id?: string) => (id ? `/${id}/a-z/` : "/a-z/");

/** The search page's address for a query, in one municipality or in all. */
export function searchPath(query: string, scope?: string): string {
  const params = new URLSearchParams();
  if (query) params.set("q", query);
  if (scope) params.set("m", scope);
  const search = params.toString();
  return `/search/${search ? `?${search}` : ""}`;
}

/** The attributes that mark a page's main content for the index, with its municipality. */
export function indexAttributes(scope?: SearchScope): Record<string, string> {
  return {
    "data-pagefind-body": "",
    "data-pagefind-filter": `${SCOPE_FILTER}:${scope?.id ?? SHARED_PAGES}`,
    ...(scope ? { "data-pagefind-meta": `${SCOPE_FILTER}:${scope.name}` } : {}),
  };
}

/** A municipality id as it may appear in `m=`: what its content file may be named. */
export const isScopeId = (value: string) => /^[a-z0-9][a-z0-9-]{0,62}$/.test(value);

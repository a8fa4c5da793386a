/**
 * For mutation testing only (vitest.mutants.config.ts). Stryker runs the tests again and
 * again in one workerd, and the edge cache (`caches.default`) outlives a run: the report's
 * pages built by an earlier run would answer a later mutant's requests, and a mutant in the
 * report's code would pass every test without ever running. Each test file's run therefore
 * gets a cache of its own, as the normal suite has: the same addresses, under a key that
 * carries the run.
 */
const RUN = Symbol.for("harta.mutation-run");
const cache = caches.default as Cache & { [RUN]?: { id: string } };
// The cache object outlives this file too: wrap it once (a wrapper around a wrapper would keep
// the first run's key, the innermost one being applied last), and give it a new run each time.
if (!cache[RUN]) {
  const run = { id: "" };
  const ownKey = (request: RequestInfo | URL) => {
    const url = new URL(request instanceof Request ? request.url : String(request));
    url.searchParams.set("mutation-run", run.id);
    return url.toString();
  };
  const { match, put, delete: remove } = cache;
  Object.assign(cache, {
    [RUN]: run,
    match: (request: RequestInfo | URL, options?: CacheQueryOptions) => match.call(cache, ownKey(request), options),
    put: (request: RequestInfo | URL, response: Response) => put.call(cache, ownKey(request), response),
    delete: (request: RequestInfo | URL, options?: CacheQueryOptions) => remove.call(cache, ownKey(request), options),
  });
}
(cache[RUN] as { id: string }).id = crypto.randomUUID();

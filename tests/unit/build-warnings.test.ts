/**
 * Only the one known piece of noise is dropped from the build's output: the bundler's
 * warning about Astro's own "use astro:head-inject" directive in content modules.
 * Every other message, including the same warning about any other directive, still shows.
 */
import { describe, expect, test } from "vitest";
import { onBuildLog } from "../../src/integrations/build-warnings.ts";

type Level = Parameters<typeof onBuildLog>[0];
type Log = Parameters<typeof onBuildLog>[1];

function forwarded(level: Level, log: Log): unknown[] {
  const shown: unknown[] = [];
  onBuildLog(level, log, (...args) => shown.push(args));
  return shown;
}

const noise: Log = {
  code: "MODULE_LEVEL_DIRECTIVE",
  message:
    'The semantics of the module level directive "use astro:head-inject" in ' +
    '"content/charters/kostinbrod.mdx?astroPropagatedAssets" may not be preserved when bundling.',
};

describe("the build's log filter", () => {
  test("drops the warning about Astro's head-inject directive", () => {
    expect(forwarded("warn", noise)).toEqual([]);
  });

  test.each([
    [
      "the same warning about another directive",
      "MODULE_LEVEL_DIRECTIVE",
      'module level directive "use client" in "x.js"',
    ],
    ["a different warning", "EMPTY_BUNDLE", "Generated an empty chunk"],
    ["a warning that merely mentions the directive", "PLUGIN_WARNING", '"use astro:head-inject" somewhere'],
  ])("forwards %s", (_, code, message) => {
    expect(forwarded("warn", { code, message })).toEqual([["warn", { code, message }]]);
  });

  test("forwards other levels untouched", () => {
    expect(forwarded("info", noise)).toEqual([["info", noise]]);
  });
});

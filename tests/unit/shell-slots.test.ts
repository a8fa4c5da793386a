/** The Worker's pages are cut from the built shell at explicit slots; a shell without them fails the build. */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { cutShell } from "../../functions/pages/layout";
import { shellProblems } from "../../src/integrations/worker-data";
import { SHELL_PATH, SHELL_SLOTS } from "../../src/shared/worker-data";
import { REPO } from "./support/sandbox";

const built = () => readFileSync(path.join(REPO, "dist", SHELL_PATH, "index.html"), "utf8");

describe("the shell page", () => {
  it("is built with each slot exactly once, and is cut there into the page frame", () => {
    const html = built();
    expect(shellProblems(html)).toEqual([]);
    const frame = cutShell(html);
    expect(frame?.[0]).toMatch(/<title>$/);
    expect(frame?.[1]).toMatch(/^<\/title>/);
    expect(frame?.[1]).toContain('<main id="main"');
    expect(frame?.[2]).toContain("</main>");
    expect(html).not.toContain('rel="canonical"');
  });

  it("a missing or repeated slot is reported by name and the Worker refuses to cut it", () => {
    const html = built();
    const noMain = html.replace(SHELL_SLOTS.main, "");
    const twoTitles = html.replace(SHELL_SLOTS.main, `${SHELL_SLOTS.main}${SHELL_SLOTS.title}`);
    expect(shellProblems(noMain)).toEqual([expect.stringContaining("„main“")]);
    expect(shellProblems(twoTitles)).toEqual([expect.stringContaining("„title“ (HARTA-SLOT-TITLE) се среща 2 пъти")]);
    expect(cutShell(noMain)).toBeNull();
    expect(cutShell(twoTitles)).toBeNull();
  });
});

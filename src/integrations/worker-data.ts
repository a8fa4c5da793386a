/**
 * Fails the build when what the Worker reads from dist/ is not there: the shell page
 * with each of its slots exactly once, the municipalities' data and the working-days calendar. Without this, a
 * change to Base.astro could break every page the Worker renders, and nobody would
 * know until a resident saw it.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { AstroIntegration } from "astro";
import { CALENDAR_DATA_PATH, MUNICIPALITIES_DATA_PATH, SHELL_PATH, SHELL_SLOTS } from "../shared/worker-data";

/** Problems with the built shell page's HTML, one message per slot. */
export function shellProblems(html: string): string[] {
  return Object.entries(SHELL_SLOTS).flatMap(([name, mark]) => {
    const count = html.split(mark).length - 1;
    return count === 1 ? [] : [`${SHELL_PATH}: слотът „${name}“ (${mark}) се среща ${count} пъти вместо веднъж`];
  });
}

function read(dir: URL, path: string): string | null {
  try {
    return readFileSync(fileURLToPath(new URL(`.${path}`, dir)), "utf8");
  } catch {
    return null;
  }
}

export default function workerData(): AstroIntegration {
  return {
    name: "harta:worker-data",
    hooks: {
      "astro:build:done": ({ dir }) => {
        const shell = read(dir, `${SHELL_PATH}index.html`);
        const data = read(dir, MUNICIPALITIES_DATA_PATH);
        const problems = shell === null ? [`${SHELL_PATH}: страницата не е построена`] : shellProblems(shell);
        if (data === null) problems.push(`${MUNICIPALITIES_DATA_PATH}: файлът не е построен`);
        if (read(dir, CALENDAR_DATA_PATH) === null) problems.push(`${CALENDAR_DATA_PATH}: файлът не е построен`);
        if (problems.length) {
          throw new Error(`Страниците на Worker-а няма да работят:\n${problems.map((p) => `- ${p}`).join("\n")}`);
        }
      },
    },
  };
}

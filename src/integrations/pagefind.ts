/**
 * Builds the Pagefind search index through its Node API once Astro has written the
 * site. Any error Pagefind reports fails the build: a site whose search silently
 * broke must not be deployed.
 */
import { fileURLToPath } from "node:url";
import type { AstroIntegration } from "astro";
import * as pagefind from "pagefind";

function fail(step: string, errors: string[]): never {
  throw new Error(`Pagefind: ${step} се провали:\n${errors.join("\n")}`);
}

export default function pagefindIntegration(): AstroIntegration {
  return {
    name: "harta:pagefind",
    hooks: {
      "astro:build:done": async ({ dir, logger }) => {
        const site = fileURLToPath(dir);
        const started = performance.now();
        const { index, errors: createErrors } = await pagefind.createIndex({ forceLanguage: "bg" });
        if (!index || createErrors.length) fail("създаването на индекса", createErrors);
        try {
          const added = await index.addDirectory({ path: site });
          if (added.errors.length) fail("индексирането на страниците", added.errors);
          if (added.page_count === 0) fail("индексирането на страниците", ["няма нито една страница"]);
          const written = await index.writeFiles({ outputPath: `${site}pagefind` });
          if (written.errors.length) fail("записването на индекса", written.errors);
          logger.info(`индексирани ${added.page_count} страници за ${Math.round(performance.now() - started)} ms`);
        } finally {
          await index.deleteIndex();
          await pagefind.close();
        }
      },
    },
  };
}

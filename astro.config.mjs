// @ts-check
import mdx from "@astrojs/mdx";
import { defineConfig } from "astro/config";
import contentReferences from "./src/integrations/content-references.ts";
import pagefind from "./src/integrations/pagefind.ts";
import workerData from "./src/integrations/worker-data.ts";

export default defineConfig({
  // Absolute URLs (canonical links, the "suggest a change" links) use this origin.
  site: process.env.HARTA_SITE_URL ?? "http://localhost:8787",
  trailingSlash: "always",
  // Keep the whitespace between elements: Pagefind would otherwise glue the words of
  // adjacent cells together ("Адрес" + "гр. Костинброд" → "Адресгр.").
  compressHTML: false,
  build: { format: "directory", inlineStylesheets: "never" },
  integrations: [contentReferences(), mdx(), pagefind(), workerData()],
  devToolbar: { enabled: false },
  // Scripts stay external files so the Content-Security-Policy needs no inline hashes.
  vite: { build: { assetsInlineLimit: 0 } },
});

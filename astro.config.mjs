// @ts-check
import mdx from "@astrojs/mdx";
import { defineConfig } from "astro/config";
import { onBuildLog } from "./src/integrations/build-warnings.ts";
import contentCheck from "./src/integrations/content-check.ts";
import modulePreload from "./src/integrations/module-preload.ts";
import pagefind from "./src/integrations/pagefind.ts";
import workerData from "./src/integrations/worker-data.ts";

export default defineConfig({
  // Absolute URLs (canonical links) use this origin.
  site: process.env.HARTA_SITE_URL ?? "http://localhost:8787",
  trailingSlash: "always",
  // Keep the whitespace between elements: Pagefind would otherwise glue the words of
  // adjacent cells together ("Адрес" + "гр. Костинброд" → "Адресгр.").
  compressHTML: false,
  build: { format: "directory", inlineStylesheets: "never" },
  integrations: [contentCheck(), mdx(), pagefind(), modulePreload(), workerData()],
  devToolbar: { enabled: false },
  // Scripts stay external files so the Content-Security-Policy needs no inline hashes.
  vite: { build: { assetsInlineLimit: 0, rolldownOptions: { onLog: onBuildLog } } },
});

/** The project's own wrangler, run with this Node: its package.json `bin`, no `.bin` shim, no shell. */
import { createRequire } from "node:module";
import path from "node:path";

const wranglerPackage = createRequire(import.meta.url).resolve("wrangler/package.json");
export const WRANGLER = path.join(path.dirname(wranglerPackage), "bin", "wrangler.js");

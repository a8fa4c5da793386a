/**
 * The Worker: one Hono app. Static pages come from the assets binding; everything
 * under /api/ runs here first (see run_worker_first in wrangler.toml).
 */
import { Hono } from "hono";
import type { AppEnv } from "./env";

const app = new Hono<AppEnv>();

app.get("/api/health", (c) => c.json({ status: "ok" }));

export default app;

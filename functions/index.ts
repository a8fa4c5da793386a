/**
 * The Worker: one Hono app. Static pages come from the assets binding; the API
 * and the pages the Worker renders itself run here first (run_worker_first in
 * wrangler.toml). The cron retries e-mails that could not be sent right away.
 */
import { Hono } from "hono";
import { WORKER_DATA_PREFIX } from "../src/shared/worker-data";
import type { AppEnv, Bindings } from "./env";
import { feedback } from "./feedback/routes";
import { REQUEST_ERRORS } from "./http/messages";
import { problem } from "./http/respond";
import { allowedOrigins, isCrossSite, securityHeaders } from "./http/security";
import { logError } from "./log";
import { drainOutbox } from "./mail/outbox";
import { receipts } from "./pages/receipt";
import { thanks } from "./pages/thanks";
import { submissions } from "./submissions/routes";

const app = new Hono<AppEnv>();

app.use(securityHeaders());

// Cross-site posts are refused before anything is read.
app.use("/api/*", async (c, next) => {
  if (
    c.req.method !== "GET" &&
    c.req.method !== "HEAD" &&
    isCrossSite(c.req.raw, allowedOrigins(c.env.ALLOWED_ORIGINS))
  ) {
    return problem(c, { status: 403, message: REQUEST_ERRORS.crossSite });
  }
  await next();
});

app.get("/api/health", (c) => c.json({ status: "ok" }));
app.route("/api/submissions", submissions);
app.route("/api/feedback", feedback);
app.route("/potvarzhdenie", receipts);
app.route("/obratna-vrazka", thanks);
// What the build leaves in dist/ for the Worker alone (the shell, the municipalities' data).
app.all(`${WORKER_DATA_PREFIX}*`, (c) => problem(c, { status: 404, message: REQUEST_ERRORS.notFound }));

app.notFound((c) => problem(c, { status: 404, message: REQUEST_ERRORS.notFound }));

app.onError((error, c) => {
  logError("worker.unhandled", error, { path: new URL(c.req.url).pathname });
  return problem(c, { status: 500, message: "Възникна неочаквана грешка. Опитайте отново след малко." });
});

export default {
  fetch: app.fetch,
  async scheduled(controller: ScheduledController, env: Bindings, ctx: ExecutionContext) {
    ctx.waitUntil(
      drainOutbox(env, controller.scheduledTime).then(
        (report) => console.log(JSON.stringify({ event: "outbox.cron", ...report })),
        (error) => logError("outbox.cron_failed", error),
      ),
    );
  },
} satisfies ExportedHandler<Bindings>;

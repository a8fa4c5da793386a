/**
 * The Worker: one Hono app. Static pages come from the assets binding; the API
 * and the pages the Worker renders itself — receipts, and the staff side under
 * /sluzhiteli/ — run here first (run_worker_first in wrangler.toml). The cron's
 * tasks are in cron.ts.
 */
import { Hono, type MiddlewareHandler } from "hono";
import { WORKER_DATA_PREFIX } from "../src/shared/worker-data";
import { everyMinute } from "./cron";
import type { AppEnv, Bindings } from "./env";
import { feedback } from "./feedback/routes";
import { REQUEST_ERRORS } from "./http/messages";
import { problem } from "./http/respond";
import { allowedOrigins, isCrossSite, securityHeaders } from "./http/security";
import { logError } from "./log";
import { STAFF_HOME } from "./pages/paths";
import { receipts } from "./pages/receipt";
import { thanks } from "./pages/thanks";
import { report } from "./report/routes";
import { staff } from "./staff/routes";
import { signIn } from "./staff/sign-in";
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

// Staff posts come from the Worker's own pages only: other allowed origins do not count.
const sameOriginOnly: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (c.req.method !== "GET" && c.req.method !== "HEAD" && isCrossSite(c.req.raw, [])) {
    return problem(c, { status: 403, message: REQUEST_ERRORS.crossSite });
  }
  await next();
};
app.use("/sluzhiteli/*", sameOriginOnly);
app.use("/api/staff/*", sameOriginOnly);

app.get("/api/health", (c) => c.json({ status: "ok" }));
app.route("/api/submissions", submissions);
app.route("/api/feedback", feedback);
app.route("/potvarzhdenie", receipts);
app.route("/obratna-vrazka", thanks);
app.get("/sluzhiteli", (c) => c.redirect(STAFF_HOME, 301));
app.route("/sluzhiteli", signIn);
app.route("/", staff);
app.route("/", report);
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
    ctx.waitUntil(everyMinute(env, controller.scheduledTime));
  },
} satisfies ExportedHandler<Bindings>;

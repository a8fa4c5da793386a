/**
 * The staff side's addresses. Pages under /sluzhiteli/ and JSON under /api/staff/
 * share one handler per thing: the registry, a submission, each action, the export.
 * Every route here runs behind requireStaff (no session, no data) and only ever
 * reads the signed-in member's own municipality: another's id answers 404.
 */
import { type Context, Hono } from "hono";
import { sofiaDate } from "../../src/shared/dates";
import { appendEntry, historyOf, RECORD_PAGE_SIZE, recordOf } from "../db/audit-log";
import { findByIds, findForStaff } from "../db/submissions";
import { limitedBody, readBody } from "../http/body";
import { wantsJson } from "../http/respond";
import { STAFF_HOME, staffSubmissionPath } from "../pages/paths";
import { staffReport } from "../report/staff-view";
import { type ActionName, isAction, type Outcome, perform } from "./actions";
import { isManager } from "./auth/directory";
import { days as daysOf } from "./days";
import { exportYear } from "./export";
import { requireStaff, type StaffEnv } from "./guard";
import { staffPage } from "./pages/frame";
import { html } from "./pages/html";
import { registryHtml, registryJson } from "./registry";
import { historyTable, type PageState, submissionPage } from "./submission-page";
import { detailJson } from "./views";

type C = Context<StaffEnv>;

export const STAFF_ERRORS = {
  notFound: "Няма такова съобщение в регистъра на Вашата община.",
  managersOnly: "Само ръководител може да вижда това.",
  badYear: "Посочете година с четири цифри, напр. ?year=2026.",
  badFormat: "Форматът е csv или json.",
} as const;

export const staff = new Hono<StaffEnv>();

staff.use("/sluzhiteli/*", requireStaff());
staff.use("/api/staff/*", requireStaff());

staff.get("/sluzhiteli/", (c) => registryHtml(c));
staff.get("/api/staff/submissions", (c) => registryJson(c));

function notFound(c: C) {
  if (json(c)) return c.json({ error: STAFF_ERRORS.notFound }, 404);
  return staffPage(c, c.var.staff, 404, {
    title: "Няма такова съобщение",
    body: html`<h1>Няма такова съобщение</h1><p>${STAFF_ERRORS.notFound}</p><p><a href="${STAFF_HOME}">Към регистъра</a></p>`,
  });
}

const json = (c: C) => wantsJson(c.req.raw) || new URL(c.req.url).pathname.startsWith("/api/");

/** The submission of the signed-in member's municipality, or null (unknown id, or another municipality's). */
async function find(c: C) {
  const id = Number(c.req.param("id"));
  return Number.isSafeInteger(id) ? findForStaff(c.env.DB, c.var.staff.municipality.id, id) : null;
}

async function show(c: C, state: PageState = {}, status: 200 | 409 | 422 = 200) {
  const record = await find(c);
  if (!record) return notFound(c);
  const me = c.var.staff;
  const now = new Date();
  // Looking at a resident's personal data is recorded like changing it.
  await appendEntry(c.env.DB, {
    at: now.toISOString(),
    municipality: me.municipality.id,
    actor: me.email,
    action: "view",
    submissionId: record.id,
  }).statement.run();
  const [history, days] = await Promise.all([historyOf(c.env.DB, record.id), daysOf(c.env.ASSETS, now)]);
  if (json(c)) return c.json({ submission: detailJson(record, history, days) }, status);
  return staffPage(c, me, status, submissionPage(record, history, me, days, state));
}

staff.get("/sluzhiteli/:id{[0-9]+}/", (c) => show(c, { notice: noticeOf(c.req.query("done")) }));
staff.get("/sluzhiteli/:id{[0-9]+}", (c) => c.redirect(staffSubmissionPath(Number(c.req.param("id"))), 301));
staff.get("/api/staff/submissions/:id{[0-9]+}", (c) => show(c));

const NOTICES: Record<ActionName, string> = {
  status: "Състоянието е записано.",
  answer: "Отговорът е записан.",
  extend: "Срокът е удължен.",
  assign: "Възлагането е записано.",
  note: "Бележката е записана.",
};
const noticeOf = (done: string | undefined) => (done && isAction(done) ? NOTICES[done] : undefined);

async function act(c: C) {
  const action = c.req.param("action");
  if (!action || !isAction(action)) return notFound(c);
  const body = await readBody(c.req.raw);
  if (!body.ok) return c.json({ error: body.message }, body.status);
  const record = await find(c);
  if (!record) return notFound(c);
  const now = new Date();
  const days = await daysOf(c.env.ASSETS, now);
  const outcome: Outcome = await perform(action, {
    env: c.env,
    me: c.var.staff,
    record,
    input: body.input,
    now,
    days,
    waitUntil: (work) => c.executionCtx.waitUntil(work),
  });
  if (outcome.ok) {
    if (!json(c)) return c.redirect(`${staffSubmissionPath(record.id)}?done=${action}`, 303);
    const history = await historyOf(c.env.DB, record.id);
    // What the action did, in words ("… Подателят се уведомява по електронната поща.").
    return c.json({ submission: detailJson(outcome.record, history, days), notice: outcome.notice }, 200);
  }
  if (json(c)) {
    return outcome.status === 422
      ? c.json({ errors: outcome.errors }, 422)
      : c.json({ error: outcome.message }, outcome.status);
  }
  const values = Object.fromEntries(
    Object.entries(body.input).filter((e): e is [string, string] => typeof e[1] === "string"),
  );
  const state: PageState =
    outcome.status === 422
      ? { form: action, errors: outcome.errors, values }
      : { form: action, problem: outcome.message, values };
  return show(c, state, outcome.status);
}

staff.post("/sluzhiteli/:id{[0-9]+}/:action/", limitedBody(), act);
staff.post("/api/staff/submissions/:id{[0-9]+}/:action", limitedBody(), act);

function managersOnly(c: C) {
  if (json(c)) return c.json({ error: STAFF_ERRORS.managersOnly }, 403);
  return staffPage(c, c.var.staff, 403, {
    title: "Само за ръководители",
    body: html`<h1>Само за ръководители</h1><p>${STAFF_ERRORS.managersOnly}</p><p><a href="${STAFF_HOME}">Към регистъра</a></p>`,
  });
}

staff.get("/sluzhiteli/export.csv", (c) => {
  if (!isManager(c.var.staff)) return managersOnly(c);
  const year = c.req.query("year") ?? sofiaDate(new Date()).slice(0, 4);
  const format = c.req.query("format") ?? "csv";
  if (!/^\d{4}$/.test(year)) return c.json({ error: STAFF_ERRORS.badYear }, 400);
  if (format !== "csv" && format !== "json") return c.json({ error: STAFF_ERRORS.badFormat }, 400);
  return exportYear(c, Number(year), format);
});

staff.get("/sluzhiteli/zapis/", async (c) => {
  const me = c.var.staff;
  if (!isManager(me)) return managersOnly(c);
  const before = c.req.query("cursor");
  const entries = await recordOf(c.env.DB, me.municipality.id, before && /^\d+$/.test(before) ? Number(before) : null);
  const references = new Map(
    (
      await findByIds(
        c.env.DB,
        entries.flatMap((e) => (e.submissionId ? [e.submissionId] : [])),
      )
    ).map((r) => [r.id, r.reference]),
  );
  const last = entries.at(-1);
  const more =
    last && entries.length === RECORD_PAGE_SIZE
      ? html`<p><a href="?cursor=${last.id}" rel="next">По-стари записи</a></p>`
      : "";
  return staffPage(c, me, 200, {
    title: "Запис на действията",
    crumbs: [{ href: STAFF_HOME, label: "Регистър" }, { label: "Запис на действията" }],
    body: html`<h1>Запис на действията</h1><p>Всеки вход, преглед, промяна, износ и изтриване на лични данни в ${me.municipality.name}, най-новите първи. Записът само се допълва.</p>${historyTable(entries, me, "Запис на действията", references)}${more}`,
  });
});

staff.get("/sluzhiteli/otchet/", (c) => staffReport(c));

staff.all("/sluzhiteli/*", (c) => notFound(c));
staff.all("/api/staff/*", (c) => notFound(c));

/** The thank-you pages under /obratna-vrazka/: after page feedback, and after a survey. */
import { Hono } from "hono";
import { isSitePath } from "../../src/shared/forms/feedback";
import { escapeHtml, paragraphs } from "../../src/shared/html";
import { formPath } from "../../src/shared/kinds";
import { renderBreadcrumbs } from "../../src/shared/partials/breadcrumbs";
import { municipalities } from "../content/municipalities";
import type { AppEnv } from "../env";
import { REQUEST_ERRORS } from "../http/messages";
import { htmlPage, problem } from "../http/respond";
import { nextSteps } from "./next-steps";

export const thanks = new Hono<AppEnv>();

thanks.get("/blagodarim/", (c) => {
  const back = c.req.query("stranitsa");
  const link = isSitePath(back) ? back : "/";
  return htmlPage(c, 200, {
    title: "Благодарим за отговора",
    body: `<h1>Благодарим за отговора</h1><p>Отговорът Ви е записан. Той ни помага да подобрим страниците на сайта.</p><p><a href="${escapeHtml(link)}">Обратно към страницата</a></p>`,
  });
});

thanks.get("/anketa/:municipality/", async (c) => {
  const m = (await municipalities(c.env.ASSETS)).byId(c.req.param("municipality"));
  if (!m) return problem(c, { status: 404, message: REQUEST_ERRORS.notFound });
  const body = [
    renderBreadcrumbs([{ href: "/", label: "Общини" }, { href: `/${m.id}/`, label: m.name }, { label: "Анкета" }]),
    `<div class="confirmation"><h1>Благодарим за оценката</h1></div>`,
    paragraphs(nextSteps({ kind: "survey", deadline: null, anonymous: true }, m)),
    `<p>Анкетата е анонимна: не записваме име и данни за връзка.</p>`,
    `<p><a href="${formPath(m.id, "complaint")}">Искате отговор? Подайте жалба</a> · <a href="/${m.id}/">${escapeHtml(m.name)}</a></p>`,
  ].join("");
  return htmlPage(c, 200, { title: "Благодарим за оценката", body });
});

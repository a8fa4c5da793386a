/**
 * Signing in by a one-time link e-mailed to a listed address, and signing out.
 * - POST /sluzhiteli/vhod/ always answers the same page, so nobody learns who is staff;
 *   at most 5 links an hour per address and per client (counted for every address alike).
 * - GET /sluzhiteli/vhod/<token>/ only shows a button: mail scanners open links, and
 *   opening must not sign anybody in. Pressing it (POST) uses the link up and starts a
 *   session. A link works once and for 15 minutes; D1 keeps only its hash.
 */
import { EmailMessage } from "cloudflare:email";
import { type Context, Hono } from "hono";
import { isEmailAddress } from "../../src/shared/forms/email-address";
import { municipalities } from "../content/municipalities";
import { appendEntry } from "../db/audit-log";
import { batch } from "../db/batch";
import { findUsableLink, insertLink, recentRequests, recordRequest, useLink } from "../db/sign-in";
import type { AppEnv } from "../env";
import { limitedBody, readBody } from "../http/body";
import { problem, wantsJson } from "../http/respond";
import { logError } from "../log";
import { absolute, buildMail } from "../mail/compose";
import { SIGN_IN_PATH, STAFF_HOME, signInLinkPath } from "../pages/paths";
import { clientAddress } from "../rate-limit";
import { isToken, newToken, sha256Hex } from "../tokens";
import { findStaff, normaliseEmail } from "./auth/directory";
import { endSession, sessionEmail, startSession } from "./auth/session";
import { staffPage } from "./pages/frame";
import { button, html, textField } from "./pages/html";

export const LINK_LIFETIME_MS = 15 * 60 * 1000;
export const LINKS_PER_HOUR = 5;
const HOUR_MS = 60 * 60 * 1000;

export const SIGN_IN_TEXT = {
  sent: "Ако адресът е на служител на общината, изпратихме на него връзка за вход. Връзката важи 15 минути и може да се използва веднъж.",
  badEmail: "Въведете адреса на служебната си електронна поща, напр. ime@obshtina.bg",
  tooMany: "Поискахте твърде много връзки за вход. Опитайте отново след един час.",
  linkGone: "Тази връзка за вход вече е използвана или е изтекла (връзките важат 15 минути и веднъж). Поискайте нова.",
  signedOut: "Излязохте от системата.",
} as const;

/** What the per-address limit counts by: the address hashed, so a typed address that is not staff is not kept. */
export const addressKey = (email: string) => sha256Hex(`email:${normaliseEmail(email)}`);

export const signIn = new Hono<AppEnv>();

type C = Context<AppEnv>;

/** The page asking for a link; an error belongs to the address typed (422). */
function requestPage(c: C, o: { value?: string; error?: string; notice?: string } = {}) {
  const errors = o.error ? { email: o.error } : {};
  return staffPage(c, null, o.error ? 422 : 200, {
    title: "Вход за служители",
    notice: o.notice,
    problems: o.error ? { items: [{ target: "vhod-email", message: o.error }] } : undefined,
    body: html`<h1>Вход за служители</h1><p>Служителите на общините влизат с връзка, която изпращаме на служебната им електронна поща. Парола не е нужна.</p><form method="post" action="${SIGN_IN_PATH}" novalidate accept-charset="utf-8">${textField(
      {
        form: "vhod",
        name: "email",
        label: "Служебна електронна поща",
        type: "email",
        autocomplete: "email",
        values: { email: o.value ?? "" },
        errors,
      },
    )}${button("Изпратете ми връзка за вход")}</form>`,
  });
}

signIn.get("/vhod/", (c) =>
  requestPage(c, { notice: c.req.query("izhod") !== undefined ? SIGN_IN_TEXT.signedOut : undefined }),
);

signIn.post("/vhod/", limitedBody(), async (c) => {
  const body = await readBody(c.req.raw);
  if (!body.ok) return problem(c, { status: body.status, message: body.message });
  const raw = body.input.email;
  const typed = typeof raw === "string" ? raw.trim() : "";
  const json = wantsJson(c.req.raw);
  if (!isEmailAddress(typed)) {
    return json
      ? c.json({ errors: { email: SIGN_IN_TEXT.badEmail } }, 422)
      : requestPage(c, { value: typed, error: SIGN_IN_TEXT.badEmail });
  }
  const now = Date.now();
  const email = normaliseEmail(typed);
  const emailHash = await addressKey(email);
  const clientHash = await sha256Hex(`client:${clientAddress(c.req.raw) ?? "unknown"}`);
  const recent = await recentRequests(c.env.DB, emailHash, clientHash, now - HOUR_MS);
  if (recent.address >= LINKS_PER_HOUR || recent.client >= LINKS_PER_HOUR) {
    const headers = { "Retry-After": String(HOUR_MS / 1000) };
    return json
      ? c.json({ error: SIGN_IN_TEXT.tooMany }, 429, headers)
      : staffPage(c, null, 429, {
          title: "Вход за служители",
          problems: { problem: SIGN_IN_TEXT.tooMany },
          body: html`<h1>Вход за служители</h1><p><a href="${SIGN_IN_PATH}">Обратно към входа</a></p>`,
        }).then((r) => {
          r.headers.set("Retry-After", headers["Retry-After"]);
          return r;
        });
  }
  const me = findStaff(await municipalities(c.env.ASSETS), email);
  const token = newToken();
  await batch(c.env.DB, {
    request: recordRequest(c.env.DB, emailHash, clientHash, now),
    link: me
      ? [
          insertLink(c.env.DB, {
            tokenHash: await sha256Hex(token),
            email: me.email,
            now,
            expiresAt: now + LINK_LIFETIME_MS,
          }),
        ]
      : [],
  });
  // Sent after the answer, so a listed address takes no longer to answer than any other.
  if (me) c.executionCtx.waitUntil(sendLink(c, me.email, me.municipality.name, token));
  return json ? c.json({ message: SIGN_IN_TEXT.sent }) : requestPage(c, { notice: SIGN_IN_TEXT.sent });
});

async function sendLink(c: C, to: string, municipalityName: string, token: string): Promise<void> {
  const link = absolute({ from: c.env.MAIL_FROM, publicOrigin: c.env.PUBLIC_ORIGIN }, signInLinkPath(token));
  const lines = [
    "Здравейте,",
    "",
    `Поискахте вход в регистъра на ${municipalityName} в сайта „Харта на клиента“. Отворете връзката и натиснете „Влезте“:`,
    "",
    link,
    "",
    "Връзката важи 15 минути и може да се използва веднъж.",
    "Ако не сте поискали вход, не правете нищо: без връзката никой не може да влезе с Вашия адрес.",
  ];
  try {
    const mail = await buildMail({
      senderName: municipalityName,
      from: c.env.MAIL_FROM,
      to,
      subject: "Вход в регистъра – връзка за 15 минути",
      text: lines.join("\n"),
      html: String(
        html`<!doctype html><html lang="bg"><head><meta charset="utf-8"></head><body><p>Здравейте,</p><p>${lines[2]}</p><p><a href="${link}">Вход в регистъра</a></p><p>${lines[6]}</p><p>${lines[7]}</p></body></html>`,
      ),
    });
    await c.env.MAILER.send(new EmailMessage(mail.from, mail.to, mail.raw));
  } catch (error) {
    // Nothing is lost: the clerk asks for a new link.
    logError("sign_in.mail_failed", error);
  }
}

function linkGone(c: C) {
  return staffPage(c, null, 410, {
    title: "Връзката не важи",
    problems: { problem: SIGN_IN_TEXT.linkGone },
    body: html`<h1>Връзката не важи</h1><p><a href="${SIGN_IN_PATH}">Поискайте нова връзка за вход</a></p>`,
  });
}

signIn.get("/vhod/:token/", async (c) => {
  const token = c.req.param("token");
  const usable = isToken(token) && (await findUsableLink(c.env.DB, await sha256Hex(token), Date.now()));
  if (!usable) return linkGone(c);
  return staffPage(c, null, 200, {
    title: "Вход за служители",
    body: html`<h1>Вход за служители</h1><p>Натиснете бутона, за да влезете в регистъра.</p><form method="post" action="${signInLinkPath(token)}">${button("Влезте")}</form>`,
  });
});

signIn.post("/vhod/:token/", async (c) => {
  const token = c.req.param("token");
  if (!isToken(token)) return linkGone(c);
  const now = Date.now();
  const [used] = (await batch(c.env.DB, { used: useLink(c.env.DB, await sha256Hex(token), now) })).used;
  const me = used && findStaff(await municipalities(c.env.ASSETS), used.email);
  if (!me) return linkGone(c);
  await startSession(c, me, now, "link");
  return c.redirect(STAFF_HOME, 303);
});

signIn.post("/izhod/", async (c) => {
  const now = Date.now();
  const session = await sessionEmail(c, now);
  const me = session && findStaff(await municipalities(c.env.ASSETS), session.email);
  await endSession(
    c,
    me
      ? [
          appendEntry(c.env.DB, {
            at: new Date(now).toISOString(),
            municipality: me.municipality.id,
            actor: me.email,
            action: "sign_out",
          }),
        ]
      : [],
  );
  return c.redirect(`${SIGN_IN_PATH}?izhod`, 303);
});

/**
 * POST /api/submissions — a browser form (303 to the receipt, or 422 with the
 * form shown again) or JSON (201 / 422). Every malformed request gets a 4xx with
 * a Bulgarian message; a storage failure gets 503 with the resident's text intact.
 */
import { type Context, Hono } from "hono";
import { dottedDate, sofiaDate } from "../../src/shared/dates";
import { TURNSTILE_FIELD } from "../../src/shared/forms/fields";
import { ERRORS } from "../../src/shared/forms/messages";
import {
  type FormState,
  formContext,
  renderSubmissionPage,
  submissionTitle,
  valuesFrom,
} from "../../src/shared/forms/render";
import { type FieldErrors, type RawInput, validateSubmission } from "../../src/shared/forms/schema";
import { isSubmissionKind, KIND_SPECS } from "../../src/shared/kinds";
import { type Municipalities, type Municipality, municipalities } from "../content/municipalities";
import type { AppEnv } from "../env";
import { limitedBody, readBody } from "../http/body";
import { isBot } from "../http/honeypot";
import { REQUEST_ERRORS } from "../http/messages";
import { htmlPage, problem, wantsJson } from "../http/respond";
import { logError } from "../log";
import { sendNow } from "../mail/outbox";
import { receiptPath, surveyThanksPath } from "../pages/paths";
import { clientAddress, isRateLimited, RETRY_AFTER_SECONDS } from "../rate-limit";
import { verifyTurnstile } from "../turnstile";
import { recall, remember } from "./dedup";
import { dedupKey, formLoadOf, newReceiptToken } from "./identity";
import { type Registration, register } from "./register";
import { recordSurvey } from "./survey";

type C = Context<AppEnv>;

/** What the resident is told: a receipt of correspondence, or thanks for a survey. */
type Accepted =
  | { reference: string; deadline: string | null; receiptToken: string }
  | { reference: null; deadline: null; thanksFor: string };

export const submissions = new Hono<AppEnv>();

submissions.post("/", limitedBody(), async (c) => {
  const body = await readBody(c.req.raw);
  if (!body.ok) return problem(c, { status: body.status, message: body.message });
  const input = body.input;
  let directory: Municipalities;
  try {
    directory = await municipalities(c.env.ASSETS);
  } catch (error) {
    logError("municipalities.unavailable", error);
    return problem(c, { status: 503, message: REQUEST_ERRORS.unavailable, headers: { "Retry-After": "60" } });
  }
  // Only accepted and abusive posts count against the limit: a resident correcting a form is never locked out.
  if (isBot(input)) {
    if (await isRateLimited(c.env, c.req.raw)) return tooMany(c, input, directory);
    return accepted(c, decoy(input, directory));
  }
  const result = validateSubmission(input, { isKnownMunicipality: directory.isKnown });
  if (!result.ok) return invalid(c, input, directory, result.errors);
  if (await isRateLimited(c.env, c.req.raw)) return tooMany(c, input, directory);
  const submission = result.value;
  const municipality = directory.byId(submission.municipality) as Municipality;

  if (c.env.TURNSTILE_SECRET) {
    const passed = await verifyTurnstile(c.env.TURNSTILE_SECRET, input[TURNSTILE_FIELD], clientAddress(c.req.raw));
    if (!passed) return formProblem(c, input, directory, 422, ERRORS.turnstile);
  }

  const receiptToken = newReceiptToken();
  const key = await dedupKey(submission, formLoadOf(input), receiptToken);
  if (!KIND_SPECS[submission.kind].correspondence) {
    try {
      await recordSurvey(c.env.DB, submission, key, new Date());
    } catch (error) {
      logError("survey.store_failed", error, { municipality: municipality.id });
      return storageDown(c, input, directory, municipality);
    }
    return accepted(c, { reference: null, deadline: null, thanksFor: municipality.id });
  }

  const remembered = await recall(c.env, key);
  if (remembered) return accepted(c, remembered);

  let registration: Registration;
  try {
    registration = await register(c.env.DB, {
      submission,
      municipality,
      receiptToken,
      dedupKey: key,
      now: new Date(),
    });
  } catch (error) {
    logError("submission.store_failed", error, { kind: submission.kind, municipality: municipality.id });
    return storageDown(c, input, directory, municipality);
  }
  c.executionCtx.waitUntil(
    afterRegistration(c, key, registration, municipality).catch((error) => logError("submission.after_failed", error)),
  );
  return accepted(c, registration.record);
});

submissions.all("/", (c) =>
  problem(c, { status: 405, message: REQUEST_ERRORS.methodNotAllowed, headers: { Allow: "POST" } }),
);

/** KV remembers the answer; new rows' e-mails go out now (the cron retries failures). */
async function afterRegistration(c: C, key: string, r: Registration, municipality: Municipality): Promise<void> {
  const remembering = remember(c.env.DEDUP, key, r.record).catch((error) => logError("dedup.remember_failed", error));
  if (r.created) await sendNow(c.env, r.outbox, r.record, municipality);
  await remembering;
}

function accepted(c: C, a: Accepted): Response {
  const url = a.reference === null ? surveyThanksPath(a.thanksFor) : receiptPath(a.receiptToken);
  if (wantsJson(c.req.raw)) return c.json({ reference: a.reference, deadline: a.deadline, receiptUrl: url }, 201);
  return c.redirect(url, 303);
}

/** What a bot that filled the honeypot sees: a success of the usual shape, and nothing stored. */
function decoy(input: RawInput, directory: Municipalities): Accepted {
  const m = directory.byId(input.municipality) ?? directory.all()[0];
  if (m && isSubmissionKind(input.kind) && !KIND_SPECS[input.kind].correspondence) {
    return { reference: null, deadline: null, thanksFor: m.id };
  }
  return {
    reference: `${m?.registryIndex ?? "94-00"}-0/${dottedDate(sofiaDate(new Date()))}`,
    deadline: null,
    receiptToken: newReceiptToken(),
  };
}

async function showForm(
  c: C,
  input: RawInput,
  directory: Municipalities,
  status: 422 | 429 | 503,
  state: FormState,
  headers = {},
) {
  const m = directory.byId(input.municipality);
  if (!m || !isSubmissionKind(input.kind)) return problem(c, { status: 422, message: REQUEST_ERRORS.unknownForm });
  const ctx = formContext(m, input.kind, c.env.TURNSTILE_SITE_KEY);
  const values = valuesFrom(input);
  const page = { title: submissionTitle(ctx), body: renderSubmissionPage(ctx, { ...state, values }), error: true };
  return htmlPage(c, status, page, headers);
}

function invalid(c: C, input: RawInput, directory: Municipalities, errors: FieldErrors) {
  if (wantsJson(c.req.raw)) return c.json({ errors }, 422);
  return showForm(c, input, directory, 422, { errors });
}

function tooMany(c: C, input: RawInput, directory: Municipalities) {
  const headers = { "Retry-After": String(RETRY_AFTER_SECONDS) };
  if (wantsJson(c.req.raw)) return c.json({ error: REQUEST_ERRORS.rateLimited }, 429, headers);
  return showForm(c, input, directory, 429, { problem: REQUEST_ERRORS.rateLimited }, headers);
}

function formProblem(c: C, input: RawInput, directory: Municipalities, status: 422, message: string) {
  if (wantsJson(c.req.raw)) return c.json({ errors: { [TURNSTILE_FIELD]: message } }, status);
  return showForm(c, input, directory, status, { problem: message });
}

/** D1 is down: nothing was written; the resident keeps their text and gets a phone number. */
function storageDown(c: C, input: RawInput, directory: Municipalities, m: Municipality) {
  const phone = m.phones[0];
  const reach = phone ? `обадете се на ${m.name} на тел. ${phone}` : `свържете се с ${m.name} чрез ${m.website}`;
  const message = `Съобщението не беше записано поради технически проблем. Текстът Ви е запазен – опитайте отново след няколко минути. Ако проблемът продължи, ${reach}.`;
  if (wantsJson(c.req.raw)) return c.json({ error: message, phone: phone ?? null }, 503, { "Retry-After": "60" });
  return showForm(c, input, directory, 503, { problem: message }, { "Retry-After": "60" });
}

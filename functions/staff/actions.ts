/**
 * What staff do to a submission: change its status, record the answer, extend the
 * deadline, assign it, add an internal note. Each action validates its input, then
 * writes the change, its line in the record and any e-mail to the resident in one
 * batch — applied only if nobody changed the submission since it was read (409
 * otherwise). The HTML forms and the JSON API call the same action (routes.ts).
 */
import { formatBgDate } from "../../src/shared/dates";
import { cleanLine, cleanText } from "../../src/shared/forms/clean";
import type { RawInput } from "../../src/shared/forms/schema";
import { type AuditAction, appendAbout } from "../db/audit-log";
import { batch } from "../db/batch";
import { type MailTemplate, queueMail } from "../db/outbox";
import { applyChange, changed, type HandlingChange, type SubmissionRecord, toRecord } from "../db/submissions";
import type { Bindings } from "../env";
import { sendNow } from "../mail/outbox";
import { FIRST_SEND_LEASE_MS } from "../submissions/register";
import {
  ANSWERED,
  isAnswerable,
  isFinal,
  isNotConsideredReason,
  isStatus,
  nextStatuses,
  STATUS_LABELS,
} from "../submissions/statuses";
import { colleagues, normaliseEmail, type SignedIn } from "./auth/directory";
import type { Days } from "./days";
import { lastDay } from "./views";

export const ACTIONS = ["status", "answer", "extend", "assign", "note"] as const;
export type ActionName = (typeof ACTIONS)[number];
export const isAction = (v: string): v is ActionName => (ACTIONS as readonly string[]).includes(v);

export type Errors = Partial<Record<string, string>>;

export type Outcome =
  | { ok: true; record: SubmissionRecord; notice: string }
  | { ok: false; status: 409; message: string }
  | { ok: false; status: 422; errors: Errors };

export interface ActionContext {
  env: Bindings;
  me: SignedIn;
  record: SubmissionRecord;
  input: RawInput;
  now: Date;
  days: Days;
  /** Background work (the first attempt at e-mails) that outlives the response. */
  waitUntil(work: Promise<unknown>): void;
}

/** A validated action, ready to be written. */
interface Plan {
  change: HandlingChange;
  audit: { action: AuditAction; detail: Record<string, unknown> };
  /** E-mails to the resident. */
  mails: MailTemplate[];
  notice: string;
}

export const LIMITS = { text: 20_000, reason: 1000, authority: 200, note: 2000 } as const;

export const MESSAGES = {
  statusMissing: "Изберете новото състояние.",
  statusUnknown: "Няма такова състояние.",
  answeredThroughAnswer: "Състояние „Отговорена“ се записва с отговора (формата „Отговор“).",
  forwardedTo: "Напишете до кой орган е препратено съобщението.",
  reasonMissing: "Изберете защо съобщението се оставя без разглеждане.",
  reasonNotAnonymous: "Подателят е посочил име: причината „анонимно“ не се отнася за това съобщение.",
  otherReason: "Опишете причината.",
  answerMissing: "Напишете отговора или посочете датата, на която е изпратен по пощата.",
  noEmail: "Подателят не е посочил електронна поща: изпратете по пощата и посочете датата на изпращане.",
  badDate: "Датата трябва да е във формат ГГГГ-ММ-ДД, напр. 2026-12-01.",
  futureDate: "Датата не може да е след днешната.",
  beforeReceived: "Датата не може да е преди получаването на съобщението.",
  extendAfter: (current: string) => `Новият срок трябва да е след досегашния (${formatBgDate(current)}).`,
  extendReason: "Напишете причината, поради която отговорът не може да бъде даден в срок. Тя се съобщава на подателя.",
  notAnswerable: "Съобщението е приключено или не изисква отговор.",
  noDeadline: "Това съобщение няма срок за отговор.",
  assignee: (m: string) => `Изберете служител на ${m}.`,
  noteMissing: "Напишете бележката.",
  tooLong: (n: number) => `Текстът е твърде дълъг: най-много ${n.toLocaleString("bg-BG")} знака.`,
  conflict: "Някой друг току-що промени това съобщение. Прегледайте промените и опитайте отново.",
} as const;

/** Free text of the input, cleaned as residents' text is ("" when absent or not text). */
function text(input: RawInput, name: string): string {
  const v = input[name];
  return typeof v === "string" ? cleanText(v) : "";
}

/** One line of the input (codes, dates, names, addresses). */
function line(input: RawInput, name: string): string {
  const v = input[name];
  return typeof v === "string" ? cleanLine(v) : "";
}

function limited(errors: Errors, field: string, value: string, max: number): void {
  if (Array.from(value).length > max) errors[field] = MESSAGES.tooLong(max);
}

/** A day of the calendar written YYYY-MM-DD: reading it back gives it unchanged (so not 30.02, which Date rolls over). */
function isDate(value: string): boolean {
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/** A "sent by post on" date: valid, not in the future, not before the submission arrived. */
function postDate(errors: Errors, field: string, value: string, r: SubmissionRecord, days: Days): void {
  if (!value) return;
  if (!isDate(value)) errors[field] = MESSAGES.badDate;
  else if (value > days.today) errors[field] = MESSAGES.futureDate;
  else if (value < r.receivedAt.slice(0, 10)) errors[field] = MESSAGES.beforeReceived;
}

type Planner = (a: ActionContext) => Plan | Exclude<Outcome, { ok: true }>;

const closing = (a: ActionContext, status: SubmissionRecord["status"]) =>
  isFinal(status) ? { closedAt: a.now.toISOString() } : {};

const planStatus: Planner = (a) => {
  const r = a.record;
  const to = line(a.input, "status");
  if (!to) return { ok: false, status: 422, errors: { status: MESSAGES.statusMissing } };
  if (!isStatus(to)) return { ok: false, status: 422, errors: { status: MESSAGES.statusUnknown } };
  if (!nextStatuses(r.kind, r.status).includes(to)) {
    const why = to === ANSWERED && isAnswerable(r.kind, r.status) ? ` ${MESSAGES.answeredThroughAnswer}` : "";
    return {
      ok: false,
      status: 409,
      message: `От „${STATUS_LABELS[r.status]}“ не може да се премине към „${STATUS_LABELS[to]}“.${why}`,
    };
  }
  const errors: Errors = {};
  const change: HandlingChange = { status: to, ...closing(a, to) };
  const detail: Record<string, unknown> = { from: r.status, to };
  if (to === "forwarded") {
    const authority = line(a.input, "forwardedTo");
    if (!authority) errors.forwardedTo = MESSAGES.forwardedTo;
    limited(errors, "forwardedTo", authority, LIMITS.authority);
    change.forwardedTo = authority;
    detail.forwardedTo = authority;
  }
  if (to === "not_considered") {
    // Scripts may send the reason written out; it counts as "another reason".
    const given = text(a.input, "reason");
    const reason = given === "" ? null : isNotConsideredReason(given) ? given : "other";
    const note = reason === "other" && !isNotConsideredReason(given) ? given : text(a.input, "note");
    if (!reason) errors.reason = MESSAGES.reasonMissing;
    else if (reason === "anonymous" && !r.anonymous) errors.reason = MESSAGES.reasonNotAnonymous;
    if (reason === "other" && !note) errors.note = MESSAGES.otherReason;
    limited(errors, "note", note, LIMITS.reason);
    change.notConsideredReason = reason;
    change.notConsideredNote = note || null;
    detail.reason = reason;
    if (note) detail.note = note;
  }
  if (Object.keys(errors).length) return { ok: false, status: 422, errors };
  return { change, audit: { action: "status", detail }, mails: [], notice: `Състоянието е „${STATUS_LABELS[to]}“.` };
};

const planAnswer: Planner = (a) => {
  const r = a.record;
  if (!isAnswerable(r.kind, r.status)) return { ok: false, status: 409, message: MESSAGES.notAnswerable };
  const answer = text(a.input, "text");
  const byPost = line(a.input, "sentByPostOn");
  const errors: Errors = {};
  if (!answer && !byPost) errors.text = MESSAGES.answerMissing;
  limited(errors, "text", answer, LIMITS.text);
  postDate(errors, "sentByPostOn", byPost, r, a.days);
  if (answer && !byPost && !r.email) errors.sentByPostOn = MESSAGES.noEmail;
  if (Object.keys(errors).length) return { ok: false, status: 422, errors };
  const answeredOn = byPost || a.days.today;
  return {
    change: {
      status: ANSWERED,
      answerText: answer || null,
      answeredOn,
      answeredByPost: Boolean(byPost),
      ...closing(a, ANSWERED),
    },
    audit: { action: "answer", detail: { from: r.status, answeredOn, by: byPost ? "post" : "email" } },
    mails: byPost ? [] : ["answer"],
    notice: byPost
      ? `Отговорът е записан като изпратен по пощата на ${formatBgDate(byPost)}`
      : "Отговорът е записан и се изпраща на електронната поща на подателя.",
  };
};

const planExtend: Planner = (a) => {
  const r = a.record;
  if (!isAnswerable(r.kind, r.status)) return { ok: false, status: 409, message: MESSAGES.notAnswerable };
  const current = lastDay(r);
  if (!current) return { ok: false, status: 409, message: MESSAGES.noDeadline };
  const deadline = line(a.input, "deadline");
  const reason = text(a.input, "reason");
  const byPost = line(a.input, "sentByPostOn");
  const errors: Errors = {};
  if (!isDate(deadline)) errors.deadline = MESSAGES.badDate;
  else if (deadline <= current) errors.deadline = MESSAGES.extendAfter(current);
  if (!reason) errors.reason = MESSAGES.extendReason;
  limited(errors, "reason", reason, LIMITS.reason);
  postDate(errors, "sentByPostOn", byPost, r, a.days);
  if (!byPost && !r.email) errors.sentByPostOn = MESSAGES.noEmail;
  if (Object.keys(errors).length) return { ok: false, status: 422, errors };
  return {
    change: { extendedDeadline: deadline, extensionReason: reason },
    audit: {
      action: "extend",
      detail: { from: current, to: deadline, reason, notified: byPost ? `post ${byPost}` : "email" },
    },
    mails: byPost ? [] : ["extension"],
    notice: `Новият срок е ${formatBgDate(deadline)}${byPost ? "" : " Подателят се уведомява по електронната поща."}`,
  };
};

const planAssign: Planner = (a) => {
  const wanted = normaliseEmail(line(a.input, "email"));
  const member = colleagues(a.me).find((s) => normaliseEmail(s.email) === wanted);
  if (wanted && !member)
    return { ok: false, status: 422, errors: { email: MESSAGES.assignee(a.me.municipality.name) } };
  return {
    change: { assignedTo: member?.email ?? null },
    audit: { action: "assign", detail: { from: a.record.assignedTo, to: member?.email ?? null } },
    mails: [],
    notice: member ? `Възложено на ${member.name}.` : "Съобщението не е възложено на никого.",
  };
};

const planNote: Planner = (a) => {
  const note = text(a.input, "note");
  const errors: Errors = {};
  if (!note) errors.note = MESSAGES.noteMissing;
  limited(errors, "note", note, LIMITS.note);
  if (Object.keys(errors).length) return { ok: false, status: 422, errors };
  return { change: {}, audit: { action: "note", detail: { note } }, mails: [], notice: "Бележката е записана." };
};

const PLANNERS: Record<ActionName, Planner> = {
  status: planStatus,
  answer: planAnswer,
  extend: planExtend,
  assign: planAssign,
  note: planNote,
};

export async function perform(name: ActionName, a: ActionContext): Promise<Outcome> {
  const plan = PLANNERS[name](a);
  if ("ok" in plan) return plan;
  const r = a.record;
  const target = { id: r.id, municipality: a.me.municipality.id, version: r.version, changeId: crypto.randomUUID() };
  const at = a.now.toISOString();
  const thisOne = changed(target);
  const rows = await batch(a.env.DB, {
    updated: applyChange(a.env.DB, target, plan.change),
    audit: appendAbout(a.env.DB, thisOne, {
      at,
      municipality: target.municipality,
      actor: a.me.email,
      action: plan.audit.action,
      detail: plan.audit.detail,
    }),
    mails: plan.mails
      .filter(() => Boolean(r.email))
      .map((template) =>
        queueMail(a.env.DB, thisOne, {
          template,
          recipient: r.email,
          nextAttemptAt: a.now.getTime() + FIRST_SEND_LEASE_MS,
          createdAt: at,
        }),
      ),
  });
  const row = rows.updated[0];
  if (!row) return { ok: false, status: 409, message: MESSAGES.conflict };
  const record = toRecord(row);
  const outbox = rows.mails.flat();
  // No e-mail to send (most actions) is a batch of nothing: sendNow settles it without D1.
  a.waitUntil(sendNow(a.env, outbox, record, a.me.municipality));
  return { ok: true, record, notice: plan.notice };
}

/** The words for a kind of action in the history. */
export const ACTION_LABELS: Record<AuditAction, string> = {
  sign_in: "Вход",
  sign_out: "Изход",
  view: "Преглед",
  status: "Състояние",
  answer: "Отговор",
  extend: "Удължен срок",
  assign: "Възлагане",
  note: "Бележка",
  export: "Износ",
  retention: "Изтрити лични данни",
};

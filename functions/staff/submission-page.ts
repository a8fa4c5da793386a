/**
 * /sluzhiteli/<id>/: one submission with every field, its history, and the actions,
 * each a plain form that works without JavaScript. A refused action comes back here
 * with its form's errors and the values kept.
 */
import { formatBgDate, formatReceived } from "../../src/shared/dates";
import { RATING_LABELS } from "../../src/shared/forms/messages";
import { KIND_SPECS } from "../../src/shared/kinds";
import type { Crumb } from "../../src/shared/partials/breadcrumbs";
import type { SummaryItem } from "../../src/shared/partials/error-summary";
import { type AuditRecord, SYSTEM_ACTOR } from "../db/audit-log";
import type { SubmissionRecord } from "../db/submissions";
import { STAFF_HOME, staffSubmissionPath } from "../pages/paths";
import { senderRows } from "../submissions/sender";
import {
  isAnswerable,
  NOT_CONSIDERED_REASONS,
  type NotConsideredReason,
  nextStatuses,
  STATUS_LABELS,
  type Status,
} from "../submissions/statuses";
import { ACTION_LABELS, type ActionName, type Errors } from "./actions";
import { colleagues, type SignedIn } from "./auth/directory";
import type { Days } from "./days";
import type { StaffPage } from "./pages/frame";
import {
  button,
  fieldId,
  type Html,
  html,
  radiosField,
  selectField,
  textareaField,
  textField,
  type Values,
} from "./pages/html";
import { daysText } from "./registry";
import { lastDay } from "./views";

export interface PageState {
  /** The form the errors belong to. */
  form?: ActionName;
  errors?: Errors;
  values?: Values;
  /** A refusal not tied to a field (a status that may not follow, a conflict). */
  problem?: string;
  notice?: string;
}

/** Line breaks of stored text, kept on the page without any markup of the text's own. */
const lines = (text: string): Html[] =>
  text.split("\n").map((line, i) => (i === 0 ? html`${line}` : html`<br>${line}`));

const facts = (rows: [string, Html | string][]) =>
  html`<dl class="facts">${rows.map(([k, v]) => html`<dt>${k}</dt><dd>${v}</dd>`)}</dl>`;

function nameOf(me: SignedIn, email: string | null): string {
  if (!email) return "—";
  return colleagues(me).find((s) => s.email.toLowerCase() === email.toLowerCase())?.name ?? email;
}

function deadlineFacts(r: SubmissionRecord, days: Days): [string, Html | string][] {
  if (!r.deadline) return [["Срок за отговор", "няма (не изисква отговор)"]];
  const note = (date: string) => {
    const off = days.offReason(date);
    const uncovered = days.uncovered(date);
    return html`${formatBgDate(date)}${off ? html` <span class="muted">(${off})</span>` : ""}${uncovered ? html`<br><span class="muted">${uncovered}</span>` : ""}`;
  };
  const rows: [string, Html | string][] = [["Срок за отговор", note(r.deadline)]];
  if (r.extendedDeadline) {
    rows.push(["Удължен срок", note(r.extendedDeadline)], ["Причина за удължаването", r.extensionReason ?? "—"]);
  }
  rows.push(["Остават", daysText(r, days)]);
  return rows;
}

function outcomeFacts(r: SubmissionRecord): [string, Html | string][] {
  const rows: [string, Html | string][] = [];
  if (r.answeredOn) {
    rows.push([
      "Отговорена на",
      `${formatBgDate(r.answeredOn)} (${r.answeredByPost ? "по пощата" : "по електронна поща"})`,
    ]);
  }
  if (r.forwardedTo) rows.push(["Препратена до", r.forwardedTo]);
  if (r.notConsideredReason) {
    rows.push(["Причина", NOT_CONSIDERED_REASONS[r.notConsideredReason]]);
    if (r.notConsideredNote) rows.push(["Пояснение", r.notConsideredNote]);
  }
  return rows;
}

function senderFacts(r: SubmissionRecord): Html {
  const spec = KIND_SPECS[r.kind];
  if (spec.identity === "none") return html`<p>Анкетата е анонимна.</p>`;
  if (r.erasedAt) {
    return html`<p>Личните данни на подателя са изтрити на ${formatReceived(r.erasedAt)}, след срока за съхранение.</p>`;
  }
  return facts(senderRows(r));
}

function describe(h: AuditRecord, me: SignedIn): string {
  const d = h.detail as Record<string, string | null | undefined>;
  const status = (s: unknown) => (typeof s === "string" && s in STATUS_LABELS ? STATUS_LABELS[s as Status] : "—");
  switch (h.action) {
    case "status": {
      const extra = d.forwardedTo
        ? ` (до ${d.forwardedTo})`
        : d.reason
          ? ` (${NOT_CONSIDERED_REASONS[d.reason as NotConsideredReason] ?? d.reason}${d.note ? `: ${d.note}` : ""})`
          : "";
      return `${status(d.from)} → ${status(d.to)}${extra}`;
    }
    case "answer":
      return `Отговорена ${d.by === "post" ? "по пощата" : "по електронна поща"} на ${formatBgDate(String(d.answeredOn))}`;
    case "extend":
      return `От ${formatBgDate(String(d.from))} до ${formatBgDate(String(d.to))}; причина: ${d.reason ?? "—"}`;
    case "assign":
      return d.to ? `На ${nameOf(me, d.to)}` : "Без възлагане";
    case "note":
      return d.note ?? "";
    default:
      return "";
  }
}

/** The history of one submission, or (with `references`) the municipality's whole record. */
export function historyTable(
  history: readonly AuditRecord[],
  me: SignedIn,
  caption: string,
  references?: ReadonlyMap<number, string>,
): Html {
  if (history.length === 0) return html`<p>Няма записани действия.</p>`;
  const about = (h: AuditRecord) => {
    const reference = h.submissionId ? references?.get(h.submissionId) : undefined;
    return html`<td>${h.submissionId && reference ? html`<a href="${staffSubmissionPath(h.submissionId)}">${reference}</a>` : "—"}</td>`;
  };
  return html`<div class="table-scroll" role="region" aria-label="${caption}" tabindex="0"><table class="history"><caption>${caption}</caption><thead><tr><th scope="col">Кога</th><th scope="col">Кой</th><th scope="col">Действие</th>${references ? html`<th scope="col">Съобщение</th>` : ""}<th scope="col">Подробности</th></tr></thead><tbody>${history.map(
    (h) =>
      html`<tr><td>${formatReceived(h.at)}</td><td>${h.actor === SYSTEM_ACTOR ? "Системата" : nameOf(me, h.actor)}</td><td>${ACTION_LABELS[h.action]}</td>${references ? about(h) : ""}<td>${describe(h, me)}</td></tr>`,
  )}</tbody></table></div>`;
}

/** One action's form: posts to /sluzhiteli/<id>/<action>/, its own errors and values only. */
function actionForm(
  r: SubmissionRecord,
  name: ActionName,
  legend: string,
  state: PageState,
  inner: (v: Values, e: Errors) => Html,
  label: string,
) {
  const mine = state.form === name;
  const values = mine ? (state.values ?? {}) : {};
  const errors = mine ? (state.errors ?? {}) : {};
  return html`<section class="staff-action" aria-labelledby="${name}-title"><h3 id="${name}-title">${legend}</h3><form method="post" action="${staffSubmissionPath(r.id)}${name}/" novalidate accept-charset="utf-8">${inner(values, errors)}${button(label)}</form></section>`;
}

function actions(r: SubmissionRecord, me: SignedIn, state: PageState): Html {
  const next = nextStatuses(r.kind, r.status);
  const forms: Html[] = [];
  if (next.length) {
    forms.push(
      actionForm(
        r,
        "status",
        "Състояние",
        state,
        (v, e) =>
          html`${radiosField({ form: "status", name: "status", label: "Ново състояние", values: v, errors: e, choices: next.map((s) => [s, STATUS_LABELS[s]] as const) })}${
            next.includes("forwarded")
              ? textField({
                  form: "status",
                  name: "forwardedTo",
                  label: "Препратена до (при „Препратена по компетентност“)",
                  hint: "Името на компетентния орган",
                  values: v,
                  errors: e,
                })
              : ""
          }${
            next.includes("not_considered")
              ? html`${radiosField({ form: "status", name: "reason", label: "Причина (при „Оставена без разглеждане“)", values: v, errors: e, choices: Object.entries(NOT_CONSIDERED_REASONS) })}${textareaField({ form: "status", name: "note", label: "Пояснение (задължително при „Друга причина“)", values: v, errors: e, rows: 3 })}`
              : ""
          }`,
        "Запишете състоянието",
      ),
    );
  }
  if (isAnswerable(r.kind, r.status)) {
    forms.push(
      actionForm(
        r,
        "answer",
        "Отговор",
        state,
        (v, e) =>
          html`${textareaField({ form: "answer", name: "text", label: "Текст на отговора", hint: r.email ? "Изпраща се на електронната поща на подателя, с входящия номер в темата." : "Подателят не е посочил електронна поща: отговорът се изпраща по пощата.", values: v, errors: e, rows: 10 })}${textField({ form: "answer", name: "sentByPostOn", label: "Изпратен по пощата на (по желание)", hint: "Попълнете, ако отговорът е изпратен на хартия. Формат ГГГГ-ММ-ДД.", type: "date", values: v, errors: e })}`,
        "Запишете отговора",
      ),
    );
    if (lastDay(r)) {
      forms.push(
        actionForm(
          r,
          "extend",
          "Удължаване на срока",
          state,
          (v, e) =>
            html`<p class="hint">Когато отговор в срока не е възможен, подателят се уведомява писмено за причините и за новия срок.</p>${textField({ form: "extend", name: "deadline", label: "Нов срок", hint: "Формат ГГГГ-ММ-ДД", type: "date", values: v, errors: e })}${textareaField({ form: "extend", name: "reason", label: "Причина", hint: "Съобщава се на подателя.", values: v, errors: e, rows: 3 })}${textField({ form: "extend", name: "sentByPostOn", label: "Уведомен по пощата на (по желание)", hint: r.email ? "Без дата подателят се уведомява по електронната поща." : "Подателят няма електронна поща: посочете кога е уведомен по пощата.", type: "date", values: v, errors: e })}`,
          "Удължете срока",
        ),
      );
    }
  }
  const current = state.form === "assign" ? undefined : (r.assignedTo ?? "");
  forms.push(
    actionForm(
      r,
      "assign",
      "Възлагане",
      state,
      (v, e) =>
        selectField({
          form: "assign",
          name: "email",
          label: "Служител",
          values: current === undefined ? v : { email: current },
          errors: e,
          choices: [["", "Никой"], ...colleagues(me).map((s) => [s.email, s.name] as const)],
        }),
      "Възложете",
    ),
    actionForm(
      r,
      "note",
      "Вътрешна бележка",
      state,
      (v, e) =>
        textareaField({
          form: "note",
          name: "note",
          label: "Бележка",
          hint: "Вижда се само от служителите.",
          values: v,
          errors: e,
          rows: 3,
        }),
      "Запишете бележката",
    ),
  );
  return html`<h2>Действия</h2>${forms}`;
}

export function submissionPage(
  r: SubmissionRecord,
  history: readonly AuditRecord[],
  me: SignedIn,
  days: Days,
  state: PageState = {},
): StaffPage {
  const spec = KIND_SPECS[r.kind];
  const crumbs: Crumb[] = [{ href: STAFF_HOME, label: "Регистър" }, { label: r.reference }];
  const items: SummaryItem[] = Object.entries(state.errors ?? {}).map(([field, message]) => ({
    target: fieldId(state.form ?? "", field),
    message: message ?? "",
  }));
  const problems = state.problem || items.length ? { problem: state.problem, items } : undefined;
  const body = html`<h1>${spec.label} ${r.reference}</h1>
${facts([
  ["Състояние", STATUS_LABELS[r.status]],
  ["Получена", formatReceived(r.receivedAt)],
  ...deadlineFacts(r, days),
  ["Възложена на", nameOf(me, r.assignedTo)],
  ...outcomeFacts(r),
])}
<h2>Съдържание</h2>
${facts([
  ...(r.rating !== null ? ([["Оценка", RATING_LABELS[r.rating]]] as [string, string][]) : []),
  ...(spec.subject !== "absent" ? ([["Тема", r.subject || "—"]] as [string, string][]) : []),
  ["Текст", r.message ? html`${lines(r.message)}` : "—"],
])}
<h2>Подател</h2>
${senderFacts(r)}
${r.answerText ? html`<h2>Отговор</h2><blockquote class="answer"><p>${lines(r.answerText)}</p></blockquote>` : ""}
${actions(r, me, state)}
<h2>История</h2>
${historyTable(history, me, `История на ${r.reference}`)}`;
  return { title: `${spec.label} ${r.reference}`, crumbs, problems, notice: state.notice, body };
}

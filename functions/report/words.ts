/** The report's words: kinds in the plural, what each measure means, months. */
import type { SubmissionKind } from "../../src/shared/kinds";
import { NOT_CONSIDERED_REASONS } from "../submissions/statuses";
import { type FigureRow, type Outcome, REASONS } from "./figures";

export const KIND_PLURALS: Record<SubmissionKind, string> = {
  complaint: "Жалби",
  signal: "Сигнали",
  proposal: "Предложения",
  praise: "Похвали",
  survey: "Анкети",
};

export const OUTCOME_LABELS: Record<Outcome, string> = {
  on_time: "Отговорени в срок",
  late: "Отговорени след срока",
  open_overdue: "Без отговор, срокът е изтекъл",
  open_in_time: "Без отговор, в срок",
  forwarded: "Препратени по компетентност",
  not_considered: "Оставени без разглеждане",
};

const MEASURE_LABELS: Record<string, string> = {
  ...OUTCOME_LABELS,
  ...Object.fromEntries(REASONS.map((r) => [`not_considered_${r}`, `Без разглеждане: ${NOT_CONSIDERED_REASONS[r]}`])),
  received: "Получени",
  extended: "С удължен срок",
  median: "Медиана на работните дни до отговора",
  p90: "90-и процентил на работните дни до отговора",
  responses: "Отговори на анкетата",
  rating_1: "Оценка 1",
  rating_2: "Оценка 2",
  rating_3: "Оценка 3",
  rating_4: "Оценка 4",
  rating_5: "Оценка 5",
  mean: "Средна оценка (от 1 до 5)",
  share_4_5: "Дял на оценките 4 и 5, %",
  yes: "„Полезна ли беше тази страница?“ – да",
  no: "„Полезна ли беше тази страница?“ – не",
  licence: "Лиценз",
  source: "Източник",
  as_of: "Данните са към",
  complete: "Годината е приключила",
  demo: "Примерни (генерирани) данни",
};

export const MONTHS = [
  "януари",
  "февруари",
  "март",
  "април",
  "май",
  "юни",
  "юли",
  "август",
  "септември",
  "октомври",
  "ноември",
  "декември",
] as const;

export const monthName = (month: number) => MONTHS[month - 1] ?? String(month);

/** A row said in words, for people opening the CSV: "Жалби – Отговорени в срок", "Получени – всички видове, март". */
export function rowLabel(r: Pick<FigureRow, "kind" | "month" | "page" | "measure">): string {
  const measure = MEASURE_LABELS[r.measure] ?? r.measure;
  const who = r.kind ? KIND_PLURALS[r.kind] : "";
  const parts = [who, measure].filter(Boolean).join(" – ");
  const month = r.month === "" ? "" : `, ${monthName(r.month)}`;
  const page = r.page ? `, ${r.page}` : "";
  return `${parts}${month}${page}`;
}

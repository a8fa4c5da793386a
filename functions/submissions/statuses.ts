/**
 * Where a submission stands, in the words the registry and the resident's receipt
 * use, and which step may follow which. The one place the workflow is written.
 */
import { KIND_SPECS, type SubmissionKind } from "../../src/shared/kinds";

export const STATUSES = [
  "registered",
  "in_progress",
  "answered",
  "forwarded",
  "not_considered",
  "acknowledged",
] as const;
export type Status = (typeof STATUSES)[number];

export const STATUS_LABELS: Record<Status, string> = {
  registered: "Регистрирана",
  in_progress: "В процес на разглеждане",
  answered: "Отговорена",
  forwarded: "Препратена по компетентност",
  not_considered: "Оставена без разглеждане",
  acknowledged: "Приета",
};

/** A final status: nothing follows it, and the retention period runs from it. */
export const FINAL_STATUSES: readonly Status[] = ["answered", "forwarded", "not_considered", "acknowledged"];

export const isStatus = (value: unknown): value is Status =>
  typeof value === "string" && (STATUSES as readonly string[]).includes(value);

export const isFinal = (status: Status): boolean => FINAL_STATUSES.includes(status);

/** Reached only by recording the answer, never set on its own. */
export const ANSWERED: Status = "answered";

/**
 * The statuses a clerk may set from `current` (the answer action is the only way to
 * "answered"). Correspondence that expects an answer is worked; praise is acknowledged.
 */
export function nextStatuses(kind: SubmissionKind, current: Status): Status[] {
  if (isFinal(current)) return [];
  if (!KIND_SPECS[kind].expectsAnswer) return ["acknowledged"];
  return current === "registered" ? ["in_progress", "forwarded", "not_considered"] : ["forwarded", "not_considered"];
}

/** A submission can be answered (or its deadline extended) while it is open and expects an answer. */
export const isAnswerable = (kind: SubmissionKind, status: Status): boolean =>
  KIND_SPECS[kind].expectsAnswer && !isFinal(status);

/**
 * Why a submission may be left unconsidered: the rules of the charters and of the
 * Administrative Procedure Code (chapter eight). `other` needs the reason written out.
 */
export const NOT_CONSIDERED_REASONS = {
  anonymous: "Анонимно, без риск за здравето и безопасността на гражданите",
  too_old: "Отнася се до нарушение отпреди повече от две години",
  offensive: "Съдържа нецензурни или обидни изрази",
  other: "Друга причина",
} as const;
export type NotConsideredReason = keyof typeof NOT_CONSIDERED_REASONS;

export const isNotConsideredReason = (value: unknown): value is NotConsideredReason =>
  typeof value === "string" && Object.hasOwn(NOT_CONSIDERED_REASONS, value);

/** A submission as the staff's JSON and pages show it: the effective last day, days left, the history. */
import type { AuditRecord } from "../db/audit-log";
import type { SubmissionRecord } from "../db/submissions";
import { isFinal } from "../submissions/statuses";
import type { Days } from "./days";

/** The last day to answer: the extended one when the deadline was extended. */
export const lastDay = (r: SubmissionRecord): string | null => r.extendedDeadline ?? r.deadline;

/** Working days left while it is open and has a deadline; null otherwise. */
export function daysLeft(r: SubmissionRecord, days: Days): number | null {
  const last = lastDay(r);
  return last && !isFinal(r.status) ? days.left(last) : null;
}

export const isOverdue = (r: SubmissionRecord, days: Days): boolean => {
  const last = lastDay(r);
  return last !== null && !isFinal(r.status) && last < days.today;
};

export function summaryJson(r: SubmissionRecord, days: Days) {
  return {
    id: r.id,
    reference: r.reference,
    kind: r.kind,
    status: r.status,
    receivedAt: r.receivedAt,
    deadline: r.deadline,
    extendedDeadline: r.extendedDeadline,
    answeredAt: r.answeredOn,
    workingDaysLeft: daysLeft(r, days),
  };
}

export function detailJson(r: SubmissionRecord, history: readonly AuditRecord[], days: Days) {
  return {
    ...summaryJson(r, days),
    fields: {
      subject: r.subject,
      message: r.message,
      name: r.name,
      email: r.email,
      phone: r.phone,
      address: r.address,
      anonymous: r.anonymous,
      healthRisk: r.health_risk,
      rating: r.rating,
    },
    assignedTo: r.assignedTo,
    extensionReason: r.extensionReason,
    answerText: r.answerText,
    answeredByPost: r.answeredByPost,
    forwardedTo: r.forwardedTo,
    notConsideredReason: r.notConsideredReason,
    notConsideredNote: r.notConsideredNote,
    closedAt: r.closedAt,
    personalDataErasedAt: r.erasedAt,
    history: history.map((h) => ({ at: h.at, actor: h.actor, action: h.action, detail: h.detail })),
  };
}

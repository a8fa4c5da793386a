/** What a submission says of its sender, row by row: the staff e-mail and the staff page show the same. */
import { LABELS } from "../../src/shared/forms/messages";
import { KIND_SPECS } from "../../src/shared/kinds";
import type { SubmissionRecord } from "../db/submissions";

const yesNo = (b: boolean) => (b ? "да" : "не");

/** The sender's details, "—" for each left empty; for the kinds that may be anonymous, whether it is. */
export function senderRows(r: SubmissionRecord): [label: string, value: string][] {
  const rows: [string, string][] = [
    ["Име", r.name || "—"],
    ["Електронна поща", r.email || "—"],
    ["Телефон", r.phone || "—"],
    ["Пощенски адрес", r.address || "—"],
  ];
  if (KIND_SPECS[r.kind].identity === "required-unless-anonymous-risk") {
    rows.push(["Анонимно", yesNo(r.anonymous)], [LABELS.health_risk, yesNo(r.health_risk)]);
  }
  return rows;
}

/** Which e-mails a submission causes: one per staff recipient of its kind, and one to the resident if they gave an address. */
import type { Submission } from "../../src/shared/forms/schema";
import type { Municipality } from "../../src/shared/municipality";
import type { MailTemplate } from "../db/outbox";

export type { MailTemplate };

export interface PlannedMail {
  template: MailTemplate;
  recipient: string;
}

export function planEmails(s: Submission, m: Municipality): PlannedMail[] {
  const staff = [...new Set(m.recipients[s.kind])].map((recipient) => ({ template: "staff" as const, recipient }));
  return s.email ? [...staff, { template: "acknowledgement", recipient: s.email }] : staff;
}

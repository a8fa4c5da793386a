/** Which e-mails a submission causes: one per staff recipient, and one to the resident if they gave an address. */
import type { RegisteredMunicipality } from "../../src/shared/forms/registry";
import type { Submission } from "../../src/shared/forms/schema";

export type MailTemplate = "staff" | "acknowledgement";

export interface PlannedMail {
  template: MailTemplate;
  recipient: string;
}

export function planEmails(s: Submission, m: RegisteredMunicipality): PlannedMail[] {
  const staff = [...new Set(m.recipients[s.kind] ?? [])].map((recipient) => ({
    template: "staff" as const,
    recipient,
  }));
  return s.email ? [...staff, { template: "acknowledgement", recipient: s.email }] : staff;
}

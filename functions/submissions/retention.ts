/**
 * Personal data is kept only as long as the municipality's content says
 * (`personalDataRetention.months` after a submission is closed). The cron then blanks
 * the personal fields — name, e-mail, phone, address, and the message of kinds that
 * expect no answer (praise) — and the resident's address on the e-mails sent to them;
 * the registry row stays, and the record says what was blanked and when.
 */

import { KIND_SPECS, SUBMISSION_KINDS } from "../../src/shared/kinds";
import type { Municipality } from "../../src/shared/municipality";
import { appendForEach, SYSTEM_ACTOR } from "../db/audit-log";
import { batch } from "../db/batch";
import { forgetResidentAddresses } from "../db/outbox";
import { erasePersonalData, retentionDue } from "../db/submissions";

/** Submissions blanked per municipality per cron run, so one run stays short. */
const PER_RUN = 200;

/** Kinds whose text is itself only feedback, blanked with the contact details. */
export const MESSAGE_BLANKED_KINDS = SUBMISSION_KINDS.filter((k) => !KIND_SPECS[k].expectsAnswer);

/** The instant before which a closed submission's personal data has expired. */
export function closedBefore(now: Date, months: number): string {
  const d = new Date(now);
  d.setUTCMonth(d.getUTCMonth() - months);
  return d.toISOString();
}

export async function applyRetention(db: D1Database, list: readonly Municipality[], now: Date): Promise<number> {
  let erased = 0;
  for (const m of list) {
    const due = retentionDue(m.id, closedBefore(now, m.personalDataRetention.months), PER_RUN);
    // One transaction: the record, the e-mails' addresses and the fields go together.
    const rows = await batch(db, {
      record: appendForEach(db, due, {
        at: now.toISOString(),
        municipality: m.id,
        actor: SYSTEM_ACTOR,
        action: "retention",
        detail: { months: m.personalDataRetention.months },
      }),
      outbox: forgetResidentAddresses(db, due),
      erased: erasePersonalData(db, due, MESSAGE_BLANKED_KINDS, now.toISOString()),
    });
    erased += rows.erased.length;
  }
  return erased;
}

/**
 * Registers a submission in one D1 batch (one transaction): the municipality's
 * yearly sequence is incremented, the submission row and its outbox rows are
 * inserted. Either all of it is written or none, so incoming numbers never have
 * gaps and no e-mail is ever queued for a submission that does not exist.
 * A repeat of the same post within the de-duplication window is not inserted:
 * the batch returns the first submission instead.
 */
import { addDeadline, dottedDate, sofiaDate } from "../../src/shared/dates";
import type { Submission } from "../../src/shared/forms/schema";
import type { Municipality } from "../../src/shared/municipality";
import { batch } from "../db/batch";
import { type MailTemplate, queueMail } from "../db/outbox";
import { currentNumber, takeNextNumber } from "../db/registry-sequences";
import {
  idByReceiptToken,
  insertSubmission,
  isDuplicate,
  registeredAs,
  type SubmissionRecord,
  toRecord,
} from "../db/submissions";
import { planEmails } from "../mail/plan";
import { DEDUP_WINDOW_MS } from "./dedup";

/** The immediate send owns new outbox rows this long before the cron may retry them. */
export const FIRST_SEND_LEASE_MS = 2 * 60 * 1000;

export interface Registration {
  record: SubmissionRecord;
  /** False when the same submission was already registered (a repeated post). */
  created: boolean;
  /** The outbox rows written with it, for the immediate send. */
  outbox: { id: number; template: MailTemplate; recipient: string }[];
}

export interface RegisterInput {
  submission: Submission;
  municipality: Municipality;
  receiptToken: string;
  dedupKey: string;
  now: Date;
}

export async function register(db: D1Database, input: RegisterInput): Promise<Registration> {
  const { submission, municipality: m, receiptToken, dedupKey, now } = input;
  const receivedAt = now.toISOString();
  const since = new Date(now.getTime() - DEDUP_WINDOW_MS).toISOString();
  const today = sofiaDate(now);
  const year = Number(today.slice(0, 4));
  const rule = m.deadlines[submission.kind];
  const repeat = isDuplicate(dedupKey, since);
  const thisOne = idByReceiptToken(receiptToken);

  const rows = await batch(db, {
    number: takeNextNumber(db, m.id, year, repeat),
    submission: insertSubmission(db, {
      submission,
      registryIndex: m.registryIndex,
      year,
      seq: currentNumber(m.id, year),
      dottedDate: dottedDate(today),
      receivedAt,
      deadline: rule ? addDeadline(today, rule) : null,
      receiptToken,
      dedupKey,
      unless: repeat,
    }),
    mails: planEmails(submission, m).map((mail) =>
      queueMail(db, thisOne, { ...mail, nextAttemptAt: now.getTime() + FIRST_SEND_LEASE_MS, createdAt: receivedAt }),
    ),
    registered: registeredAs(db, receiptToken, dedupKey, since),
  });
  const row = rows.registered[0];
  if (!row) throw new Error("registration returned no row");
  const record = toRecord(row);
  const created = record.receiptToken === receiptToken;
  return { record, created, outbox: created ? rows.mails.flat() : [] };
}

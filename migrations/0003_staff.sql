-- The municipality's side: statuses and answers on each submission, staff sign-in
-- and sessions, the append-only record of who did what, and the daily digest.
-- SQLite cannot change a CHECK constraint, so `submissions` and `email_outbox` are
-- rebuilt; foreign keys are checked at the end of the migration's transaction.
PRAGMA defer_foreign_keys = true;

CREATE TABLE submissions_new (
  id INTEGER PRIMARY KEY,
  reference TEXT NOT NULL,
  municipality TEXT NOT NULL,
  year INTEGER NOT NULL,
  seq INTEGER NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('complaint', 'signal', 'proposal', 'praise', 'survey')),
  -- registered → in_progress → answered | forwarded | not_considered; praise and surveys → acknowledged.
  -- The allowed steps are in functions/submissions/statuses.ts.
  status TEXT NOT NULL DEFAULT 'registered'
    CHECK (status IN ('registered', 'in_progress', 'answered', 'forwarded', 'not_considered', 'acknowledged')),
  received_at TEXT NOT NULL,
  deadline TEXT,
  subject TEXT NOT NULL DEFAULT '',
  -- The subject in lower case (JavaScript's, which folds Cyrillic; SQLite's lower() does not), for staff search.
  subject_folded TEXT NOT NULL DEFAULT '',
  message TEXT NOT NULL DEFAULT '',
  name TEXT NOT NULL DEFAULT '',
  email TEXT NOT NULL DEFAULT '',
  phone TEXT NOT NULL DEFAULT '',
  address TEXT NOT NULL DEFAULT '',
  anonymous INTEGER NOT NULL DEFAULT 0 CHECK (anonymous IN (0, 1)),
  health_risk INTEGER NOT NULL DEFAULT 0 CHECK (health_risk IN (0, 1)),
  rating INTEGER CHECK (rating BETWEEN 1 AND 5),
  receipt_token TEXT NOT NULL UNIQUE,
  dedup_key TEXT NOT NULL,
  -- The staff member working it (an address from the municipality's content), or NULL.
  assigned_to TEXT,
  -- A later last day to answer, with the reason the resident was given ("YYYY-MM-DD").
  extended_deadline TEXT,
  extension_reason TEXT,
  -- The written answer; NULL when it went only on paper.
  answer_text TEXT,
  -- The day the answer was sent ("YYYY-MM-DD", Bulgarian time), by e-mail or by post.
  answered_on TEXT,
  answered_by_post INTEGER NOT NULL DEFAULT 0 CHECK (answered_by_post IN (0, 1)),
  -- The competent authority a forwarded submission went to.
  forwarded_to TEXT,
  -- Why it was left unconsidered: anonymous | too_old | offensive | other (with a note).
  not_considered_reason TEXT,
  not_considered_note TEXT,
  -- When it reached a final status (ISO instant): personal data is kept for the
  -- municipality's retention period from then.
  closed_at TEXT,
  -- When the personal fields were blanked (ISO instant).
  erased_at TEXT,
  -- Raised by every staff change: a change applies only to the version it was decided
  -- on, and the record and e-mails written with it follow only if it applied.
  version INTEGER NOT NULL DEFAULT 0,
  -- A random id of the last staff change: what is written with a change finds the row by it.
  change_id TEXT,
  UNIQUE (municipality, year, seq),
  UNIQUE (municipality, reference)
);

INSERT INTO submissions_new (
  id, reference, municipality, year, seq, kind, status, received_at, deadline, subject, subject_folded,
  message, name, email, phone, address, anonymous, health_risk, rating, receipt_token, dedup_key, closed_at
)
SELECT
  id, reference, municipality, year, seq, kind,
  CASE status WHEN 'closed' THEN 'acknowledged' ELSE status END,
  received_at, deadline, subject, lower(subject),
  message, name, email, phone, address, anonymous, health_risk, rating, receipt_token, dedup_key,
  CASE WHEN status IN ('answered', 'closed', 'not_considered') THEN received_at END
FROM submissions;

DROP TABLE submissions;
ALTER TABLE submissions_new RENAME TO submissions;
CREATE INDEX submissions_dedup ON submissions (dedup_key, received_at);
CREATE INDEX submissions_registry ON submissions (municipality, year, id);
CREATE INDEX submissions_deadline ON submissions (municipality, status, deadline);
CREATE INDEX submissions_retention ON submissions (municipality, closed_at) WHERE erased_at IS NULL;

-- E-mails about a submission: to staff, the acknowledgement, an answer, a deadline extension.
CREATE TABLE email_outbox_new (
  id INTEGER PRIMARY KEY,
  submission_id INTEGER NOT NULL REFERENCES submissions (id),
  template TEXT NOT NULL CHECK (template IN ('staff', 'acknowledgement', 'answer', 'extension')),
  recipient TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  sent_at TEXT,
  last_error TEXT
);
INSERT INTO email_outbox_new SELECT * FROM email_outbox;
DROP TABLE email_outbox;
ALTER TABLE email_outbox_new RENAME TO email_outbox;
CREATE INDEX email_outbox_due ON email_outbox (status, next_attempt_at);
CREATE INDEX email_outbox_submission ON email_outbox (submission_id);

-- One-time sign-in links. Only the SHA-256 of the token is stored; a link works once,
-- for 15 minutes. Times are epoch milliseconds.
CREATE TABLE sign_in_links (
  token_hash TEXT PRIMARY KEY,
  email TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  used_at INTEGER
) WITHOUT ROWID;

-- Requests for a link, for the limits (per address and per client, an hour). Both are
-- hashed: a typed address that is not staff, and the client's IP, are not kept in clear.
CREATE TABLE sign_in_requests (
  id INTEGER PRIMARY KEY,
  email_hash TEXT NOT NULL,
  client_hash TEXT NOT NULL,
  requested_at INTEGER NOT NULL
);
CREATE INDEX sign_in_requests_email ON sign_in_requests (email_hash, requested_at);
CREATE INDEX sign_in_requests_client ON sign_in_requests (client_hash, requested_at);

-- Staff sessions, by the SHA-256 of the cookie's value. Times are epoch milliseconds.
CREATE TABLE staff_sessions (
  token_hash TEXT PRIMARY KEY,
  email TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  last_seen_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
) WITHOUT ROWID;

-- Who did what, when. The application only ever inserts; the triggers refuse the rest.
CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  municipality TEXT NOT NULL,
  -- The staff member's address, or "system" for what the cron does (retention).
  actor TEXT NOT NULL,
  action TEXT NOT NULL CHECK (action IN (
    'sign_in', 'sign_out', 'view', 'status', 'answer', 'extend', 'assign', 'note', 'export', 'retention'
  )),
  submission_id INTEGER REFERENCES submissions (id),
  -- What changed, as JSON (e.g. {"from": "registered", "to": "in_progress"}).
  detail TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_log_submission ON audit_log (submission_id, id);
CREATE INDEX audit_log_municipality ON audit_log (municipality, id);
CREATE TRIGGER audit_log_append_only_update BEFORE UPDATE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;
CREATE TRIGGER audit_log_append_only_delete BEFORE DELETE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;

-- The morning digest: one row per municipality, day and staff address, claimed before
-- the e-mail is sent (so two cron runs never send it twice) and removed if sending
-- fails (so the next run tries again). 'nothing' when there was nothing to report.
CREATE TABLE staff_digests (
  municipality TEXT NOT NULL,
  day TEXT NOT NULL,
  recipient TEXT NOT NULL,
  outcome TEXT NOT NULL CHECK (outcome IN ('sent', 'nothing')),
  at TEXT NOT NULL,
  PRIMARY KEY (municipality, day, recipient)
) WITHOUT ROWID;

-- Residents' submissions, the e-mails about them, and page feedback.
-- Times a person reads are ISO 8601 UTC text; deadlines are calendar dates in
-- Bulgarian time ("YYYY-MM-DD"); next_attempt_at is epoch milliseconds (arithmetic).

-- The last incoming number given per municipality and year. It is incremented in
-- the same D1 batch (one transaction) that inserts the submission, so numbers are
-- unique and have no gaps: a failed batch rolls the increment back too.
CREATE TABLE registry_sequences (
  municipality TEXT NOT NULL,
  year INTEGER NOT NULL,
  last_seq INTEGER NOT NULL CHECK (last_seq > 0),
  PRIMARY KEY (municipality, year)
) WITHOUT ROWID;

CREATE TABLE submissions (
  id INTEGER PRIMARY KEY,
  -- "INDEX-SEQ/DD.MM.YYYY", e.g. "94-00-17/21.11.2026"; unique within the municipality's
  -- registry (two municipalities may use the same index from the standard nomenclature).
  reference TEXT NOT NULL,
  municipality TEXT NOT NULL,
  year INTEGER NOT NULL,
  seq INTEGER NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('complaint', 'signal', 'proposal', 'praise', 'survey')),
  status TEXT NOT NULL DEFAULT 'registered'
    CHECK (status IN ('registered', 'in_progress', 'answered', 'closed', 'not_considered')),
  received_at TEXT NOT NULL,
  -- Last day to answer; NULL for kinds without a deadline (praise, surveys).
  deadline TEXT,
  subject TEXT NOT NULL DEFAULT '',
  message TEXT NOT NULL DEFAULT '',
  name TEXT NOT NULL DEFAULT '',
  email TEXT NOT NULL DEFAULT '',
  phone TEXT NOT NULL DEFAULT '',
  address TEXT NOT NULL DEFAULT '',
  anonymous INTEGER NOT NULL DEFAULT 0 CHECK (anonymous IN (0, 1)),
  health_risk INTEGER NOT NULL DEFAULT 0 CHECK (health_risk IN (0, 1)),
  rating INTEGER CHECK (rating BETWEEN 1 AND 5),
  -- Random, unguessable; the receipt page's address. Shows no personal data.
  receipt_token TEXT NOT NULL UNIQUE,
  -- Hash of the submitted content: the same text sent again within minutes is one submission.
  dedup_key TEXT NOT NULL,
  UNIQUE (municipality, year, seq),
  UNIQUE (municipality, reference)
);
CREATE INDEX submissions_dedup ON submissions (dedup_key, received_at);
CREATE INDEX submissions_deadline ON submissions (municipality, status, deadline);

-- One row per e-mail (per recipient). sent_at stays NULL until delivered; after
-- too many failed attempts the row is marked 'failed' and kept for staff to see.
CREATE TABLE email_outbox (
  id INTEGER PRIMARY KEY,
  submission_id INTEGER NOT NULL REFERENCES submissions (id),
  template TEXT NOT NULL CHECK (template IN ('staff', 'acknowledgement')),
  recipient TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  sent_at TEXT,
  last_error TEXT
);
CREATE INDEX email_outbox_due ON email_outbox (status, next_attempt_at);
CREATE INDEX email_outbox_submission ON email_outbox (submission_id);

-- "Полезна ли беше тази страница?"
CREATE TABLE page_feedback (
  id INTEGER PRIMARY KEY,
  page TEXT NOT NULL,
  useful INTEGER NOT NULL CHECK (useful IN (0, 1)),
  comment TEXT NOT NULL DEFAULT '',
  received_at TEXT NOT NULL
);
CREATE INDEX page_feedback_page ON page_feedback (page, received_at);

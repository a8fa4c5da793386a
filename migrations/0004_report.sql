-- The yearly report (/<municipality>/otchet/<year>/) reads indexes only: every column its
-- aggregates over a municipality's year need is in the index, so the rows themselves (with
-- the residents' text) are never read, and 100,000 submissions stay within D1's budget.
-- The two indexes replaced keep their columns as the new ones' prefix, so they serve the
-- same queries (de-duplication of surveys aside, which has its own index).
-- The date of receipt from the incoming number, as functions/db/submissions.ts writes it (RECEIVED_ON).
CREATE INDEX submissions_report ON submissions (
  municipality, year, kind, status,
  (substr(reference, -4) || '-' || substr(reference, -7, 2) || '-' || substr(reference, -10, 2)),
  answered_on, deadline, extended_deadline, not_considered_reason,
  -- The column the expression is made of: without it SQLite reads the row to compute it.
  reference
);

CREATE INDEX survey_responses_ratings ON survey_responses (municipality, received_at, rating);
DROP INDEX survey_responses_report;

CREATE INDEX page_feedback_usefulness ON page_feedback (page, received_at, useful);
DROP INDEX page_feedback_page;

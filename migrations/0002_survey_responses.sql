-- Satisfaction surveys are feedback, not correspondence: no incoming number, no
-- e-mail, only counted for the yearly report. (Surveys registered before this
-- migration stay in `submissions`.)
CREATE TABLE survey_responses (
  id INTEGER PRIMARY KEY,
  municipality TEXT NOT NULL,
  rating INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 5),
  comment TEXT NOT NULL DEFAULT '',
  received_at TEXT NOT NULL,
  -- The same loaded form posted twice within minutes is one answer; posts without a
  -- form id get a key of their own (surveys of different residents are never merged).
  dedup_key TEXT NOT NULL
);
CREATE INDEX survey_responses_dedup ON survey_responses (dedup_key, received_at);
CREATE INDEX survey_responses_report ON survey_responses (municipality, received_at);

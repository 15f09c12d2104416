-- Data moves an upgrade needs besides new columns (pipeline/load/migrate.py runs this file on
-- every read-write open, after the columns are added; each statement is idempotent).

-- Before issue 13, incident_type held the legal category; it moves to legal_category (the
-- closed type vocabulary never holds these words, so this touches only rows of that era).
UPDATE incidents SET legal_category = incident_type, incident_type = NULL
WHERE legal_category IS NULL AND incident_type IN ('漏えい', '滅失', '毀損');

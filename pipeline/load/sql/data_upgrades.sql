-- Data moves an upgrade needs besides new columns (pipeline/load/migrate.py runs this file on
-- every read-write open, after the columns are added; each statement is idempotent).

-- Before issue 13, incident_type held the legal category; it moves to legal_category (the
-- closed type vocabulary never holds these words, so this touches only rows of that era).
UPDATE incidents SET legal_category = incident_type, incident_type = NULL
WHERE legal_category IS NULL AND incident_type IN ('漏えい', '滅失', '毀損');

-- Until issue 12 (silent3), a department no registry knew had the id 'new:' + sha1(name)[:10] in
-- every municipality, so two wards' 「総務課」 were one departments row (the last ward's). Its id is
-- now scoped by the municipality as the document prints it: 'new:' + sha1(municipality || '\n' ||
-- name)[:10], 'unknown' for a document that names none (pipeline/match/departments.py
-- new_department_id). An old id is the hash of its own name, which a scoped id never is, so each
-- statement touches only rows of that era: one scoped row per municipality whose cases use an
-- old row (or, for an old row no case uses, its own municipality), then the cases and the
-- incidents that can be told (their printed department is the normalized name), then the old rows.
INSERT INTO departments
SELECT DISTINCT
    'new:' || left(sha1(coalesce(nullif(doc.municipality, ''), 'unknown') || chr(10) || d.name), 10),
    d.name, d.branch, d.bureau, d.centre, d.section, doc.municipality, d.flagged_new
FROM departments d
JOIN cases c ON c.department_id = d.department_id
JOIN documents doc ON doc.doc_id = c.doc_id
WHERE d.department_id = 'new:' || left(sha1(d.name), 10)
  AND 'new:' || left(sha1(coalesce(nullif(doc.municipality, ''), 'unknown') || chr(10) || d.name), 10)
      NOT IN (SELECT department_id FROM departments);

INSERT INTO departments
SELECT 'new:' || left(sha1(coalesce(nullif(d.municipality, ''), 'unknown') || chr(10) || d.name), 10),
    d.name, d.branch, d.bureau, d.centre, d.section, d.municipality, d.flagged_new
FROM departments d
WHERE d.department_id = 'new:' || left(sha1(d.name), 10)
  AND NOT EXISTS (SELECT 1 FROM cases c WHERE c.department_id = d.department_id)
  AND 'new:' || left(sha1(coalesce(nullif(d.municipality, ''), 'unknown') || chr(10) || d.name), 10)
      NOT IN (SELECT department_id FROM departments);

UPDATE cases SET department_id =
    'new:' || left(sha1(coalesce(nullif(doc.municipality, ''), 'unknown') || chr(10) || d.name), 10)
FROM departments d, documents doc
WHERE cases.department_id = d.department_id AND d.department_id = 'new:' || left(sha1(d.name), 10)
  AND doc.doc_id = cases.doc_id;

UPDATE incidents SET department_id =
    'new:' || left(sha1(coalesce(nullif(incidents.municipality, ''), nullif(doc.municipality, ''), 'unknown')
                        || chr(10) || coalesce(nullif(incidents.department, ''), incidents.departments[1])), 10)
FROM documents doc
WHERE doc.doc_id = incidents.doc_id
  AND incidents.department_id = 'new:' || left(sha1(coalesce(nullif(incidents.department, ''),
                                                             incidents.departments[1])), 10);

DELETE FROM departments WHERE department_id = 'new:' || left(sha1(name), 10);

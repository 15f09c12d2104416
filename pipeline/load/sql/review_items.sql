-- review_items: what needs a human look, one row per item (docs/outputs.md).
--
-- Columns: doc_id, kind, criterion, case_no, page_no, detail. Kinds:
--   low_confidence  a case whose lowest OCR cell confidence is below 0.80
--   new_department  a department no registry entry matched (departments.flagged_new),
--                   one row per document and department, the first case it appears in
--   check_failed    a reconciliation check that failed (other than numbering)
--   check_not_computed  a check that could not be computed (checks.status = 'not_computed')
--   numbering       a list whose case numbers have gaps or repeats
--   <finding kind>  every row of findings (department_new, stale_correction, …); criterion
--                   and case_no are read from a detail starting "<criterion> No.<n>:"
-- criterion, case_no and page_no are NULL where they do not apply. Needs: cases,
-- departments, checks, review_counts, findings.
CREATE OR REPLACE VIEW review_items AS
WITH low AS (
    SELECT doc_id, 'low_confidence' AS kind, criterion, case_no, page_no,
           printf('confidence %.2f (%s) < 0.80: %s', confidence, source,
                  coalesce(description, recipient, purpose, '')) AS detail
    FROM cases
    WHERE confidence < 0.80
),
new_dept AS (
    SELECT c.doc_id, 'new_department' AS kind,
           arg_min(c.criterion, (c.page_no, c.case_no)) AS criterion,
           arg_min(c.case_no, (c.page_no, c.case_no)) AS case_no,
           min(c.page_no) AS page_no,
           printf('%s (%s): %d case(s) point to a department not in the registry',
                  any_value(d.name), d.department_id, count(*)) AS detail
    FROM cases AS c
    JOIN departments AS d ON d.department_id = c.department_id
    WHERE d.flagged_new
    GROUP BY c.doc_id, d.department_id
),
failed AS (
    SELECT k.doc_id,
           CASE WHEN k.rule = 'numbering' THEN 'numbering'
                WHEN k.ok IS NULL THEN 'check_not_computed' ELSE 'check_failed' END AS kind,
           k.criterion, NULL::INTEGER AS case_no,
           CASE WHEN k.rule = 'numbering'
                THEN (SELECT min(c.page_no) FROM cases AS c
                      WHERE c.doc_id = k.doc_id AND c.criterion = k.criterion)
                ELSE (SELECT min(r.page_no) FROM review_counts AS r
                      WHERE r.doc_id = k.doc_id AND r.criterion = k.criterion
                        AND r.agency = coalesce(k.agency, r.agency))
           END AS page_no,
           printf('%s%s: expected %s, actual %s%s', k.rule,
                  CASE WHEN k.agency IS NULL THEN '' ELSE ' ' || k.agency END,
                  coalesce(CAST(k.expected AS VARCHAR), '?'), coalesce(CAST(k.actual AS VARCHAR), '?'),
                  CASE WHEN k.detail IS NULL THEN '' ELSE ' (' || k.detail || ')' END) AS detail
    FROM checks AS k
    WHERE NOT coalesce(k.ok, false)
),
found AS (
    SELECT f.doc_id, f.kind,
           nullif(regexp_extract(f.detail, '^([a-z_]+) No\.([0-9]+):', 1), '') AS criterion,
           TRY_CAST(nullif(regexp_extract(f.detail, '^([a-z_]+) No\.([0-9]+):', 2), '') AS INTEGER) AS case_no,
           f.page_no, f.detail
    FROM findings AS f
)
SELECT doc_id, kind, criterion, case_no, page_no, detail FROM low
UNION ALL SELECT doc_id, kind, criterion, case_no, page_no, detail FROM new_dept
UNION ALL SELECT doc_id, kind, criterion, case_no, page_no, detail FROM failed
UNION ALL SELECT doc_id, kind, criterion, case_no, page_no, detail FROM found;

-- Copies of one report: the views over documents.report_id / documents.best_copy (docs/schema.md).
--
-- A report is published once but may reach the warehouse several times: the born-digital PDF,
-- a scan of its printout, a re-save. pipeline/load/copies.py gives every copy the same
-- report_id (municipality, report type, report number and date) and marks one best_copy
-- (text layer over OCR, then fewer findings). Queries that want each report once filter
-- documents.best_copy, or use best_cases; case_changes compares best copies only.

-- reports: one row per report, with its copies (best first).
CREATE OR REPLACE VIEW reports AS
SELECT report_id,
       any_value(municipality) AS municipality,
       any_value(report_type) AS report_type,
       any_value(report_no) AS report_no,
       any_value(coalesce(as_of, published_on)) AS report_date,
       count(*) AS copies,
       any_value(doc_id) FILTER (WHERE best_copy) AS best_doc_id,
       list(doc_id ORDER BY best_copy DESC, doc_id) AS doc_ids
FROM documents
GROUP BY report_id;

-- best_cases: the cases of each report's best copy (what a per-report query should read).
CREATE OR REPLACE VIEW best_cases AS
SELECT c.*
FROM cases AS c
JOIN documents AS d USING (doc_id)
WHERE d.best_copy;

-- copy_differences: every value on which a copy disagrees with its report's best copy, for
-- review (a free accuracy check of an OCR'd copy). One row per (report, copy, record, field):
-- cases are paired by (criterion, case_no), summary counts by (criterion, agency); a record
-- only one of the two has is listed with field '(record)' and NULL on the side that lacks it.
-- spacing_only: the two values differ only in whitespace (OCR's spaces around digits and
-- brackets), so a reviewer can set those aside first.
CREATE OR REPLACE VIEW copy_differences AS
WITH copy_pairs AS (
    SELECT c.report_id, b.doc_id AS best_doc_id, c.doc_id AS copy_doc_id
    FROM documents AS c
    JOIN documents AS b ON b.report_id = c.report_id AND b.best_copy
    WHERE NOT c.best_copy
),
case_values AS (
    SELECT doc_id, 'case' AS record, criterion, CAST(case_no AS VARCHAR) AS record_key, page_no,
           field, value
    FROM (
        SELECT doc_id, criterion, case_no, page_no,
               description, recipient, purpose, legal_basis, link_type, department, agency,
               CAST(sensitive AS VARCHAR) AS sensitive,
               CAST(ordinance_sensitive AS VARCHAR) AS ordinance_sensitive,
               '' AS "(record)"
        FROM cases
    ) UNPIVOT INCLUDE NULLS (value FOR field IN (description, recipient, purpose, legal_basis, link_type,
                                                 department, agency, sensitive, ordinance_sensitive,
                                                 "(record)"))
),
count_values AS (
    SELECT doc_id, 'review_count' AS record, criterion, agency AS record_key, page_no, field, value
    FROM (
        SELECT doc_id, criterion, agency, page_no,
               CAST(reviewed AS VARCHAR) AS reviewed, CAST(sensitive AS VARCHAR) AS sensitive,
               CAST(ordinance_sensitive AS VARCHAR) AS ordinance_sensitive, '' AS "(record)"
        FROM review_counts
    ) UNPIVOT INCLUDE NULLS (value FOR field IN (reviewed, sensitive, ordinance_sensitive, "(record)"))
),
vals AS (
    SELECT * FROM case_values
    UNION ALL
    SELECT * FROM count_values
),
best_side AS (
    SELECT p.report_id, p.best_doc_id, p.copy_doc_id, v.*
    FROM copy_pairs AS p JOIN vals AS v ON v.doc_id = p.best_doc_id
),
copy_side AS (
    SELECT p.report_id, p.best_doc_id, p.copy_doc_id, v.*
    FROM copy_pairs AS p JOIN vals AS v ON v.doc_id = p.copy_doc_id
),
paired AS (
    SELECT coalesce(b.report_id, c.report_id) AS report_id,
           coalesce(b.best_doc_id, c.best_doc_id) AS best_doc_id,
           coalesce(b.copy_doc_id, c.copy_doc_id) AS copy_doc_id,
           coalesce(b.record, c.record) AS record,
           coalesce(b.criterion, c.criterion) AS criterion,
           coalesce(b.record_key, c.record_key) AS record_key,
           coalesce(b.field, c.field) AS field,
           b.value AS best_value, c.value AS copy_value,
           b.page_no AS best_page_no, c.page_no AS copy_page_no,
           b.doc_id IS NULL OR c.doc_id IS NULL AS one_sided
    FROM best_side AS b
    FULL JOIN copy_side AS c
           ON c.copy_doc_id = b.copy_doc_id AND c.record = b.record AND c.criterion = b.criterion
          AND c.record_key = b.record_key AND c.field = b.field
)
SELECT report_id, best_doc_id, copy_doc_id, record, criterion, record_key, field,
       CASE WHEN field = '(record)' THEN (CASE WHEN best_value IS NULL THEN NULL ELSE 'present' END)
            ELSE best_value END AS best_value,
       CASE WHEN field = '(record)' THEN (CASE WHEN copy_value IS NULL THEN NULL ELSE 'present' END)
            ELSE copy_value END AS copy_value,
       best_page_no, copy_page_no,
       coalesce(field <> '(record)' AND regexp_replace(best_value, '\s', '', 'g')
                               = regexp_replace(copy_value, '\s', '', 'g'), false) AS spacing_only
FROM paired
WHERE (field = '(record)' AND one_sided)
   OR (field <> '(record)' AND NOT one_sided AND best_value IS DISTINCT FROM copy_value);

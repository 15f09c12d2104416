-- case_changes: what changed between consecutive reports of one municipality.
--
-- One row per (municipality, criterion, family_id, from_doc_id, to_doc_id) where the
-- family appeared (listed in the later report only), disappeared (in the earlier one
-- only), or flags_changed (listed in both, but 要配慮 / 条例要配慮 differ; a family with
-- several cases in one report, e.g. five branch offices, counts as sensitive when any
-- of them is). Consecutive = next by as_of among the municipality's documents that
-- have cases (incident-only reports do not break the chain); ties by doc_id. Reports, not
-- files: of several copies of one report (documents.report_id) only the best_copy takes part,
-- so a scan and the born-digital PDF of one report are not compared as two years.
-- Cases without a family_id are ignored. Needs: documents(doc_id, as_of, municipality, best_copy),
-- cases(doc_id, criterion, family_id, sensitive, ordinance_sensitive),
-- case_families(family_id, canonical_description).
CREATE OR REPLACE VIEW case_changes AS
WITH docs AS (
    SELECT d.doc_id, d.as_of, d.municipality
    FROM documents AS d
    WHERE d.as_of IS NOT NULL
      AND coalesce(d.best_copy, true)
      AND EXISTS (SELECT 1 FROM cases AS c WHERE c.doc_id = d.doc_id AND c.family_id IS NOT NULL)
),
pairs AS (
    SELECT municipality,
           doc_id AS from_doc_id,
           lead(doc_id) OVER (PARTITION BY municipality ORDER BY as_of, doc_id) AS to_doc_id
    FROM docs
),
fam AS (
    SELECT doc_id, criterion, family_id,
           count(*) AS n,
           bool_or(sensitive) AS sensitive,
           bool_or(ordinance_sensitive) AS ordinance_sensitive
    FROM cases
    WHERE family_id IS NOT NULL
    GROUP BY doc_id, criterion, family_id
),
keys AS (
    SELECT DISTINCT p.municipality, p.from_doc_id, p.to_doc_id, f.criterion, f.family_id
    FROM pairs AS p
    JOIN fam AS f ON f.doc_id = p.from_doc_id OR f.doc_id = p.to_doc_id
    WHERE p.to_doc_id IS NOT NULL
),
joined AS (
    SELECT k.*,
           a.n AS n_from, b.n AS n_to,
           a.sensitive AS s_from, b.sensitive AS s_to,
           a.ordinance_sensitive AS o_from, b.ordinance_sensitive AS o_to
    FROM keys AS k
    LEFT JOIN fam AS a
           ON a.doc_id = k.from_doc_id AND a.criterion = k.criterion AND a.family_id = k.family_id
    LEFT JOIN fam AS b
           ON b.doc_id = k.to_doc_id AND b.criterion = k.criterion AND b.family_id = k.family_id
),
names AS (
    SELECT family_id, any_value(canonical_description) AS canonical_description
    FROM case_families
    GROUP BY family_id
)
SELECT j.municipality,
       j.criterion,
       j.family_id,
       j.from_doc_id,
       j.to_doc_id,
       CASE
           WHEN j.n_from IS NULL THEN 'appeared'
           WHEN j.n_to IS NULL THEN 'disappeared'
           ELSE 'flags_changed'
       END AS change,
       CASE
           WHEN j.n_from IS NULL OR j.n_to IS NULL THEN
               printf('%d case(s): %s', coalesce(j.n_to, j.n_from), coalesce(n.canonical_description, '?'))
           ELSE concat_ws('; ',
               CASE WHEN j.s_from IS DISTINCT FROM j.s_to THEN
                   printf('sensitive %s -> %s', coalesce(CAST(j.s_from AS VARCHAR), 'unknown'),
                          coalesce(CAST(j.s_to AS VARCHAR), 'unknown')) END,
               CASE WHEN j.o_from IS DISTINCT FROM j.o_to THEN
                   printf('ordinance_sensitive %s -> %s', coalesce(CAST(j.o_from AS VARCHAR), 'unknown'),
                          coalesce(CAST(j.o_to AS VARCHAR), 'unknown')) END)
       END AS detail
FROM joined AS j
LEFT JOIN names AS n ON n.family_id = j.family_id
WHERE j.n_from IS NULL
   OR j.n_to IS NULL
   OR j.s_from IS DISTINCT FROM j.s_to
   OR j.o_from IS DISTINCT FROM j.o_to;

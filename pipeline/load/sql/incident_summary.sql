-- Incidents by authority, type and fiscal year (April-March; of occurred_on, else discovered_on,
-- else reported_on): how many, how many people affected (where a count was printed).
CREATE OR REPLACE VIEW incident_summary AS
SELECT
    municipality,
    incident_type,
    CAST(year(d) - CASE WHEN month(d) < 4 THEN 1 ELSE 0 END AS INTEGER) AS fiscal_year,
    count(*)                                         AS incidents,
    sum(affected_count)                              AS people_affected,
    count(*) FILTER (WHERE affected_count IS NULL)   AS incidents_without_count,
    count(*) FILTER (WHERE affected_count_approx)    AS approximate_counts
FROM (SELECT *, coalesce(occurred_on, discovered_on, reported_on) AS d FROM incidents) AS i
GROUP BY ALL
ORDER BY municipality, incident_type, fiscal_year;

-- Rates per current report, evaluated from the metric dictionary (sql/ddl/020_metric.sql).
-- A side (numerator or denominator) is complete only when every quantity it lists is in the
-- report and not NULL: a blank cell never counts as 0, so a rate over it is NULL.
CREATE OR REPLACE VIEW v_rate AS
WITH quantity AS (
    SELECT report_id, 'application.' || item AS part, count FROM v_fact_application WHERE applicant_type = 'total'
    UNION ALL
    SELECT report_id, proceeding || '.' || result, count FROM v_fact_review_litigation
), part AS (
    SELECT metric, 'numerator' AS side, unnest(numerator) AS part FROM metric
    UNION ALL
    SELECT metric, 'denominator', unnest(denominator) FROM metric
), side AS (
    SELECT r.report_id, p.metric, p.side, sum(q.count) AS n, count(q.count) = count(*) AS complete
    FROM v_report r CROSS JOIN part p
    LEFT JOIN quantity q ON q.report_id = r.report_id AND q.part = p.part
    GROUP BY ALL
)
SELECT r.report_id, r.agency_id, r.agency_name, r.admin_level, r.province, r.report_year, m.metric,
       CASE WHEN num.complete THEN num.n END AS numerator,
       CASE WHEN den.complete THEN den.n END AS denominator,
       CASE WHEN num.complete AND den.complete AND den.n >= m.min_denominator AND den.n > 0
            THEN num.n / den.n END AS value,
       den.complete AND den.n < m.min_denominator AS below_min_sample
FROM v_report r
JOIN side num ON num.report_id = r.report_id AND num.side = 'numerator'
JOIN metric m ON m.metric = num.metric
JOIN side den ON den.report_id = r.report_id AND den.metric = m.metric AND den.side = 'denominator';
COMMENT ON VIEW v_rate IS 'One row per current report and metric (see table metric): numerator, denominator and value; value is NULL when a quantity is missing or blank, or when the denominator is below metric.min_denominator (below_min_sample)';

CREATE OR REPLACE VIEW v_rate_by_year AS
SELECT r.metric, r.report_year, r.admin_level, count(*) AS reports,
       sum(r.numerator) AS numerator, sum(r.denominator) AS denominator,
       CASE WHEN sum(r.denominator) >= any_value(m.min_denominator) AND sum(r.denominator) > 0
            THEN sum(r.numerator) / sum(r.denominator) END AS value
FROM v_rate r JOIN metric m USING (metric)
WHERE r.numerator IS NOT NULL AND r.denominator IS NOT NULL
GROUP BY ALL;
COMMENT ON VIEW v_rate_by_year IS 'Pooled rates per metric, report year and admin level: sum of numerators / sum of denominators over the current reports where both are known (small reports count, weighted by their size); NULL below metric.min_denominator';
COMMENT ON COLUMN v_rate.report_id IS 'The current report (dim_report)';
COMMENT ON COLUMN v_rate.agency_id IS 'The agency (dim_agency)';
COMMENT ON COLUMN v_rate.agency_name IS 'The agency name as the report spells it';
COMMENT ON COLUMN v_rate.admin_level IS 'Level of the agency';
COMMENT ON COLUMN v_rate.province IS 'Province of the agency when placed';
COMMENT ON COLUMN v_rate.report_year IS 'Statistics year';
COMMENT ON COLUMN v_rate.metric IS 'metric.metric: the formula, unit and caveats are there';
COMMENT ON COLUMN v_rate.numerator IS 'Sum of the metric''s numerator quantities; NULL when one of them is missing or blank';
COMMENT ON COLUMN v_rate.denominator IS 'Sum of the metric''s denominator quantities; NULL when one of them is missing or blank';
COMMENT ON COLUMN v_rate.value IS 'numerator / denominator; NULL when either is NULL or the denominator is below metric.min_denominator';
COMMENT ON COLUMN v_rate.below_min_sample IS 'True when the denominator is known but below metric.min_denominator (value is then NULL)';
COMMENT ON COLUMN v_rate_by_year.metric IS 'metric.metric';
COMMENT ON COLUMN v_rate_by_year.report_year IS 'Statistics year';
COMMENT ON COLUMN v_rate_by_year.admin_level IS 'Level of the agencies pooled';
COMMENT ON COLUMN v_rate_by_year.reports IS 'Current reports whose numerator and denominator are both known';
COMMENT ON COLUMN v_rate_by_year.numerator IS 'Sum of their numerators';
COMMENT ON COLUMN v_rate_by_year.denominator IS 'Sum of their denominators';
COMMENT ON COLUMN v_rate_by_year.value IS 'Pooled rate: numerator / denominator; NULL below metric.min_denominator';

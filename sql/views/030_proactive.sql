CREATE OR REPLACE VIEW v_proactive_yoy AS
SELECT cur.agency_name, cur.report_year, f.clause, f.item, f.measure, f.value,
       p.value AS prev_value, f.value - p.value AS change
FROM v_report cur
JOIN fact_proactive_disclosure f ON f.report_id = cur.report_id
LEFT JOIN v_report prev ON prev.agency_id = cur.agency_id AND prev.report_year = cur.report_year - 1
LEFT JOIN fact_proactive_disclosure p ON p.report_id = prev.report_id AND p.clause = f.clause
     AND p.item = f.item AND p.measure = f.measure;
COMMENT ON VIEW v_proactive_yoy IS 'Section 二 year over year: one row per agency, year, clause, item, measure with the previous year''s value and the change (measures differ between templates, so a 2019→2021 change has no previous value)';

CREATE OR REPLACE VIEW v_review_yoy AS
SELECT cur.agency_name, cur.report_year, f.proceeding, f.result, f.count,
       p.count AS prev_count, f.count - p.count AS change
FROM v_report cur
JOIN fact_review_litigation f ON f.report_id = cur.report_id
LEFT JOIN v_report prev ON prev.agency_id = cur.agency_id AND prev.report_year = cur.report_year - 1
LEFT JOIN fact_review_litigation p ON p.report_id = prev.report_id AND p.proceeding = f.proceeding AND p.result = f.result;
COMMENT ON VIEW v_review_yoy IS 'Section 四 year over year';

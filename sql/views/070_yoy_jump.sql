-- Year-over-year jumps worth a look: a cell of a current report at least 5 times, or at most a
-- fifth of, the same cell of the same agency's previous year, when the larger count reaches the
-- metric dictionary's minimum (yoy_jump). Section 三 and 四 in the 总计 column, section 二 counts.
CREATE OR REPLACE VIEW v_yoy_jump AS
WITH pair AS (
    SELECT agency_name, report_year, 'application' AS section, item AS quantity, count AS value, prev_count AS prev_value
    FROM v_application_yoy WHERE applicant_type = 'total'
    UNION ALL
    SELECT agency_name, report_year, 'review_litigation', proceeding || '.' || result, count, prev_count FROM v_review_yoy
    UNION ALL
    SELECT y.agency_name, y.report_year, 'proactive', y.clause || '.' || y.item || '.' || y.measure, y.value, y.prev_value
    FROM v_proactive_yoy y JOIN dim_disclosure_measure d ON d.code = y.measure
    WHERE y.measure NOT IN ('fee_amount', 'procurement_amount', 'change')
)
SELECT p.agency_name, p.report_year, p.section, p.quantity, p.prev_value, p.value,
       CASE WHEN p.prev_value > 0 THEN round(p.value / p.prev_value, 2) END AS factor
FROM pair p, (SELECT min_denominator AS floor FROM metric WHERE metric = 'yoy_jump') m
WHERE p.value IS NOT NULL AND p.prev_value IS NOT NULL AND greatest(p.value, p.prev_value) >= m.floor
  AND (p.value >= 5 * p.prev_value OR 5 * p.value <= p.prev_value);
COMMENT ON VIEW v_yoy_jump IS 'Cells of current reports that grew at least 5-fold or shrank to a fifth or less against the same agency''s previous year (larger count at least metric yoy_jump.min_denominator); factor = value / prev_value (NULL from 0)';

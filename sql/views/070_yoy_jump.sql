-- Year-over-year jumps worth a look: a cell of a current report at least 5 times, or at most a
-- fifth of, the same cell of the same agency's previous year, when the larger count reaches the
-- metric dictionary's minimum (yoy_jump). Section 三 and 四 in the 总计 column, section 二 counts.
CREATE OR REPLACE VIEW v_yoy_jump AS
WITH pair AS (
    SELECT agency_id, agency_name, admin_level, province, prefecture, county, report_year, report_id, 'application' AS section, item AS quantity, count AS value,
           prev_count AS prev_value
    FROM v_application_yoy WHERE applicant_type = 'total'
    UNION ALL
    SELECT agency_id, agency_name, admin_level, province, prefecture, county, report_year, report_id, 'review_litigation', proceeding || '.' || result, count, prev_count
    FROM v_review_yoy
    UNION ALL
    SELECT y.agency_id, y.agency_name, y.admin_level, y.province, y.prefecture, y.county, y.report_year, y.report_id,
           'proactive', y.clause || '.' || y.item || '.' || y.measure, y.value, y.prev_value
    FROM v_proactive_yoy y
    WHERE y.measure NOT IN ('fee_amount', 'procurement_amount', 'change')
)
SELECT p.agency_id, p.agency_name, p.admin_level, p.province, p.prefecture, p.county, p.report_year, p.report_id,
       p.section, p.quantity, p.prev_value, p.value,
       CASE WHEN p.prev_value > 0 THEN round(p.value / p.prev_value, 2) END AS factor
FROM pair p, (SELECT min_denominator AS floor FROM metric WHERE metric = 'yoy_jump') m
WHERE p.value IS NOT NULL AND p.prev_value IS NOT NULL AND greatest(p.value, p.prev_value) >= m.floor
  AND (p.value >= 5 * p.prev_value OR 5 * p.value <= p.prev_value);
COMMENT ON VIEW v_yoy_jump IS 'Cells of current reports that grew at least 5-fold or shrank to a fifth or less against the same agency''s previous year (larger count at least metric yoy_jump.min_denominator); factor = value / prev_value (NULL from 0)';
COMMENT ON COLUMN v_yoy_jump.agency_id IS 'The agency (dim_agency): two agencies of one name stay apart';
COMMENT ON COLUMN v_yoy_jump.agency_name IS 'Best current name of the agency';
COMMENT ON COLUMN v_yoy_jump.admin_level IS 'Level of the agency (dim_agency.admin_level)';
COMMENT ON COLUMN v_yoy_jump.province IS 'Province of the agency when placed';
COMMENT ON COLUMN v_yoy_jump.prefecture IS 'Prefecture of the agency when placed';
COMMENT ON COLUMN v_yoy_jump.county IS 'County of the agency when placed';
COMMENT ON COLUMN v_yoy_jump.report_year IS 'Statistics year of the later report';
COMMENT ON COLUMN v_yoy_jump.report_id IS 'The later (current) report';
COMMENT ON COLUMN v_yoy_jump.section IS 'application (section 三, 总计 column) | review_litigation (section 四) | proactive (section 二 counts)';
COMMENT ON COLUMN v_yoy_jump.quantity IS 'The cell: item code (section 三), proceeding.result (四), clause.item.measure (二)';
COMMENT ON COLUMN v_yoy_jump.prev_value IS 'The same cell in the agency''s current report of the previous year';
COMMENT ON COLUMN v_yoy_jump.value IS 'The cell in this year''s report';
COMMENT ON COLUMN v_yoy_jump.factor IS 'value / prev_value, rounded to 2 places; NULL when prev_value is 0';

CREATE OR REPLACE VIEW v_proactive_yoy AS
SELECT cur.agency_id, cur.agency_name, cur.admin_level, cur.province, cur.prefecture, cur.county,
       cur.report_year, cur.report_id, f.clause, f.item, f.measure, f.value,
       p.value AS prev_value, f.value - p.value AS change
FROM v_report cur
JOIN v_fact_proactive_disclosure f ON f.report_id = cur.report_id
LEFT JOIN v_report prev ON prev.agency_id = cur.agency_id AND prev.report_year = cur.report_year - 1
LEFT JOIN v_fact_proactive_disclosure p ON p.report_id = prev.report_id AND p.clause = f.clause
     AND p.item = f.item AND p.measure = f.measure;
COMMENT ON VIEW v_proactive_yoy IS 'Section 二 year over year: one row per agency (agency_id), year, clause, item, measure with the previous year''s value and the change (measures differ between templates, so a 2019→2021 change has no previous value)';
COMMENT ON COLUMN v_proactive_yoy.agency_id IS 'The agency (dim_agency.agency_id): the key to group by';
COMMENT ON COLUMN v_proactive_yoy.agency_name IS 'The agency''s best current name; not unique';
COMMENT ON COLUMN v_proactive_yoy.admin_level IS 'province | prefecture | county | township | department | unknown';
COMMENT ON COLUMN v_proactive_yoy.province IS 'Province of the agency; NULL when not placed';
COMMENT ON COLUMN v_proactive_yoy.prefecture IS 'Prefecture of the agency; NULL when not placed or directly under a province';
COMMENT ON COLUMN v_proactive_yoy.county IS 'County of the agency; NULL when not placed or above county level';
COMMENT ON COLUMN v_proactive_yoy.report_year IS 'Statistics year';
COMMENT ON COLUMN v_proactive_yoy.report_id IS 'This year''s current report';
COMMENT ON COLUMN v_proactive_yoy.clause IS '第二十条 clause: art20_1 | art20_5 | art20_6 | art20_8 | art20_9';
COMMENT ON COLUMN v_proactive_yoy.item IS 'dim_disclosure_item.code';
COMMENT ON COLUMN v_proactive_yoy.measure IS 'dim_disclosure_measure.code';
COMMENT ON COLUMN v_proactive_yoy.value IS 'This year''s value as stated (amounts in yuan); NULL when blank';
COMMENT ON COLUMN v_proactive_yoy.prev_value IS 'The same cell in the agency''s report for the previous year; NULL when there is none, it is blank or the template changed';
COMMENT ON COLUMN v_proactive_yoy.change IS 'value - prev_value';

CREATE OR REPLACE VIEW v_review_yoy AS
SELECT cur.agency_id, cur.agency_name, cur.admin_level, cur.province, cur.prefecture, cur.county,
       cur.report_year, cur.report_id, f.proceeding, f.result, f.count,
       p.count AS prev_count, f.count - p.count AS change
FROM v_report cur
JOIN v_fact_review_litigation f ON f.report_id = cur.report_id
LEFT JOIN v_report prev ON prev.agency_id = cur.agency_id AND prev.report_year = cur.report_year - 1
LEFT JOIN v_fact_review_litigation p ON p.report_id = prev.report_id AND p.proceeding = f.proceeding AND p.result = f.result;
COMMENT ON VIEW v_review_yoy IS 'Section 四 year over year: one row per agency (agency_id), year, proceeding and result with the previous year''s count. result = total is the stated 总计: sum upheld, corrected, other, pending or take total, never both';
COMMENT ON COLUMN v_review_yoy.agency_id IS 'The agency (dim_agency.agency_id): the key to group by';
COMMENT ON COLUMN v_review_yoy.agency_name IS 'The agency''s best current name; not unique';
COMMENT ON COLUMN v_review_yoy.admin_level IS 'province | prefecture | county | township | department | unknown';
COMMENT ON COLUMN v_review_yoy.province IS 'Province of the agency; NULL when not placed';
COMMENT ON COLUMN v_review_yoy.prefecture IS 'Prefecture of the agency; NULL when not placed or directly under a province';
COMMENT ON COLUMN v_review_yoy.county IS 'County of the agency; NULL when not placed or above county level';
COMMENT ON COLUMN v_review_yoy.report_year IS 'Statistics year';
COMMENT ON COLUMN v_review_yoy.report_id IS 'This year''s current report';
COMMENT ON COLUMN v_review_yoy.proceeding IS 'dim_proceeding.code: review | litigation_direct | litigation_after_review';
COMMENT ON COLUMN v_review_yoy.result IS 'dim_review_result.code: upheld | corrected | other | pending | total (the stated 总计)';
COMMENT ON COLUMN v_review_yoy.count IS 'Number of cases as stated; totals are not recomputed';
COMMENT ON COLUMN v_review_yoy.prev_count IS 'The same cell in the agency''s report for the previous year; NULL when there is none or it is blank';
COMMENT ON COLUMN v_review_yoy.change IS 'count - prev_count';

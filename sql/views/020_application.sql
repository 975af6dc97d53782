CREATE OR REPLACE VIEW v_application_summary AS
SELECT r.agency_id, r.agency_name, r.admin_level, r.province, r.prefecture, r.county, r.report_year, r.report_id,
       max(f.count) FILTER (WHERE f.item = 'received_new')     AS received_new,
       max(f.count) FILTER (WHERE f.item = 'carried_over')     AS carried_over,
       max(f.count) FILTER (WHERE f.item = 'granted')          AS granted,
       max(f.count) FILTER (WHERE f.item = 'partially_granted') AS partially_granted,
       sum(f.count) FILTER (WHERE f.item LIKE 'denied_%')      AS denied,
       sum(f.count) FILTER (WHERE f.item LIKE 'unavailable_%') AS unavailable,
       sum(f.count) FILTER (WHERE f.item LIKE 'not_processed_%') AS not_processed,
       sum(f.count) FILTER (WHERE f.item IN ('other_processing', 'other_no_correction', 'other_unpaid_fee', 'other_other')
                            AND NOT (f.item = 'other_processing' AND EXISTS (
                                SELECT 1 FROM v_fact_application s WHERE s.report_id = f.report_id
                                AND s.item IN ('other_no_correction', 'other_unpaid_fee', 'other_other')))) AS other_processing,
       max(f.count) FILTER (WHERE f.item = 'outcome_total')    AS outcome_total,
       max(f.count) FILTER (WHERE f.item = 'carried_forward')  AS carried_forward,
       sum(f.count) FILTER (WHERE f.item LIKE 'denied_%') / nullif(max(f.count) FILTER (WHERE f.item = 'outcome_total'), 0) AS denial_rate,
       max(f.count) FILTER (WHERE f.item = 'granted') / nullif(max(f.count) FILTER (WHERE f.item = 'outcome_total'), 0) AS grant_rate,
       (max(f.count) FILTER (WHERE f.item = 'granted') + max(f.count) FILTER (WHERE f.item = 'partially_granted'))
           / nullif(max(f.count) FILTER (WHERE f.item = 'outcome_total'), 0) AS disclosure_rate
FROM v_report r JOIN v_fact_application f USING (report_id)
WHERE f.applicant_type = 'total'
GROUP BY ALL;
COMMENT ON VIEW v_application_summary IS 'Section 三 per current report, total column (总计): inflow, outcome groups, and the denial, grant and disclosure rates of the metric dictionary (table metric; here without its minimum sample). Group by agency_id, not by name';
COMMENT ON COLUMN v_application_summary.agency_id IS 'The agency (dim_agency.agency_id)';
COMMENT ON COLUMN v_application_summary.agency_name IS 'The agency''s best current name; not unique';
COMMENT ON COLUMN v_application_summary.admin_level IS 'province | prefecture | county | township | department | unknown';
COMMENT ON COLUMN v_application_summary.province IS 'Province of the agency; NULL when not placed';
COMMENT ON COLUMN v_application_summary.prefecture IS 'Prefecture of the agency; NULL when not placed or directly under a province';
COMMENT ON COLUMN v_application_summary.county IS 'County of the agency; NULL when not placed or above county level';
COMMENT ON COLUMN v_application_summary.report_year IS 'Statistics year';
COMMENT ON COLUMN v_application_summary.report_id IS 'The current report (dim_report.report_id)';
COMMENT ON COLUMN v_application_summary.received_new IS '一、本年新收 (new applications this year)';
COMMENT ON COLUMN v_application_summary.carried_over IS '二、上年结转 (carried over from the previous year)';
COMMENT ON COLUMN v_application_summary.granted IS '（一）予以公开 (disclosed in full)';
COMMENT ON COLUMN v_application_summary.partially_granted IS '（二）部分公开 (disclosed in part)';
COMMENT ON COLUMN v_application_summary.denied IS '（三）不予公开: the sum of its sub-rows (denied_*)';
COMMENT ON COLUMN v_application_summary.unavailable IS '（四）无法提供: the sum of its sub-rows (unavailable_*)';
COMMENT ON COLUMN v_application_summary.not_processed IS '（五）不予处理: the sum of its sub-rows (not_processed_*)';
COMMENT ON COLUMN v_application_summary.other_processing IS '（六）其他处理: its sub-rows summed when the report has them (2021 form), else the single row';
COMMENT ON COLUMN v_application_summary.outcome_total IS '（七）总计 as the report states it (answered applications); not recomputed';
COMMENT ON COLUMN v_application_summary.carried_forward IS '四、结转下年度继续办理 (carried forward to next year)';
COMMENT ON COLUMN v_application_summary.denial_rate IS 'metric denial_rate: denied / outcome_total; NULL when nothing was answered or a part is NULL, never hidden below metric.min_denominator (v_rate is)';
COMMENT ON COLUMN v_application_summary.grant_rate IS 'metric grant_rate: granted / outcome_total, grants in full only (（一）予以公开); NULL when nothing was answered or a part is NULL, never hidden below metric.min_denominator (v_rate is)';
COMMENT ON COLUMN v_application_summary.disclosure_rate IS 'metric disclosure_rate: (granted + partially_granted) / outcome_total, the share answered with information in full or in part; NULL when nothing was answered or a part is NULL, never hidden below metric.min_denominator (v_rate is)';

CREATE OR REPLACE VIEW v_application_yoy AS
SELECT cur.agency_id, cur.agency_name, cur.admin_level, cur.province, cur.prefecture, cur.county,
       cur.report_year, cur.report_id, f.item, f.applicant_type, f.count,
       p.count AS prev_count, f.count - p.count AS change
FROM v_report cur
JOIN v_fact_application f ON f.report_id = cur.report_id
LEFT JOIN v_report prev ON prev.agency_id = cur.agency_id AND prev.report_year = cur.report_year - 1
LEFT JOIN v_fact_application p ON p.report_id = prev.report_id AND p.item = f.item AND p.applicant_type = f.applicant_type;
COMMENT ON VIEW v_application_yoy IS 'Section 三 year over year: one row per agency (agency_id), year, item, applicant type with the previous year''s count of the same agency (NULL when that year is missing) and the change';
COMMENT ON COLUMN v_application_yoy.agency_id IS 'The agency (dim_agency.agency_id): the key to group by';
COMMENT ON COLUMN v_application_yoy.agency_name IS 'The agency''s best current name; not unique';
COMMENT ON COLUMN v_application_yoy.admin_level IS 'province | prefecture | county | township | department | unknown';
COMMENT ON COLUMN v_application_yoy.province IS 'Province of the agency; NULL when not placed';
COMMENT ON COLUMN v_application_yoy.prefecture IS 'Prefecture of the agency; NULL when not placed or directly under a province';
COMMENT ON COLUMN v_application_yoy.county IS 'County of the agency; NULL when not placed or above county level';
COMMENT ON COLUMN v_application_yoy.report_year IS 'Statistics year';
COMMENT ON COLUMN v_application_yoy.report_id IS 'This year''s current report';
COMMENT ON COLUMN v_application_yoy.item IS 'dim_application_item.code';
COMMENT ON COLUMN v_application_yoy.applicant_type IS 'dim_applicant_type.code (total is the stated 总计 column)';
COMMENT ON COLUMN v_application_yoy.count IS 'This year''s number as stated; NULL when blank';
COMMENT ON COLUMN v_application_yoy.prev_count IS 'The same cell in the agency''s report for the previous year; NULL when there is none or it is blank';
COMMENT ON COLUMN v_application_yoy.change IS 'count - prev_count';

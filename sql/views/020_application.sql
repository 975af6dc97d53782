CREATE OR REPLACE VIEW v_application_summary AS
SELECT r.agency_id, r.agency_name, r.admin_level, r.province, r.report_year, r.report_id,
       max(f.count) FILTER (WHERE f.item = 'received_new')     AS received_new,
       max(f.count) FILTER (WHERE f.item = 'carried_over')     AS carried_over,
       max(f.count) FILTER (WHERE f.item = 'granted')          AS granted,
       max(f.count) FILTER (WHERE f.item = 'partially_granted') AS partially_granted,
       sum(f.count) FILTER (WHERE f.item LIKE 'denied_%')      AS denied,
       sum(f.count) FILTER (WHERE f.item LIKE 'unavailable_%') AS unavailable,
       sum(f.count) FILTER (WHERE f.item LIKE 'not_processed_%') AS not_processed,
       sum(f.count) FILTER (WHERE f.item IN ('other_processing', 'other_no_correction', 'other_unpaid_fee', 'other_other')
                            AND NOT (f.item = 'other_processing' AND EXISTS (
                                SELECT 1 FROM fact_application s WHERE s.report_id = f.report_id
                                AND s.item IN ('other_no_correction', 'other_unpaid_fee', 'other_other')))) AS other_processing,
       max(f.count) FILTER (WHERE f.item = 'outcome_total')    AS outcome_total,
       max(f.count) FILTER (WHERE f.item = 'carried_forward')  AS carried_forward,
       sum(f.count) FILTER (WHERE f.item LIKE 'denied_%') / nullif(max(f.count) FILTER (WHERE f.item = 'outcome_total'), 0) AS denial_rate
FROM v_report r JOIN fact_application f USING (report_id)
WHERE f.applicant_type = 'total'
GROUP BY ALL;
COMMENT ON VIEW v_application_summary IS 'Section 三 per current report, total column: inflow, outcome groups, denial rate (denied / outcome_total)';

CREATE OR REPLACE VIEW v_application_yoy AS
SELECT cur.agency_name, cur.report_year, f.item, f.applicant_type, f.count,
       p.count AS prev_count, f.count - p.count AS change
FROM v_report cur
JOIN fact_application f ON f.report_id = cur.report_id
LEFT JOIN v_report prev ON prev.agency_id = cur.agency_id AND prev.report_year = cur.report_year - 1
LEFT JOIN fact_application p ON p.report_id = prev.report_id AND p.item = f.item AND p.applicant_type = f.applicant_type;
COMMENT ON VIEW v_application_yoy IS 'Section 三 year over year: one row per agency, year, item, applicant type with the previous year''s count (NULL when that year is missing) and the change';

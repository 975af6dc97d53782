CREATE OR REPLACE VIEW v_agency AS
SELECT a.agency_id, a.agency_name, a.admin_level, a.province, a.prefecture, a.county, a.township,
       a.division_code, a.township_code, a.agency_key, r.reports, r.first_year, r.last_year, s.aliases
FROM dim_agency a
LEFT JOIN (SELECT agency_id, count(*) AS reports, min(report_year) AS first_year, max(report_year) AS last_year
           FROM dim_report WHERE status = 'current' GROUP BY agency_id) r USING (agency_id)
LEFT JOIN (SELECT agency_id, list(alias ORDER BY first_year, alias) AS aliases
           FROM agency_alias GROUP BY agency_id) s USING (agency_id);
COMMENT ON VIEW v_agency IS 'Agencies with their place in the hierarchy, their current reports (count and year range) and every spelling of their name';

CREATE OR REPLACE VIEW v_application_by_region AS
SELECT CASE WHEN grouping(prefecture) = 0 THEN 'prefecture'
            WHEN grouping(province) = 0 AND grouping(admin_level) = 0 THEN 'province_level'
            WHEN grouping(province) = 0 THEN 'province'
            ELSE 'admin_level' END AS grain,
       province, prefecture, admin_level, report_year,
       count(DISTINCT agency_id) AS agencies, count(*) AS reports,
       sum(received_new) AS received_new, sum(carried_over) AS carried_over, sum(granted) AS granted,
       sum(partially_granted) AS partially_granted, sum(denied) AS denied, sum(unavailable) AS unavailable,
       sum(not_processed) AS not_processed, sum(other_processing) AS other_processing,
       sum(outcome_total) AS outcome_total, sum(carried_forward) AS carried_forward,
       sum(denied) / nullif(sum(outcome_total), 0) AS denial_rate
FROM (SELECT s.*, a.prefecture FROM v_application_summary s JOIN dim_agency a USING (agency_id))
GROUP BY GROUPING SETS ((province, prefecture, admin_level, report_year), (province, admin_level, report_year),
                        (province, report_year), (admin_level, report_year));
COMMENT ON VIEW v_application_by_region IS 'Section 三 (total column, current reports) summed by place and year. grain says the grouping: prefecture (province, prefecture, admin_level, year), province_level (province, admin_level, year), province (province, year), admin_level (admin_level, year). A NULL province or prefecture in a row of that grain holds the agencies not placed there (unresolved, or a county directly under a province); denial_rate = denied / outcome_total';

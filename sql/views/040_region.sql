CREATE OR REPLACE VIEW v_agency AS
SELECT a.agency_id, a.agency_name, a.admin_level, a.province, a.prefecture, a.county, a.township,
       a.division_code, a.township_code, a.agency_key, r.reports, r.first_year, r.last_year, s.aliases
FROM dim_agency a
LEFT JOIN (SELECT agency_id, count(*) AS reports, min(report_year) AS first_year, max(report_year) AS last_year
           FROM dim_report WHERE status = 'current' GROUP BY agency_id) r USING (agency_id)
LEFT JOIN (SELECT agency_id, list(alias ORDER BY first_year, alias) AS aliases
           FROM agency_alias GROUP BY agency_id) s USING (agency_id);
COMMENT ON VIEW v_agency IS 'Agencies with their place in the hierarchy, their current reports (count and year range) and every spelling of their name';
COMMENT ON COLUMN v_agency.agency_id IS 'dim_agency.agency_id';
COMMENT ON COLUMN v_agency.agency_name IS 'Best current name (the spelling of the latest report); not unique';
COMMENT ON COLUMN v_agency.admin_level IS 'province | prefecture | county | township | department | unknown';
COMMENT ON COLUMN v_agency.province IS 'Province; NULL when not placed';
COMMENT ON COLUMN v_agency.prefecture IS 'Prefecture; NULL when not placed or directly under a province';
COMMENT ON COLUMN v_agency.county IS 'County; NULL when not placed or above county level';
COMMENT ON COLUMN v_agency.township IS 'Township; NULL when not placed or above township level';
COMMENT ON COLUMN v_agency.division_code IS '6-digit division code of the smallest county-or-higher division (dim_agency.division_code)';
COMMENT ON COLUMN v_agency.township_code IS '9-digit township code when township is known';
COMMENT ON COLUMN v_agency.agency_key IS 'Matching key (dim_agency.agency_key)';
COMMENT ON COLUMN v_agency.reports IS 'Number of current reports; NULL when none is current';
COMMENT ON COLUMN v_agency.first_year IS 'Earliest report year of a current report';
COMMENT ON COLUMN v_agency.last_year IS 'Latest report year of a current report';
COMMENT ON COLUMN v_agency.aliases IS 'Every spelling of the name seen in a report, oldest first';

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
       sum(denied) / nullif(sum(outcome_total), 0) AS denial_rate,
       sum(granted) / nullif(sum(outcome_total), 0) AS grant_rate,
       (sum(granted) + sum(partially_granted)) / nullif(sum(outcome_total), 0) AS disclosure_rate
FROM v_application_summary
GROUP BY GROUPING SETS ((province, prefecture, admin_level, report_year), (province, admin_level, report_year),
                        (province, report_year), (admin_level, report_year));
COMMENT ON VIEW v_application_by_region IS 'Section 三 (total column, current reports) summed by place and year. grain says the grouping: prefecture (province, prefecture, admin_level, year), province_level (province, admin_level, year), province (province, year), admin_level (admin_level, year). A NULL province or prefecture in a row of that grain holds the agencies not placed there (unresolved, or a county directly under a province); sums skip NULL cells';
COMMENT ON COLUMN v_application_by_region.grain IS 'prefecture | province_level | province | admin_level: which columns group this row (the others are NULL because they are summed over)';
COMMENT ON COLUMN v_application_by_region.province IS 'Province (NULL in the admin_level grain, or for agencies not placed)';
COMMENT ON COLUMN v_application_by_region.prefecture IS 'Prefecture (prefecture grain only; NULL there for agencies not placed at prefecture level)';
COMMENT ON COLUMN v_application_by_region.admin_level IS 'Level of the agencies summed (NULL in the province grain)';
COMMENT ON COLUMN v_application_by_region.report_year IS 'Statistics year';
COMMENT ON COLUMN v_application_by_region.agencies IS 'Distinct agencies summed';
COMMENT ON COLUMN v_application_by_region.reports IS 'Current reports summed';
COMMENT ON COLUMN v_application_by_region.received_new IS 'Sum of v_application_summary.received_new';
COMMENT ON COLUMN v_application_by_region.carried_over IS 'Sum of v_application_summary.carried_over';
COMMENT ON COLUMN v_application_by_region.granted IS 'Sum of v_application_summary.granted';
COMMENT ON COLUMN v_application_by_region.partially_granted IS 'Sum of v_application_summary.partially_granted';
COMMENT ON COLUMN v_application_by_region.denied IS 'Sum of v_application_summary.denied';
COMMENT ON COLUMN v_application_by_region.unavailable IS 'Sum of v_application_summary.unavailable';
COMMENT ON COLUMN v_application_by_region.not_processed IS 'Sum of v_application_summary.not_processed';
COMMENT ON COLUMN v_application_by_region.other_processing IS 'Sum of v_application_summary.other_processing';
COMMENT ON COLUMN v_application_by_region.outcome_total IS 'Sum of the stated outcome totals';
COMMENT ON COLUMN v_application_by_region.carried_forward IS 'Sum of v_application_summary.carried_forward';
COMMENT ON COLUMN v_application_by_region.denial_rate IS 'metric denial_rate pooled over the group: denied / outcome_total';
COMMENT ON COLUMN v_application_by_region.grant_rate IS 'metric grant_rate pooled over the group: granted / outcome_total (grants in full only)';
COMMENT ON COLUMN v_application_by_region.disclosure_rate IS 'metric disclosure_rate pooled over the group: (granted + partially_granted) / outcome_total';

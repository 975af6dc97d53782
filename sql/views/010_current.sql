CREATE OR REPLACE VIEW v_report AS
SELECT r.report_id, r.agency_id, a.agency_name, r.agency_name AS name_in_report, a.admin_level,
       a.province, a.prefecture, a.county, r.report_year, r.title_year, r.template_version,
       r.published_on, r.source_file, r.status, r.ingested_at,
       (SELECT count(*) FROM report_issue i WHERE i.report_id = r.report_id AND i.severity = 'warning') AS warnings
FROM dim_report r JOIN dim_agency a USING (agency_id)
WHERE r.status = 'current';
COMMENT ON VIEW v_report IS 'Current reports (one per agency and year) with their agency and the number of warning flags';

CREATE OR REPLACE VIEW v_report AS
SELECT r.report_id, r.agency_id, a.agency_name, r.agency_name AS name_in_report, a.admin_level,
       a.province, a.prefecture, a.county, a.township, r.report_year, r.title_year, r.template_version,
       r.published_on, r.source_file, r.status, r.ingested_at,
       (SELECT count(*) FROM v_issue i WHERE i.report_id = r.report_id AND i.severity = 'warning') AS warnings,
       (SELECT count(*) FROM edition_source s JOIN dim_report x USING (report_id)
                             JOIN source_file f ON f.content_sha256 = x.content_sha256
        WHERE s.current_id = r.report_id AND f.removed_at IS NULL) AS files
FROM dim_report r JOIN dim_agency a USING (agency_id)
WHERE r.status = 'current';
COMMENT ON VIEW v_report IS 'Current reports (one per agency and year) with their agency, its place and the number of warning flags. Group by agency_id, never by name: several agencies share a name (three are called 永定区新集镇人民政府)';
COMMENT ON COLUMN v_report.report_id IS 'dim_report.report_id';
COMMENT ON COLUMN v_report.agency_id IS 'The agency (dim_agency.agency_id): the key to group or join by';
COMMENT ON COLUMN v_report.agency_name IS 'The agency''s best current name (dim_agency.agency_name); not unique';
COMMENT ON COLUMN v_report.name_in_report IS 'The name exactly as this report spells it';
COMMENT ON COLUMN v_report.admin_level IS 'province | prefecture | county | township | department | unknown';
COMMENT ON COLUMN v_report.province IS 'Province of the agency; NULL when not placed';
COMMENT ON COLUMN v_report.prefecture IS 'Prefecture of the agency; NULL when not placed or directly under a province';
COMMENT ON COLUMN v_report.county IS 'County of the agency; NULL when not placed or above county level';
COMMENT ON COLUMN v_report.township IS 'Township of the agency; NULL when not placed or above township level';
COMMENT ON COLUMN v_report.report_year IS 'Statistics year';
COMMENT ON COLUMN v_report.title_year IS 'The year printed in the title';
COMMENT ON COLUMN v_report.template_version IS '2019 or 2021 national form';
COMMENT ON COLUMN v_report.published_on IS 'Signature or publication date when stated';
COMMENT ON COLUMN v_report.source_file IS 'Raw file (relative to the raw directory) of the best-read reading, whose numbers the report shows first (the others: v_report_source)';
COMMENT ON COLUMN v_report.status IS 'Always current here';
COMMENT ON COLUMN v_report.ingested_at IS 'When the report was loaded';
COMMENT ON COLUMN v_report.files IS 'How many raw files the report is read from: the paths, still in the raw directory, of its own content and of the readings merged into it (v_report_source; a cell''s files: v_cell_source); 0 when all are gone (v_removed_source)';
COMMENT ON COLUMN v_report.warnings IS 'Number of warning flags in v_issue (broken identities, year conflict, …; not those a review dismissed)';

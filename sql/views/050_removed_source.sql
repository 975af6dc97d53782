-- Reports whose raw files are all gone (kept: a removed source is not a retraction).

CREATE OR REPLACE VIEW v_removed_source AS
SELECT r.report_id, r.agency_name, r.report_year, r.status, max(f.removed_at) AS removed_at
FROM dim_report r JOIN source_file f USING (content_sha256)
GROUP BY ALL HAVING bool_and(f.removed_at IS NOT NULL);
COMMENT ON VIEW v_removed_source IS 'Loaded reports none of whose raw files is in the raw directory any more (kept; see source_file.removed_at)';
COMMENT ON COLUMN v_removed_source.report_id IS 'dim_report.report_id';
COMMENT ON COLUMN v_removed_source.agency_name IS 'The agency name as the report spells it';
COMMENT ON COLUMN v_removed_source.report_year IS 'Statistics year';
COMMENT ON COLUMN v_removed_source.status IS 'current | merged | superseded | conflicting (dim_report.status)';
COMMENT ON COLUMN v_removed_source.removed_at IS 'When the last of its files was found gone';

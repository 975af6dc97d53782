-- A raw file that disappears (idempotent): its path is kept and marked, its report stays loaded.

ALTER TABLE source_file ADD COLUMN IF NOT EXISTS removed_at TIMESTAMP;
COMMENT ON COLUMN source_file.removed_at IS 'When an ingest first found this path gone from the raw directory; NULL while it is there. A report whose every path is gone stays loaded and current (a removed source is not a retraction): v_removed_source lists them';

CREATE OR REPLACE VIEW v_removed_source AS
SELECT r.report_id, r.agency_name, r.report_year, r.status, max(f.removed_at) AS removed_at
FROM dim_report r JOIN source_file f USING (content_sha256)
GROUP BY ALL HAVING bool_and(f.removed_at IS NOT NULL);
COMMENT ON VIEW v_removed_source IS 'Loaded reports none of whose raw files is in the raw directory any more (kept; see source_file.removed_at)';
COMMENT ON COLUMN v_removed_source.report_id IS 'dim_report.report_id';
COMMENT ON COLUMN v_removed_source.agency_name IS 'The agency name as the report spells it';
COMMENT ON COLUMN v_removed_source.report_year IS 'Statistics year';
COMMENT ON COLUMN v_removed_source.status IS 'current | superseded';
COMMENT ON COLUMN v_removed_source.removed_at IS 'When the last of its files was found gone';

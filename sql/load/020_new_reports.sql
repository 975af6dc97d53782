-- The reports this load adds, chosen inside the writer's transaction against the very state it
-- replaces: two runs that staged the same files (schedule and sensor, two CLIs, a second click)
-- cannot both add them. Each content once, even when the stage holds it twice.
CREATE TEMP TABLE new_reports AS
SELECT DISTINCT ON (content_sha256) * FROM stage_reports
WHERE content_sha256 NOT IN (SELECT content_sha256 FROM dim_report)
  AND report_id NOT IN (SELECT report_id FROM dim_report)
ORDER BY content_sha256, source_file;

INSERT INTO dim_report (report_id, agency_id, agency_name, report_year, title_year, template_version, published_on,
                        source_file, content_sha256, status, ingested_at, parser_version,
                        read_method, ocr_pages, ocr_confidence, ocr_seconds)     -- by name: a migrated table's columns come in another order
SELECT report_id, agency_id, agency_name, report_year, title_year, template_version,
       published_on, source_file, content_sha256, 'current', $now, parser_version,
       read_method, ocr_pages, ocr_confidence, ocr_seconds
FROM new_reports;

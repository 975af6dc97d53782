-- Which files each current report was read from, and which file states each of its cells
-- (sql/load/040_editions.sql merges the readings of one edition).

CREATE OR REPLACE VIEW v_report_source AS
SELECT s.current_id AS report_id, s.report_id AS reading_id, d.status, f.source_file, f.removed_at,
       d.published_on, d.parser_version,
       (SELECT count(*) FROM edition_cell c WHERE c.source_id = s.report_id) AS cells_given
FROM edition_source s JOIN dim_report d USING (report_id) JOIN source_file f USING (content_sha256);
COMMENT ON VIEW v_report_source IS 'Every raw file of every current report: the file of the reading it shows first (status current) and those of the readings of the same edition merged into it (status merged), one row per path';
COMMENT ON COLUMN v_report_source.report_id IS 'The current report (v_report.report_id)';
COMMENT ON COLUMN v_report_source.reading_id IS 'The reading this file holds (dim_report.report_id: its content)';
COMMENT ON COLUMN v_report_source.status IS 'current (the best-read reading) | merged (its cells fill those the current one leaves blank)';
COMMENT ON COLUMN v_report_source.source_file IS 'Raw file path (relative to the raw directory)';
COMMENT ON COLUMN v_report_source.removed_at IS 'When the file was found gone from the raw directory; NULL while it is there';
COMMENT ON COLUMN v_report_source.published_on IS 'The date this reading states (signature or page date)';
COMMENT ON COLUMN v_report_source.parser_version IS 'The parser that read it';
COMMENT ON COLUMN v_report_source.cells_given IS 'Cells the current report takes from this reading (edition_cell): 0 for the current reading itself';

CREATE OR REPLACE VIEW v_cell_source AS
WITH cell AS (
    SELECT report_id, 'fact_application' AS fact_table, item AS row_code, applicant_type AS column_code,
           CAST(count AS DECIMAL(20, 4)) AS value FROM fact_application
    UNION ALL
    SELECT report_id, 'fact_review_litigation', proceeding, result, CAST(count AS DECIMAL(20, 4)) FROM fact_review_litigation
    UNION ALL
    SELECT report_id, 'fact_proactive_disclosure', item, measure, value FROM fact_proactive_disclosure
)
SELECT s.current_id AS report_id, c.fact_table, c.row_code, c.column_code, c.value,
       list(DISTINCT f.source_file ORDER BY f.source_file) AS files
FROM edition_source s JOIN cell c ON c.report_id = s.report_id
JOIN dim_report d ON d.report_id = s.report_id JOIN source_file f ON f.content_sha256 = d.content_sha256
WHERE c.value IS NOT NULL
GROUP BY ALL;
COMMENT ON VIEW v_cell_source IS 'Every stated cell of every current report with the raw files that state it (the sources of one edition agree on every cell they both state, so a cell has one value); a cell no file states is not listed';
COMMENT ON COLUMN v_cell_source.report_id IS 'The current report (v_report.report_id)';
COMMENT ON COLUMN v_cell_source.fact_table IS 'fact_application | fact_review_litigation | fact_proactive_disclosure';
COMMENT ON COLUMN v_cell_source.row_code IS 'item, or proceeding for fact_review_litigation';
COMMENT ON COLUMN v_cell_source.column_code IS 'applicant_type, result or measure';
COMMENT ON COLUMN v_cell_source.value IS 'The value as written (before review decisions)';
COMMENT ON COLUMN v_cell_source.files IS 'The raw files stating it (paths relative to the raw directory)';

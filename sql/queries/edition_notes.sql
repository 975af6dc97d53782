-- One line per reading this load merged into a current report, superseded by a revised edition,
-- or found conflicting (statuses 040_editions.sql changed), with the current report it yields to.
SELECT d.status, d.source_file, d.report_id, h.source_file AS current_file, h.report_id AS current_id,
       d.published_on, h.published_on AS current_published_on,
       (SELECT count(*) FROM edition_cell c WHERE c.source_id = d.report_id) AS cells_given
FROM status_before b
JOIN dim_report d USING (report_id)
JOIN edition e USING (report_id)
JOIN dim_report h ON h.report_id = e.head
WHERE d.status IN ('merged', 'superseded', 'conflicting') AND d.status IS DISTINCT FROM b.status
ORDER BY d.status, d.source_file;

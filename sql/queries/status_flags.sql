-- `ogi status`: current reports with a warning, by rule (not the flags a review dismissed, nor
-- those of superseded reports: the same reports the `flagged` column counts).
SELECT rule, count(DISTINCT report_id) FROM v_issue JOIN dim_report USING (report_id)
WHERE severity = 'warning' AND status = 'current' GROUP BY ALL ORDER BY 2 DESC, 1;

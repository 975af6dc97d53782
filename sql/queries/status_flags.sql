-- `ogi status`: reports with a warning, by rule (not the flags a review dismissed).
SELECT rule, count(DISTINCT report_id) FROM v_issue WHERE severity = 'warning' GROUP BY ALL ORDER BY 2 DESC, 1;

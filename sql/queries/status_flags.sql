-- `ogi status`: reports with a warning, by rule.
SELECT rule, count(DISTINCT report_id) FROM report_issue WHERE severity = 'warning' GROUP BY ALL ORDER BY 2 DESC, 1;

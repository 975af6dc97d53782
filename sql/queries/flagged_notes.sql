-- One line per report this load added or re-read that is flagged (v_report.warnings > 0): each
-- warning rule with its first detail, so the run's output says why.
SELECT r.source_file, i.rule, min(i.detail) AS detail, count(*) AS flags
FROM v_issue i JOIN v_report r USING (report_id)
WHERE i.severity = 'warning'
  AND r.report_id IN (SELECT report_id FROM new_reports UNION ALL SELECT report_id FROM reparsed)
GROUP BY ALL ORDER BY r.source_file, i.rule;

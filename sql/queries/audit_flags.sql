-- The auditor's flags on current reports: per rule, the reports flagged and one example detail.
SELECT i.rule, count(DISTINCT i.report_id) AS reports, min(i.detail) AS example
FROM v_issue i JOIN v_report r USING (report_id)
WHERE list_contains($rules, i.rule)
GROUP BY i.rule ORDER BY i.rule;

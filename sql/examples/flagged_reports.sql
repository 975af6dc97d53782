-- Reports whose own arithmetic does not add up, with the numbers.
SELECT r.agency_name, r.report_year, i.rule, i.detail
FROM v_report r JOIN report_issue i USING (report_id)
WHERE i.severity = 'warning'
ORDER BY r.agency_name, r.report_year, i.rule;

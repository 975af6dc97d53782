-- Reports whose own arithmetic does not add up (or whose year is in doubt), with the numbers and
-- the file to check them against.
SELECT r.agency_id, r.agency_name, r.province, r.report_year, r.source_file, i.rule, i.detail
FROM v_report r JOIN v_issue i USING (report_id)
WHERE i.severity = 'warning'
ORDER BY r.agency_name, r.agency_id, r.report_year, i.rule, i.detail;

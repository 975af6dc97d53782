-- New applications year over year, total column.
SELECT agency_name, report_year, count AS received_new, prev_count, change
FROM v_application_yoy
WHERE item = 'received_new' AND applicant_type = 'total'
ORDER BY agency_name, report_year;

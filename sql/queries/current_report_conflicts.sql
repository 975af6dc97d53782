-- Agency-years with more than one current report (there must be none).
SELECT agency_id, report_year, count(*) AS current_reports FROM dim_report WHERE status = 'current'
GROUP BY ALL HAVING count(*) > 1;

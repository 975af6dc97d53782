-- New applications year over year, total column: one line per agency (agency_id) and year, with
-- its place, so that agencies sharing a name stay apart.
SELECT agency_id, agency_name, province, prefecture, county, report_year,
       count AS received_new, prev_count, change
FROM v_application_yoy
WHERE item = 'received_new' AND applicant_type = 'total'
ORDER BY province NULLS LAST, prefecture NULLS LAST, county NULLS LAST, agency_name, agency_id, report_year;

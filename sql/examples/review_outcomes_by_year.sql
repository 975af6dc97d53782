-- Administrative review and litigation outcomes per year, current reports only.
SELECT r.report_year, f.proceeding, f.result, sum(f.count) AS cases
FROM v_report r JOIN fact_review_litigation f USING (report_id)
GROUP BY ALL
ORDER BY r.report_year, f.proceeding, f.result;

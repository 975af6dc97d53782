-- Administrative review and litigation outcomes per year (current reports): the four results
-- summed, and beside them the totals as the reports state them (result = 'total' is never added
-- to its parts; parts_sum <> stated_total shows reports whose own totals do not add up).
SELECT r.report_year, f.proceeding,
       sum(f.count) FILTER (WHERE f.result = 'upheld')    AS upheld,
       sum(f.count) FILTER (WHERE f.result = 'corrected') AS corrected,
       sum(f.count) FILTER (WHERE f.result = 'other')     AS other,
       sum(f.count) FILTER (WHERE f.result = 'pending')   AS pending,
       sum(f.count) FILTER (WHERE f.result <> 'total')    AS parts_sum,
       sum(f.count) FILTER (WHERE f.result = 'total')     AS stated_total
FROM v_report r JOIN v_fact_review_litigation f USING (report_id)
GROUP BY ALL
ORDER BY r.report_year, f.proceeding;

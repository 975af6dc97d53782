-- `ogi status`: reports per year, current, superseded and flagged (a current report with a warning).
SELECT report_year, count(*) FILTER (WHERE status = 'current') AS current,
       count(*) FILTER (WHERE status = 'superseded') AS superseded,
       count(DISTINCT report_id) FILTER (WHERE status = 'current' AND report_id IN
           (SELECT report_id FROM v_issue WHERE severity = 'warning')) AS flagged
FROM dim_report GROUP BY ALL ORDER BY report_year;

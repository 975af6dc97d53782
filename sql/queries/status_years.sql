-- `ogi status`: reports per year, current, superseded and flagged (a current report with a warning);
-- then the editions: files merged into a current report, and readings in conflict with one.
SELECT report_year, count(*) FILTER (WHERE status = 'current') AS current,
       count(*) FILTER (WHERE status = 'superseded') AS superseded,
       count(DISTINCT report_id) FILTER (WHERE status = 'current' AND report_id IN
           (SELECT report_id FROM v_issue WHERE severity = 'warning')) AS flagged,
       count(*) FILTER (WHERE status = 'merged') AS merged,
       count(*) FILTER (WHERE status = 'conflicting') AS conflicting
FROM dim_report GROUP BY ALL ORDER BY report_year;

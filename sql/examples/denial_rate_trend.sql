-- Share of answered applications that were denied (（三）不予公开), granted in full (grant_rate)
-- and granted in full or in part (disclosure_rate), per year and admin level: the metric
-- dictionary's formulas (SELECT * FROM metric), pooled, without its minimum sample.
SELECT report_year, admin_level, count(*) AS reports,
       sum(denied) AS denied, sum(granted) AS granted, sum(partially_granted) AS partially_granted,
       sum(outcome_total) AS answered,
       round(sum(denied) / nullif(sum(outcome_total), 0), 4) AS denial_rate,
       round(sum(granted) / nullif(sum(outcome_total), 0), 4) AS grant_rate,
       round((sum(granted) + sum(partially_granted)) / nullif(sum(outcome_total), 0), 4) AS disclosure_rate
FROM v_application_summary
GROUP BY report_year, admin_level
ORDER BY report_year, admin_level;

-- Share of answered applications that were denied (（三）不予公开) or granted in full or in part,
-- per year and admin level.
SELECT report_year, admin_level, count(*) AS reports,
       sum(denied) AS denied, sum(granted) + sum(partially_granted) AS granted, sum(outcome_total) AS answered,
       round(sum(denied) / nullif(sum(outcome_total), 0), 4) AS denial_rate,
       round((sum(granted) + sum(partially_granted)) / nullif(sum(outcome_total), 0), 4) AS grant_rate
FROM v_application_summary
GROUP BY report_year, admin_level
ORDER BY report_year, admin_level;

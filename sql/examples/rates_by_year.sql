-- Pooled grant and denial rates per year and admin level (metric dictionary: SELECT * FROM metric)
SELECT report_year, admin_level, metric, reports, round(value, 3) AS value
FROM v_rate_by_year
WHERE metric IN ('grant_rate', 'denial_rate')
ORDER BY report_year, admin_level, metric;

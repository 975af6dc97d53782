-- The agencies that received the most new applications, per year.
SELECT report_year, agency_id, agency_name, admin_level, province, prefecture, received_new
FROM v_application_summary
WHERE received_new IS NOT NULL
QUALIFY row_number() OVER (PARTITION BY report_year ORDER BY received_new DESC, agency_id) <= 10
ORDER BY report_year, received_new DESC, agency_id;

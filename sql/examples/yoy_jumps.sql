-- Cells that grew 5-fold or shrank to a fifth against the agency's previous year
SELECT agency_name, report_year, section, quantity, prev_value, value, factor
FROM v_yoy_jump
ORDER BY factor DESC NULLS FIRST;

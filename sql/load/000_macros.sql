-- Helpers of the load's steps (temporary: they end with the loading connection).

-- A cell's value as text, as a report writes it: 4.0000 -> 4, 2.5000 -> 2.5; NULL stays NULL.
CREATE OR REPLACE TEMP MACRO number_text(x) AS rtrim(rtrim(CAST(CAST(x AS DECIMAL(20, 4)) AS VARCHAR), '0'), '.');

-- Every cell of three fact relations (the warehouse's fact tables, or a stage's), named by its
-- frame and its row and column codes: (report_id, tbl, cell, v).
CREATE OR REPLACE TEMP MACRO fact_cells(application, review, proactive) AS TABLE
    SELECT report_id, 'application' AS tbl, item || '/' || applicant_type AS cell, CAST(count AS DECIMAL(20, 4)) AS v
    FROM query_table(application)
    UNION ALL
    SELECT report_id, 'review', proceeding || '/' || result, CAST(count AS DECIMAL(20, 4)) FROM query_table(review)
    UNION ALL
    SELECT report_id, 'proactive', clause || '/' || item || '/' || measure, value FROM query_table(proactive);

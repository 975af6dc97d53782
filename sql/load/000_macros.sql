-- Helpers of the load's steps (temporary: they end with the loading connection).

-- A cell's value as text, as a report writes it: 4.0000 -> 4, 2.5000 -> 2.5; NULL stays NULL.
CREATE OR REPLACE TEMP MACRO number_text(x) AS rtrim(rtrim(CAST(CAST(x AS DECIMAL(20, 4)) AS VARCHAR), '0'), '.');

-- Every cell of three fact relations (the warehouse's fact tables, or a stage's), named by its
-- frame and its row and column codes: (report_id, tbl, cell, v), and as review_decision and
-- edition_cell name it: (fact_table, row_code, column_code).
CREATE OR REPLACE TEMP MACRO fact_cells(application, review, proactive) AS TABLE
    SELECT report_id, 'application' AS tbl, item || '/' || applicant_type AS cell, CAST(count AS DECIMAL(20, 4)) AS v,
           'fact_application' AS fact_table, item AS row_code, applicant_type AS column_code
    FROM query_table(application)
    UNION ALL
    SELECT report_id, 'review', proceeding || '/' || result, CAST(count AS DECIMAL(20, 4)),
           'fact_review_litigation', proceeding, result FROM query_table(review)
    UNION ALL
    SELECT report_id, 'proactive', clause || '/' || item || '/' || measure, value,
           'fact_proactive_disclosure', item, measure FROM query_table(proactive);

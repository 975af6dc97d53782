-- The review files as they are now (stage_review_*, read by pipeline/review.py inside this
-- transaction), after every other step, so a decision meets the facts and flags this load
-- publishes. Fully refreshed: a line removed from the files is gone from the warehouse. Each
-- decision is matched by report_id and the cell's codes (or the flag's rule), never by position,
-- so it outlives a re-parse; one that no longer matches is kept with its outcome, not applied.
-- A decision is bound to the report it was made on: once a revised copy supersedes that report
-- (040_status.sql) the views show the copy, so the decision is report_superseded, not applied,
-- and names the current report to decide on again.
CREATE OR REPLACE TEMP MACRO review_value(x) AS coalesce(number_text(x), 'blank');

DELETE FROM review_file;
INSERT INTO review_file SELECT file, content_sha256, decisions, problems, $now FROM stage_review_file;

DELETE FROM review_problem;
INSERT INTO review_problem SELECT file, line, reason, text FROM stage_review_problem;

DELETE FROM review_decision;
INSERT INTO review_decision
WITH cell AS (
    SELECT 'fact_application' AS fact_table, report_id, item AS row_code, applicant_type AS column_code,
           CAST(count AS DECIMAL(20, 4)) AS value
    FROM fact_application WHERE report_id IN (SELECT report_id FROM stage_review_decision)
    UNION ALL
    SELECT 'fact_review_litigation', report_id, proceeding, result, CAST(count AS DECIMAL(20, 4))
    FROM fact_review_litigation WHERE report_id IN (SELECT report_id FROM stage_review_decision)
    UNION ALL
    SELECT 'fact_proactive_disclosure', report_id, item, measure, value
    FROM fact_proactive_disclosure WHERE report_id IN (SELECT report_id FROM stage_review_decision)
), judged AS (
    SELECT d.*, c.value AS loaded_value, cur.report_id AS current_id, cur.source_file AS current_file,
           CASE WHEN r.report_id IS NULL THEN 'report_missing'
                WHEN r.status = 'superseded' THEN 'report_superseded'
                WHEN d.decision = 'value' AND c.report_id IS NULL THEN 'cell_missing'
                WHEN d.decision = 'value' AND c.value IS DISTINCT FROM d.written_value THEN 'written_value_changed'
                WHEN d.decision <> 'value' AND NOT EXISTS (
                    SELECT 1 FROM report_issue i WHERE i.report_id = d.report_id AND i.rule = d.rule) THEN 'flag_missing'
                ELSE 'applied' END AS outcome
    FROM stage_review_decision d
    LEFT JOIN dim_report r ON r.report_id = d.report_id
    LEFT JOIN dim_report cur ON r.status = 'superseded' AND cur.status = 'current'
                            AND cur.agency_id = r.agency_id AND cur.report_year = r.report_year
    LEFT JOIN cell c ON c.fact_table = d.fact_table AND c.report_id = d.report_id
                    AND c.row_code = d.row_code AND c.column_code = d.column_code
)
SELECT file, line, report_id, decision, fact_table, row_code, column_code, rule, written_value, reviewed_value,
       loaded_value, page, quote, reviewer, reason, outcome,
       CASE outcome
           WHEN 'report_missing' THEN 'no loaded report has id ' || report_id
           WHEN 'report_superseded' THEN 'report ' || report_id || ' is superseded by '
                || coalesce(current_id || ' (' || current_file || ')', 'a newer report of its agency and year')
                || ', the one the views show; not applied until the review file decides on that report'
           WHEN 'cell_missing' THEN 'the report has no cell ' || fact_table || ' ' || row_code || '/' || column_code
           WHEN 'written_value_changed' THEN 'decided against the written value '
                || review_value(written_value) || ', the report now reads '
                || review_value(loaded_value)
                || CASE WHEN loaded_value IS NOT DISTINCT FROM reviewed_value
                        THEN ' (the reviewed value itself: the decision can go)' ELSE '' END
                || '; not applied until the review file says which'
           WHEN 'flag_missing' THEN 'the report has no ' || rule || ' flag'
           ELSE CASE decision WHEN 'value' THEN fact_table || ' ' || row_code || '/' || column_code || ': '
                                                || review_value(loaded_value) || ' as written, '
                                                || review_value(reviewed_value) || ' reviewed'
                              ELSE rule || ' ' || decision END
       END
FROM judged;

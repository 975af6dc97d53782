-- The review files as they are now (stage_review_*, read by pipeline/review.py inside this
-- transaction), after every other step, so a decision meets the facts and flags this load
-- publishes. Fully refreshed: a line removed from the files is gone from the warehouse. Each
-- decision is matched by report_id and the cell's codes (or the flag's rule), never by position,
-- so it outlives a re-parse; one that no longer matches is kept with its outcome, not applied.
-- A decision is bound to the report it was made on: once that reading is no longer current
-- (040_editions.sql: a revised copy supersedes it, a better-read file of the same edition merges
-- it, another conflicts with it) the views show the current one, so the decision is
-- report_superseded, not applied, and names the current report to decide on again. A cell the
-- current report takes from another file of its edition is decided on as the views show it.
CREATE OR REPLACE TEMP MACRO review_value(x) AS coalesce(number_text(x), 'blank');

DELETE FROM review_file;
INSERT INTO review_file SELECT file, content_sha256, decisions, problems, $now FROM stage_review_file;

DELETE FROM review_problem;
INSERT INTO review_problem SELECT file, line, reason, text FROM stage_review_problem;

DELETE FROM review_decision;
INSERT INTO review_decision
WITH decided AS (   -- a decision on a file merged into a current report is a decision on that report
    SELECT d.*, coalesce(s.current_id, d.report_id) AS target FROM stage_review_decision d
    LEFT JOIN edition_source s USING (report_id)
), own AS (
    SELECT 'fact_application' AS fact_table, report_id, item AS row_code, applicant_type AS column_code,
           CAST(count AS DECIMAL(20, 4)) AS value
    FROM fact_application WHERE report_id IN (SELECT target FROM decided)
    UNION ALL
    SELECT 'fact_review_litigation', report_id, proceeding, result, CAST(count AS DECIMAL(20, 4))
    FROM fact_review_litigation WHERE report_id IN (SELECT target FROM decided)
    UNION ALL
    SELECT 'fact_proactive_disclosure', report_id, item, measure, value
    FROM fact_proactive_disclosure WHERE report_id IN (SELECT target FROM decided)
), cell AS (      -- as the views show them: merged with the other files of the report's edition
    SELECT o.fact_table, o.report_id, o.row_code, o.column_code, coalesce(o.value, e.value) AS value
    FROM own o LEFT JOIN edition_cell e ON NOT e.added AND e.report_id = o.report_id AND e.fact_table = o.fact_table
                                        AND e.row_code = o.row_code AND e.column_code = o.column_code
    UNION ALL
    SELECT fact_table, report_id, row_code, column_code, value FROM edition_cell
    WHERE added AND report_id IN (SELECT target FROM decided)
), checked AS (
    SELECT d.*, c.value AS loaded_value, cur.report_id AS current_id, cur.source_file AS current_file,
           r.status AS report_status,
           CASE WHEN r.report_id IS NULL THEN 'report_missing'
                WHEN r.status NOT IN ('current', 'merged') THEN 'report_superseded'
                WHEN d.decision = 'value' AND c.report_id IS NULL THEN 'cell_missing'
                WHEN d.decision = 'value' AND c.value IS DISTINCT FROM d.written_value THEN 'written_value_changed'
                WHEN d.decision <> 'value' AND NOT EXISTS (
                    SELECT 1 FROM report_issue i WHERE i.report_id = d.target AND i.rule = d.rule) THEN 'flag_missing'
                ELSE 'applied' END AS outcome
    FROM decided d
    LEFT JOIN dim_report r ON r.report_id = d.report_id
    LEFT JOIN dim_report cur ON r.status NOT IN ('current', 'merged') AND cur.status = 'current'
                            AND cur.agency_id = r.agency_id AND cur.report_year = r.report_year
    LEFT JOIN cell c ON c.fact_table = d.fact_table AND c.report_id = d.target
                    AND c.row_code = d.row_code AND c.column_code = d.column_code
), judged AS (    -- two files of one report decided on the same cell or flag: neither applies
    SELECT * REPLACE (CASE WHEN outcome = 'applied' AND count(*) FILTER (outcome = 'applied') OVER (
                               PARTITION BY target, fact_table, row_code, column_code, rule) > 1
                           THEN 'decided_twice' ELSE outcome END AS outcome)
    FROM checked
)
SELECT file, line, report_id, decision, fact_table, row_code, column_code, rule, written_value, reviewed_value,
       loaded_value, page, quote, reviewer, reason, outcome,
       CASE outcome
           WHEN 'report_missing' THEN 'no loaded report has id ' || report_id
           WHEN 'report_superseded' THEN 'report ' || report_id || ' is ' || report_status || ', the current report is '
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
           WHEN 'decided_twice' THEN 'another line decides on the same cell or flag of report ' || target
                || ' (read from several files, each decided on): neither applies until one line goes'
           ELSE CASE decision WHEN 'value' THEN fact_table || ' ' || row_code || '/' || column_code || ': '
                                                || review_value(loaded_value) || ' as written, '
                                                || review_value(reviewed_value) || ' reviewed'
                              ELSE rule || ' ' || decision END
       END
FROM judged;

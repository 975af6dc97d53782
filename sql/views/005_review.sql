-- The facts and flags as reviewed: every analyst view reads these, never the fact tables or
-- report_issue directly. A cell is first as written, merged across the files of its report's
-- edition (a cell the report's own file leaves blank or lacks is taken from another file of it:
-- edition_cell); a cell with an applied decision (review_decision.outcome = 'applied') then shows
-- the reviewed value, beside the written one; a dismissed flag is left out. With no decisions and
-- one file per report they are the tables as loaded.

CREATE OR REPLACE VIEW v_applied_decision AS
SELECT coalesce(s.current_id, d.report_id) AS report_id, d.report_id AS decided_on,
       d.decision, d.fact_table, d.row_code, d.column_code, d.rule, d.reviewed_value, d.loaded_value, d.page,
       d.quote, d.reviewer, d.reason, d.file, d.line
FROM review_decision d LEFT JOIN edition_source s USING (report_id)
WHERE d.outcome = 'applied';
COMMENT ON VIEW v_applied_decision IS 'The review decisions that apply, each on the current report it applies to: a decision made on a file merged into a current report (edition_source) applies to that report';
COMMENT ON COLUMN v_applied_decision.report_id IS 'The current report the decision applies to (dim_report.report_id)';
COMMENT ON COLUMN v_applied_decision.decided_on IS 'The report the review file names (review_decision.report_id): the current one, or a file merged into it';
COMMENT ON COLUMN v_applied_decision.decision IS 'review_decision.decision';
COMMENT ON COLUMN v_applied_decision.fact_table IS 'review_decision.fact_table';
COMMENT ON COLUMN v_applied_decision.row_code IS 'review_decision.row_code';
COMMENT ON COLUMN v_applied_decision.column_code IS 'review_decision.column_code';
COMMENT ON COLUMN v_applied_decision.rule IS 'review_decision.rule';
COMMENT ON COLUMN v_applied_decision.reviewed_value IS 'review_decision.reviewed_value';
COMMENT ON COLUMN v_applied_decision.loaded_value IS 'review_decision.loaded_value';
COMMENT ON COLUMN v_applied_decision.page IS 'review_decision.page';
COMMENT ON COLUMN v_applied_decision.quote IS 'review_decision.quote';
COMMENT ON COLUMN v_applied_decision.reviewer IS 'review_decision.reviewer';
COMMENT ON COLUMN v_applied_decision.reason IS 'review_decision.reason';
COMMENT ON COLUMN v_applied_decision.file IS 'review_decision.file';
COMMENT ON COLUMN v_applied_decision.line IS 'review_decision.line';

CREATE OR REPLACE VIEW v_fact_application AS
SELECT f.report_id, f.item, f.applicant_type,
       CASE WHEN d.report_id IS NULL THEN f.count ELSE CAST(d.reviewed_value AS BIGINT) END AS count,
       f.count AS written_count, d.report_id IS NOT NULL AS reviewed
FROM (SELECT f.report_id, f.item, f.applicant_type, coalesce(f.count, CAST(e.value AS BIGINT)) AS count
      FROM fact_application f
      LEFT JOIN edition_cell e ON NOT e.added AND e.fact_table = 'fact_application' AND e.report_id = f.report_id
                              AND e.row_code = f.item AND e.column_code = f.applicant_type
      UNION ALL
      SELECT e.report_id, e.row_code, e.column_code, CAST(e.value AS BIGINT) FROM edition_cell e
      WHERE e.fact_table = 'fact_application' AND e.added) f
LEFT JOIN (SELECT report_id, row_code, column_code, reviewed_value FROM v_applied_decision
           WHERE fact_table = 'fact_application') d
       ON d.report_id = f.report_id AND d.row_code = f.item AND d.column_code = f.applicant_type;
COMMENT ON VIEW v_fact_application IS 'fact_application with reviewed values: count is the reviewed value where a review decision applies (reviewed = true), else the value as written';
COMMENT ON COLUMN v_fact_application.report_id IS 'The report (dim_report.report_id)';
COMMENT ON COLUMN v_fact_application.item IS 'dim_application_item.code';
COMMENT ON COLUMN v_fact_application.applicant_type IS 'dim_applicant_type.code';
COMMENT ON COLUMN v_fact_application.count IS 'The reviewed value where a decision applies, else as written; NULL when blank';
COMMENT ON COLUMN v_fact_application.written_count IS 'The value as written (fact_application.count; where the report''s own file leaves it blank or lacks it, as another file of its edition states it: edition_cell)';
COMMENT ON COLUMN v_fact_application.reviewed IS 'True when a review decision gives this cell''s value (v_reviewed_cell says who and why)';

CREATE OR REPLACE VIEW v_fact_review_litigation AS
SELECT f.report_id, f.proceeding, f.result,
       CASE WHEN d.report_id IS NULL THEN f.count ELSE CAST(d.reviewed_value AS BIGINT) END AS count,
       f.count AS written_count, d.report_id IS NOT NULL AS reviewed
FROM (SELECT f.report_id, f.proceeding, f.result, coalesce(f.count, CAST(e.value AS BIGINT)) AS count
      FROM fact_review_litigation f
      LEFT JOIN edition_cell e ON NOT e.added AND e.fact_table = 'fact_review_litigation' AND e.report_id = f.report_id
                              AND e.row_code = f.proceeding AND e.column_code = f.result
      UNION ALL
      SELECT e.report_id, e.row_code, e.column_code, CAST(e.value AS BIGINT) FROM edition_cell e
      WHERE e.fact_table = 'fact_review_litigation' AND e.added) f
LEFT JOIN (SELECT report_id, row_code, column_code, reviewed_value FROM v_applied_decision
           WHERE fact_table = 'fact_review_litigation') d
       ON d.report_id = f.report_id AND d.row_code = f.proceeding AND d.column_code = f.result;
COMMENT ON VIEW v_fact_review_litigation IS 'fact_review_litigation with reviewed values: count is the reviewed value where a review decision applies (reviewed = true), else the value as written';
COMMENT ON COLUMN v_fact_review_litigation.report_id IS 'The report (dim_report.report_id)';
COMMENT ON COLUMN v_fact_review_litigation.proceeding IS 'dim_proceeding.code';
COMMENT ON COLUMN v_fact_review_litigation.result IS 'dim_review_result.code';
COMMENT ON COLUMN v_fact_review_litigation.count IS 'The reviewed value where a decision applies, else as written; NULL when blank';
COMMENT ON COLUMN v_fact_review_litigation.written_count IS 'The value as written (fact_review_litigation.count; where the report''s own file leaves it blank or lacks it, as another file of its edition states it: edition_cell)';
COMMENT ON COLUMN v_fact_review_litigation.reviewed IS 'True when a review decision gives this cell''s value (v_reviewed_cell says who and why)';

CREATE OR REPLACE VIEW v_fact_proactive_disclosure AS
SELECT f.report_id, f.clause, f.item, f.measure,
       CASE WHEN d.report_id IS NULL THEN f.value ELSE d.reviewed_value END AS value,
       f.value AS written_value, d.report_id IS NOT NULL AS reviewed
FROM (SELECT f.report_id, f.clause, f.item, f.measure, coalesce(f.value, e.value) AS value
      FROM fact_proactive_disclosure f
      LEFT JOIN edition_cell e ON NOT e.added AND e.fact_table = 'fact_proactive_disclosure' AND e.report_id = f.report_id
                              AND e.row_code = f.item AND e.column_code = f.measure
      UNION ALL
      SELECT e.report_id, i."group", e.row_code, e.column_code, e.value FROM edition_cell e
      JOIN dim_disclosure_item i ON i.code = e.row_code WHERE e.fact_table = 'fact_proactive_disclosure' AND e.added) f
LEFT JOIN (SELECT report_id, row_code, column_code, reviewed_value FROM v_applied_decision
           WHERE fact_table = 'fact_proactive_disclosure') d
       ON d.report_id = f.report_id AND d.row_code = f.item AND d.column_code = f.measure;
COMMENT ON VIEW v_fact_proactive_disclosure IS 'fact_proactive_disclosure with reviewed values: value is the reviewed value where a review decision applies (reviewed = true), else the value as written';
COMMENT ON COLUMN v_fact_proactive_disclosure.report_id IS 'The report (dim_report.report_id)';
COMMENT ON COLUMN v_fact_proactive_disclosure.clause IS '第二十条 clause: art20_1 | art20_5 | art20_6 | art20_8 | art20_9';
COMMENT ON COLUMN v_fact_proactive_disclosure.item IS 'dim_disclosure_item.code';
COMMENT ON COLUMN v_fact_proactive_disclosure.measure IS 'dim_disclosure_measure.code';
COMMENT ON COLUMN v_fact_proactive_disclosure.value IS 'The reviewed value where a decision applies, else as written (amounts in yuan); NULL when blank';
COMMENT ON COLUMN v_fact_proactive_disclosure.written_value IS 'The value as written (fact_proactive_disclosure.value; where the report''s own file leaves it blank or lacks it, as another file of its edition states it: edition_cell)';
COMMENT ON COLUMN v_fact_proactive_disclosure.reviewed IS 'True when a review decision gives this cell''s value (v_reviewed_cell says who and why)';

CREATE OR REPLACE VIEW v_issue AS
SELECT i.report_id, i.rule, i.severity, i.detail, d.reviewer AS confirmed_by, d.reason AS confirmed_because
FROM report_issue i
LEFT JOIN (SELECT report_id, rule, decision, reviewer, reason FROM v_applied_decision
           WHERE decision IN ('confirmed', 'dismissed')) d
       ON d.report_id = i.report_id AND d.rule = i.rule
WHERE d.decision IS DISTINCT FROM 'dismissed';
COMMENT ON VIEW v_issue IS 'report_issue without the flags a review decision dismissed (review_decision, decision = dismissed); a confirmed flag says by whom';
COMMENT ON COLUMN v_issue.report_id IS 'The flagged report (dim_report.report_id)';
COMMENT ON COLUMN v_issue.rule IS 'report_issue.rule';
COMMENT ON COLUMN v_issue.severity IS 'warning | info';
COMMENT ON COLUMN v_issue.detail IS 'Readable explanation with the numbers involved';
COMMENT ON COLUMN v_issue.confirmed_by IS 'The reviewer who confirmed the flag; NULL when no one has';
COMMENT ON COLUMN v_issue.confirmed_because IS 'Why it was confirmed';

CREATE OR REPLACE VIEW v_reviewed_cell AS
SELECT d.report_id, r.agency_name, r.report_year, r.status, d.fact_table, d.row_code, d.column_code,
       d.loaded_value AS written_value, d.reviewed_value, d.page, d.quote, d.reviewer, d.reason, d.file, d.line
FROM v_applied_decision d JOIN dim_report r USING (report_id)
WHERE d.decision = 'value';
COMMENT ON VIEW v_reviewed_cell IS 'Every fact cell whose value a review decision gives: the value as written, the reviewed value, the evidence, who and why (stale decisions: review_decision WHERE outcome <> ''applied'')';
COMMENT ON COLUMN v_reviewed_cell.report_id IS 'The report (dim_report.report_id)';
COMMENT ON COLUMN v_reviewed_cell.agency_name IS 'The agency name as the report spells it';
COMMENT ON COLUMN v_reviewed_cell.report_year IS 'Statistics year';
COMMENT ON COLUMN v_reviewed_cell.status IS 'Always current: a decision on a superseded report is not applied (review_decision.outcome = report_superseded)';
COMMENT ON COLUMN v_reviewed_cell.fact_table IS 'fact_application | fact_review_litigation | fact_proactive_disclosure';
COMMENT ON COLUMN v_reviewed_cell.row_code IS 'item, or proceeding for fact_review_litigation';
COMMENT ON COLUMN v_reviewed_cell.column_code IS 'applicant_type, result or measure';
COMMENT ON COLUMN v_reviewed_cell.written_value IS 'The value as written (in the fact table); NULL when blank';
COMMENT ON COLUMN v_reviewed_cell.reviewed_value IS 'The value the views use; NULL when the reviewer found the cell blank';
COMMENT ON COLUMN v_reviewed_cell.page IS 'Evidence: page of the source';
COMMENT ON COLUMN v_reviewed_cell.quote IS 'Evidence: the words or figures of the source';
COMMENT ON COLUMN v_reviewed_cell.reviewer IS 'Who decided';
COMMENT ON COLUMN v_reviewed_cell.reason IS 'Why';
COMMENT ON COLUMN v_reviewed_cell.file IS 'Review file of the decision';
COMMENT ON COLUMN v_reviewed_cell.line IS 'Its line in that file';

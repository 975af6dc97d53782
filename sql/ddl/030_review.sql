-- Review decisions (data/review/*.csv, read by pipeline/review.py), refreshed from the files on
-- every load (sql/load/080_review.sql). The fact tables keep the numbers as written; the v_fact_*
-- views (sql/views/005_review.sql) and every analyst view built on them take a reviewed value
-- where a decision applies, and v_issue leaves out the dismissed flags.

CREATE TABLE IF NOT EXISTS review_file (
    file            VARCHAR PRIMARY KEY,
    content_sha256  VARCHAR,
    decisions       INTEGER,
    problems        INTEGER,
    loaded_at       TIMESTAMP
);
COMMENT ON TABLE review_file IS 'The review files the last load read: a run whose review files differ from these publishes even when no raw file changed';
COMMENT ON COLUMN review_file.file IS 'File name in the review directory (data/review/ or $OGI_REVIEW_DIR)';
COMMENT ON COLUMN review_file.content_sha256 IS 'SHA-256 of the file''s bytes';
COMMENT ON COLUMN review_file.decisions IS 'Lines of the file that are decisions (review_decision), whatever their outcome';
COMMENT ON COLUMN review_file.problems IS 'Lines of the file that are not decisions (review_problem)';
COMMENT ON COLUMN review_file.loaded_at IS 'When the load that read it ran';

CREATE TABLE IF NOT EXISTS review_decision (
    file            VARCHAR,
    line            INTEGER,
    report_id       VARCHAR,
    decision        VARCHAR,
    fact_table      VARCHAR,
    row_code        VARCHAR,
    column_code     VARCHAR,
    rule            VARCHAR,
    written_value   DECIMAL(20, 4),
    reviewed_value  DECIMAL(20, 4),
    loaded_value    DECIMAL(20, 4),
    page            VARCHAR,
    quote           VARCHAR,
    reviewer        VARCHAR,
    reason          VARCHAR,
    outcome         VARCHAR,
    outcome_detail  VARCHAR
);
COMMENT ON TABLE review_decision IS 'One row per decision line of the review files, with what the last load made of it (outcome). Only outcome = applied changes a view; any other outcome is stale and listed by ogi status';
COMMENT ON COLUMN review_decision.file IS 'Review file name (review_file.file)';
COMMENT ON COLUMN review_decision.line IS 'Line of the decision in its file (1 is the header)';
COMMENT ON COLUMN review_decision.report_id IS 'The report decided on (dim_report.report_id: a content hash, the same across re-parses)';
COMMENT ON COLUMN review_decision.decision IS 'value (a cell''s true value) | confirmed | dismissed (a flag)';
COMMENT ON COLUMN review_decision.fact_table IS 'fact_application | fact_review_litigation | fact_proactive_disclosure; NULL for a flag';
COMMENT ON COLUMN review_decision.row_code IS 'The cell''s row: item (fact_application, fact_proactive_disclosure) or proceeding (fact_review_litigation); NULL for a flag';
COMMENT ON COLUMN review_decision.column_code IS 'The cell''s column: applicant_type, measure or result; NULL for a flag';
COMMENT ON COLUMN review_decision.rule IS 'The flag decided on (report_issue.rule: every flag of that rule on the report); NULL for a cell';
COMMENT ON COLUMN review_decision.written_value IS 'The written value the decision was made against, as the review file records it (NULL: a blank cell)';
COMMENT ON COLUMN review_decision.reviewed_value IS 'The cell''s true value per the reviewer (NULL: the cell is blank in the report); what the views show when outcome = applied';
COMMENT ON COLUMN review_decision.loaded_value IS 'The cell''s value in the fact table at this load (as parsed); NULL when blank or missing';
COMMENT ON COLUMN review_decision.page IS 'Evidence: the page of the source document';
COMMENT ON COLUMN review_decision.quote IS 'Evidence: the words or figures of the source that show the value';
COMMENT ON COLUMN review_decision.reviewer IS 'Who decided';
COMMENT ON COLUMN review_decision.reason IS 'Why';
COMMENT ON COLUMN review_decision.outcome IS 'applied | report_missing (no loaded report has this id) | report_superseded (a newer report of the same agency and year replaced it: the views show that one; decide again on it) | cell_missing (the report has no such cell) | written_value_changed (the loaded value is not the written_value the decision was made against: not applied until the file is updated) | flag_missing (the report has no flag of this rule)';
COMMENT ON COLUMN review_decision.outcome_detail IS 'The outcome in words, with the values involved';

CREATE TABLE IF NOT EXISTS review_problem (
    file    VARCHAR,
    line    INTEGER,
    reason  VARCHAR,
    text    VARCHAR
);
COMMENT ON TABLE review_problem IS 'Lines of the review files that are no decision (a bad header, an unknown table or code, a value that is no number, a cell decided twice …); the run goes on and the other lines apply';
COMMENT ON COLUMN review_problem.file IS 'Review file name';
COMMENT ON COLUMN review_problem.line IS 'Line in the file (1: the header, or the whole file)';
COMMENT ON COLUMN review_problem.reason IS 'What is wrong, in words';
COMMENT ON COLUMN review_problem.text IS 'The line as written (first 200 characters); NULL for a whole-file problem or a conflict';

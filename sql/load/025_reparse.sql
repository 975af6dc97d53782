-- Reports an older parser read, read again by this run (pipeline/scan.py staged their files): they
-- are replaced in this same publish, so the warehouse is what a fresh ingest with today's parser
-- would build, and report_reparse says what changed. Chosen under the writer lock, as new_reports
-- is: a rival that re-parsed them first leaves nothing to replace.
CREATE TEMP TABLE reparsed AS
SELECT DISTINCT ON (s.content_sha256) s.*, d.parser_version AS old_version, d.agency_id AS old_agency_id
FROM stage_reports s JOIN dim_report d USING (report_id)
WHERE d.parser_version IS DISTINCT FROM s.parser_version
ORDER BY s.content_sha256, s.source_file;

-- Loaded content that today's parser quarantines (a truncation it now detects, a contract it now
-- breaks) leaves the warehouse; its quarantine row says why. A file that could not be read this
-- time is no verdict on its content: that report stays, and is tried again on the next run.
CREATE TEMP TABLE retracted AS
SELECT DISTINCT ON (d.report_id) d.report_id, d.agency_id AS old_agency_id, d.parser_version AS old_version,
       q.reason, q.detail
FROM dim_report d JOIN stage_quarantine q USING (content_sha256)
WHERE d.parser_version IS DISTINCT FROM $parser_version AND q.reason NOT IN ('unreadable', 'not_a_regular_file')
ORDER BY d.report_id, q.source_file;

-- Every cell of the replaced reports, before and after, as (table, cell) -> value.
CREATE TEMP TABLE reparse_cells AS
WITH old AS (
    SELECT * FROM fact_cells('fact_application', 'fact_review_litigation', 'fact_proactive_disclosure')
    WHERE report_id IN (SELECT report_id FROM reparsed UNION ALL SELECT report_id FROM retracted)
), new AS (
    SELECT * FROM fact_cells('stage_application', 'stage_review', 'stage_proactive')
    WHERE report_id IN (SELECT report_id FROM reparsed)
)
SELECT coalesce(o.report_id, n.report_id) AS report_id, coalesce(o.tbl, n.tbl) AS tbl,
       coalesce(o.cell, n.cell) AS cell, o.cell IS NOT NULL AS was, n.cell IS NOT NULL AS now_, o.v AS old_v, n.v AS new_v
FROM old o FULL JOIN new n ON o.report_id = n.report_id AND o.tbl = n.tbl AND o.cell = n.cell
WHERE o.cell IS NULL OR n.cell IS NULL OR o.v IS DISTINCT FROM n.v;

-- Flags the parser raised, before and after (continuity and disclosure_chain are the load's own,
-- recomputed below for every touched agency).
CREATE TEMP TABLE reparse_flags AS
WITH old AS (SELECT report_id, rule, detail FROM report_issue
             WHERE report_id IN (SELECT report_id FROM reparsed UNION ALL SELECT report_id FROM retracted)
               AND rule NOT IN ('continuity', 'disclosure_chain')),
     new AS (SELECT report_id, rule, detail FROM stage_issues WHERE report_id IN (SELECT report_id FROM reparsed))
SELECT *, 'added' AS change FROM (SELECT * FROM new EXCEPT ALL SELECT * FROM old)
UNION ALL
SELECT *, 'removed' FROM (SELECT * FROM old EXCEPT ALL SELECT * FROM new);

CREATE OR REPLACE TEMP MACRO cell_text(v, present) AS
    CASE WHEN NOT present THEN 'absent' ELSE coalesce(number_text(v), 'NULL') END;

INSERT INTO report_reparse
WITH replaced AS (
    SELECT p.report_id, p.old_version, p.parser_version AS new_version, 'reparsed' AS outcome,
           list_filter([CASE WHEN d.agency_id IS DISTINCT FROM p.agency_id THEN 'agency_id' END,
                        CASE WHEN d.agency_name IS DISTINCT FROM p.agency_name THEN 'agency_name' END,
                        CASE WHEN d.report_year IS DISTINCT FROM p.report_year THEN 'report_year' END,
                        CASE WHEN d.title_year IS DISTINCT FROM p.title_year THEN 'title_year' END,
                        CASE WHEN d.template_version IS DISTINCT FROM p.template_version THEN 'template_version' END,
                        CASE WHEN d.published_on IS DISTINCT FROM p.published_on THEN 'published_on' END],
                       lambda f: f IS NOT NULL) AS fields_changed
    FROM reparsed p JOIN dim_report d USING (report_id)
    UNION ALL
    SELECT report_id, old_version, $parser_version, 'quarantined: ' || reason || ' (' || detail || ')', []
    FROM retracted
)
SELECT r.report_id, r.old_version, r.new_version, $now, r.outcome, r.fields_changed,
       (SELECT count(*) FROM reparse_cells c WHERE c.report_id = r.report_id AND c.was AND c.now_),
       (SELECT count(*) FROM reparse_cells c WHERE c.report_id = r.report_id AND NOT c.was),
       (SELECT count(*) FROM reparse_cells c WHERE c.report_id = r.report_id AND NOT c.now_),
       coalesce((SELECT list(rule ORDER BY rule) FROM reparse_flags g WHERE g.report_id = r.report_id AND change = 'added'), []),
       coalesce((SELECT list(rule ORDER BY rule) FROM reparse_flags g WHERE g.report_id = r.report_id AND change = 'removed'), []),
       coalesce((SELECT list(c.tbl || ' ' || c.cell || ': ' || cell_text(c.old_v, c.was) || ' -> ' || cell_text(c.new_v, c.now_)
                             ORDER BY c.tbl, c.cell)[1:20]
                 FROM reparse_cells c WHERE c.report_id = r.report_id), [])
FROM replaced r;

-- Out with the old reading; the new one's facts go in with the new reports' (027_facts.sql).
DELETE FROM fact_application WHERE report_id IN (SELECT report_id FROM reparsed UNION ALL SELECT report_id FROM retracted);
DELETE FROM fact_review_litigation WHERE report_id IN (SELECT report_id FROM reparsed UNION ALL SELECT report_id FROM retracted);
DELETE FROM fact_proactive_disclosure WHERE report_id IN (SELECT report_id FROM reparsed UNION ALL SELECT report_id FROM retracted);
DELETE FROM report_issue WHERE report_id IN (SELECT report_id FROM reparsed UNION ALL SELECT report_id FROM retracted);
DELETE FROM dim_report WHERE report_id IN (SELECT report_id FROM retracted);

UPDATE dim_report SET agency_id = p.agency_id, agency_name = p.agency_name, report_year = p.report_year,
    title_year = p.title_year, template_version = p.template_version, published_on = p.published_on,
    parser_version = p.parser_version, read_method = p.read_method, ocr_pages = p.ocr_pages,
    ocr_confidence = p.ocr_confidence, ocr_seconds = p.ocr_seconds
FROM reparsed p WHERE dim_report.report_id = p.report_id;

-- One current report per agency and year, read from every file that agrees with it
-- (docs/design.md, "Editions"). The statuses, edition_source, edition_cell and the
-- conflicting_editions flag are a function of the readings the warehouse holds (their cells,
-- the parser's warnings, their dates) and of which of their files are still there: never of the
-- order or the night the files arrived in, nor of their names. Recomputed for the agencies this
-- load touches (027_facts.sql) only: that keeps a 1% nightly run from rewriting everything.
CREATE TEMP TABLE status_before AS
SELECT report_id, status FROM dim_report WHERE agency_id IN (SELECT agency_id FROM touched_agency);

-- The touched readings. One whose files are all gone takes no part while another reading of its
-- agency and year still has one (removing a source re-merges from the rest); with none left they
-- all take part (a removed source is not a retraction).
CREATE TEMP TABLE reading AS
WITH r AS (
    SELECT d.report_id, d.agency_id, d.report_year, d.published_on, coalesce(f.present, false) AS present
    FROM dim_report d
    LEFT JOIN (SELECT content_sha256, bool_or(removed_at IS NULL) AS present FROM source_file GROUP BY ALL) f
           USING (content_sha256)
    WHERE d.agency_id IN (SELECT agency_id FROM touched_agency)
)
SELECT *, present OR NOT bool_or(present) OVER (PARTITION BY agency_id, report_year) AS takes_part FROM r;

-- Readings that share their agency and year with another, and their cells.
CREATE TEMP TABLE contender AS
SELECT * EXCLUDE (n) FROM (SELECT *, count(*) OVER (PARTITION BY agency_id, report_year) AS n
                           FROM reading WHERE takes_part)
WHERE n > 1;

CREATE TEMP TABLE contender_cell AS
SELECT * FROM fact_cells('fact_application', 'fact_review_litigation', 'fact_proactive_disclosure')
WHERE report_id IN (SELECT report_id FROM contender);

-- Two readings disagree where both state a cell and the numbers differ (a blank agrees with anything).
CREATE TEMP TABLE disagreement AS
SELECT a.report_id AS a, b.report_id AS b,
       list(a.tbl || ' ' || a.cell || ': ' || number_text(a.v) || ' vs ' || number_text(b.v) ORDER BY a.tbl, a.cell) AS cells
FROM contender ra
JOIN contender rb ON rb.agency_id = ra.agency_id AND rb.report_year = ra.report_year AND rb.report_id <> ra.report_id
JOIN contender_cell a ON a.report_id = ra.report_id
JOIN contender_cell b ON b.report_id = rb.report_id AND b.tbl = a.tbl AND b.cell = a.cell
WHERE a.v <> b.v
GROUP BY ALL;

-- A reading is revised when one with a later date states other numbers. The others are ranked:
-- better read first (more cells stated, then fewer of the parser's own warnings; the flags the
-- load computes from other reports do not count), the content hash last, so a tie is broken the
-- same way whatever the order of arrival.
CREATE TEMP TABLE ranked AS
WITH scored AS (
    SELECT c.*,
           (SELECT count(x.v) FROM contender_cell x WHERE x.report_id = c.report_id) AS stated,
           (SELECT count(*) FROM report_issue i WHERE i.report_id = c.report_id AND i.severity = 'warning'
              AND i.rule NOT IN ('continuity', 'disclosure_chain', 'conflicting_editions')) AS warnings,
           EXISTS (SELECT 1 FROM disagreement d JOIN contender y ON y.report_id = d.b
                   WHERE d.a = c.report_id AND y.published_on > c.published_on) AS revised
    FROM contender c
)
SELECT *, row_number() OVER (PARTITION BY agency_id, report_year
                             ORDER BY revised, stated DESC, warnings, report_id) AS rank
FROM scored;

-- The first ranked is current; a reading is merged into it when it agrees with it and with every
-- better-ranked reading that does (so no two sources of a report disagree); an unrevised reading
-- that does not is conflicting.
CREATE TEMP TABLE edition AS
WITH joined AS (
    SELECT r.*, h.report_id AS head,
           NOT EXISTS (SELECT 1 FROM disagreement d WHERE d.a = r.report_id AND d.b = h.report_id) AS agrees
    FROM ranked r JOIN ranked h ON h.agency_id = r.agency_id AND h.report_year = r.report_year AND h.rank = 1
)
SELECT j.report_id, j.head, j.rank,
       CASE WHEN j.rank = 1 THEN 'current'
            WHEN j.revised THEN 'superseded'
            WHEN j.agrees AND NOT EXISTS (
                SELECT 1 FROM disagreement d JOIN joined y ON y.report_id = d.b
                WHERE d.a = j.report_id AND y.agrees AND NOT y.revised AND y.rank < j.rank) THEN 'merged'
            ELSE 'conflicting' END AS status
FROM joined j;

UPDATE dim_report SET status = CASE WHEN NOT r.takes_part THEN 'removed' ELSE coalesce(e.status, 'current') END
FROM reading r LEFT JOIN edition e USING (report_id)
WHERE dim_report.report_id = r.report_id;

-- A current report's sources: itself and the readings merged into it.
DELETE FROM edition_source WHERE report_id IN (SELECT report_id FROM reading)
   OR report_id NOT IN (SELECT report_id FROM dim_report);
INSERT INTO edition_source
SELECT d.report_id, coalesce(e.head, d.report_id) FROM dim_report d LEFT JOIN edition e USING (report_id)
WHERE d.report_id IN (SELECT report_id FROM reading) AND d.status IN ('current', 'merged');

-- The cells a current report's own file leaves blank or lacks, from the best-ranked source stating them.
DELETE FROM edition_cell WHERE report_id IN (SELECT report_id FROM reading)
   OR report_id NOT IN (SELECT report_id FROM dim_report);
INSERT INTO edition_cell
WITH source_cell AS (
    SELECT e.head, e.rank, c.* FROM edition e JOIN contender_cell c USING (report_id) WHERE e.status = 'merged'
)
SELECT DISTINCT ON (s.head, s.fact_table, s.row_code, s.column_code)
       s.head, s.fact_table, s.row_code, s.column_code, s.v, s.report_id, o.report_id IS NULL
FROM source_cell s
LEFT JOIN contender_cell o ON o.report_id = s.head AND o.tbl = s.tbl AND o.cell = s.cell
WHERE o.report_id IS NULL OR (o.v IS NULL AND s.v IS NOT NULL)
ORDER BY s.head, s.fact_table, s.row_code, s.column_code, s.v IS NULL, s.rank;

-- The current report of an agency and year some reading of which states other numbers, that no
-- date tells apart, is flagged with the cells that differ (its number first), naming the other
-- reading by a file of it the raw directory holds (the first by path: its first file may be gone,
-- and the flag must read the same whatever order the files came in).
DELETE FROM report_issue WHERE rule = 'conflicting_editions' AND report_id IN (SELECT report_id FROM reading);
INSERT INTO report_issue
WITH differs AS (
    SELECT e.head, e.report_id,
           list_sort(list_distinct(flatten(list(d.cells)))) AS cells
    FROM edition e
    JOIN disagreement d ON d.b = e.report_id
    JOIN edition s ON s.report_id = d.a AND s.status IN ('current', 'merged')
    WHERE e.status = 'conflicting'
    GROUP BY ALL
)
SELECT f.head, 'conflicting_editions', 'warning',
       string_agg(coalesce(named.path, r.source_file) || ' (report ' || f.report_id || ') states other numbers, here vs there: '
                  || array_to_string(f.cells[1:10], '; ')
                  || CASE WHEN len(f.cells) > 10 THEN ' (+' || (len(f.cells) - 10) || ' more)' ELSE '' END,
                  ' | ' ORDER BY f.report_id)
       || '; no date tells them apart, so this better-read file stays current'
FROM differs f JOIN dim_report r ON r.report_id = f.report_id
LEFT JOIN (SELECT content_sha256, min(source_file) AS path FROM source_file WHERE removed_at IS NULL GROUP BY ALL) named
    USING (content_sha256)
GROUP BY f.head;

-- One current report per agency and year: the latest loaded (then the newest file) wins.
-- Recomputed for the agencies this load touches (027_facts.sql) only: that keeps a 1% nightly
-- run from rewriting everything.
UPDATE dim_report SET status = CASE WHEN ranked.rn = 1 THEN 'current' ELSE 'superseded' END
FROM (SELECT r.report_id, row_number() OVER (PARTITION BY r.agency_id, r.report_year
             ORDER BY r.ingested_at DESC, f.mtime_ns DESC NULLS LAST, r.source_file DESC) AS rn
      FROM dim_report r LEFT JOIN (SELECT content_sha256, max(mtime_ns) AS mtime_ns FROM source_file
                                   GROUP BY ALL) f USING (content_sha256)
      WHERE r.agency_id IN (SELECT agency_id FROM touched_agency)) ranked
WHERE dim_report.report_id = ranked.report_id;

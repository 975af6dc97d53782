-- What became of each file of the run's listing, once each, so the counts add up to the files
-- seen: loaded (its content is a report this load added), duplicate (another copy of such
-- content), quarantined (staged as a quarantine row); the rest is unchanged (content already
-- loaded or quarantined, possibly by a rival run that published first).
-- flagged: a current report with a warning flag no review dismissed (v_report.warnings > 0); the
-- run counts those among the reports it loaded or re-read, warehouse_flagged all of them, as
-- `ogi status` does. continuity: the carried-over breaks this load found (new flags).
-- v_report's flag and file counts are correlated subqueries over the whole warehouse: read once
-- (each count over the view computed them again, a second of a 1 % run on 100k reports).
WITH current_report AS MATERIALIZED (SELECT report_id, warnings, files FROM v_report)
SELECT count(*) AS files_seen,
       count(*) FILTER (outcome = 'loaded') AS loaded,
       count(*) FILTER (outcome = 'duplicate') AS duplicates,
       count(*) FILTER (outcome = 'quarantined') AS quarantined,
       count(*) FILTER (outcome IS NULL) AS unchanged,
       (SELECT count(*) FROM current_report WHERE warnings > 0 AND report_id IN
           (SELECT report_id FROM new_reports UNION ALL SELECT report_id FROM reparsed)) AS flagged,
       (SELECT count(*) FROM (SELECT report_id, detail FROM report_issue WHERE rule = 'continuity'
                              EXCEPT SELECT report_id, detail FROM continuity_before)) AS continuity,
       (SELECT count(*) FROM current_report) AS warehouse_current,
       (SELECT count(*) FROM current_report WHERE warnings > 0) AS warehouse_flagged,
       (SELECT count(*) FROM current_report WHERE files > 1) AS warehouse_multi_file,
       (SELECT count(DISTINCT report_id) FROM v_issue JOIN current_report USING (report_id)
        WHERE rule = 'conflicting_editions') AS warehouse_conflicting,
       (SELECT count(*) FROM v_issue JOIN current_report USING (report_id) WHERE rule = 'continuity') AS warehouse_continuity,
       (SELECT count(*) FROM quarantine) AS warehouse_quarantined,
       (SELECT count(*) FROM source_file WHERE removed_at = $now) AS removed,
       (SELECT count(*) FROM reparsed) AS reparsed,
       (SELECT count(*) FROM reparsed JOIN report_reparse r USING (report_id)
        WHERE r.reparsed_at = $now AND (len(r.fields_changed) + r.cells_changed + r.cells_added + r.cells_removed
                                        + len(r.flags_added) + len(r.flags_removed)) > 0) AS reparse_changed,
       (SELECT count(*) FROM retracted) AS retracted,
       (SELECT coalesce(sum(ocr_pages), 0) FROM stage_reports) AS ocr_pages,
       (SELECT coalesce(sum(ocr_seconds), 0) FROM stage_reports) AS ocr_seconds
FROM (SELECT CASE WHEN q.source_file IS NOT NULL THEN 'quarantined'
                  WHEN n.source_file = f.source_file THEN 'loaded'
                  WHEN n.source_file IS NOT NULL THEN 'duplicate' END AS outcome
      FROM stage_files f
      LEFT JOIN new_reports n ON n.content_sha256 = f.content_sha256
      LEFT JOIN (SELECT DISTINCT source_file FROM stage_quarantine) q ON q.source_file = f.source_file);

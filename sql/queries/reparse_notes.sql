-- One line per report this publish re-read with a change (report_reparse rows at $now).
SELECT coalesce(d.source_file, r.report_id) AS report, r.outcome, r.fields_changed, r.cells_changed,
       r.cells_added, r.cells_removed, r.flags_added, r.flags_removed
FROM report_reparse r LEFT JOIN dim_report d USING (report_id)
WHERE r.reparsed_at = $now
  AND (r.outcome <> 'reparsed' OR len(r.fields_changed) + r.cells_changed + r.cells_added + r.cells_removed
       + len(r.flags_added) + len(r.flags_removed) > 0)
ORDER BY report;

-- Files that could not be loaded, with their reason; retried when their content changes.
INSERT INTO quarantine SELECT source_file, content_sha256, reason, detail, $now, $now FROM stage_quarantine
ON CONFLICT (source_file) DO UPDATE SET content_sha256 = excluded.content_sha256, reason = excluded.reason,
    detail = excluded.detail, seen_at = excluded.seen_at;

UPDATE quarantine SET seen_at = $now WHERE source_file IN (SELECT source_file FROM stage_files);

-- A path that now holds a loadable report is no longer quarantined.
DELETE FROM quarantine WHERE source_file IN (
    SELECT f.source_file FROM source_file f JOIN dim_report r USING (content_sha256));

-- The file index from the run's listing (stage_files): what the scan saw, an older mtime too (a
-- restore, `cp -p`), so the next scan matches it. A stale listing (made before the one a rival
-- published) never rolls a path back: the later listing wins, by when it was made (seen_at).
INSERT INTO source_file (source_file, content_sha256, size_bytes, mtime_ns, first_seen_at, last_seen_at)
SELECT source_file, content_sha256, size_bytes, mtime_ns, seen_at, seen_at FROM stage_files
ON CONFLICT (source_file) DO UPDATE SET content_sha256 = excluded.content_sha256,
    size_bytes = excluded.size_bytes, mtime_ns = excluded.mtime_ns, last_seen_at = excluded.last_seen_at
WHERE excluded.last_seen_at >= source_file.last_seen_at OR source_file.last_seen_at IS NULL;

-- Contents a path of which this listing finds gone, or back: their agency's editions are
-- recomputed (040_editions.sql), as a removed source no longer takes part in its report.
CREATE TEMP TABLE presence_changed AS
SELECT DISTINCT content_sha256 FROM source_file
WHERE (source_file IN (SELECT source_file FROM stage_files)) = (removed_at IS NOT NULL);

-- The listing holds every file: a known path it lacks is marked removed (its report stays), a
-- path it lists again is present again.
UPDATE source_file SET removed_at = CASE WHEN source_file IN (SELECT source_file FROM stage_files)
                                         THEN NULL ELSE coalesce(removed_at, $now) END;

-- A removed file leaves nothing to account for.
DELETE FROM quarantine WHERE source_file NOT IN (SELECT source_file FROM stage_files);

-- Files of the run's listing (raw_files) that are neither a loaded report nor quarantined.
SELECT source_file FROM raw_files EXCEPT (
    SELECT f.source_file FROM source_file f JOIN dim_report r USING (content_sha256)
    UNION SELECT source_file FROM quarantine)
ORDER BY source_file;

-- `ogi status`: files not loaded, by reason.
SELECT reason, count(*) FROM quarantine GROUP BY ALL ORDER BY 2 DESC, 1;

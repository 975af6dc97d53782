-- The reports whose facts this load writes: the new ones and the re-parsed ones (stage columns).
CREATE TEMP TABLE loaded_reports AS
SELECT * FROM new_reports UNION ALL BY NAME SELECT * EXCLUDE (old_version, old_agency_id) FROM reparsed;

INSERT INTO fact_application SELECT * FROM stage_application WHERE report_id IN (SELECT report_id FROM loaded_reports);
INSERT INTO fact_review_litigation SELECT * FROM stage_review WHERE report_id IN (SELECT report_id FROM loaded_reports);
INSERT INTO fact_proactive_disclosure SELECT * FROM stage_proactive
WHERE report_id IN (SELECT report_id FROM loaded_reports);
INSERT INTO report_issue SELECT * FROM stage_issues WHERE report_id IN (SELECT report_id FROM loaded_reports);

-- Statuses, names, aliases and continuity can only change for the agencies this load touches: those
-- of its reports, those a re-parsed or retracted report belonged to before, those a file of which
-- was removed or came back, and those with a current report that no edition holds yet (a warehouse
-- loaded before editions were: its first load gives every agency its editions).
CREATE TEMP TABLE touched_agency AS
SELECT agency_id FROM loaded_reports
UNION SELECT old_agency_id FROM reparsed
UNION SELECT old_agency_id FROM retracted
UNION SELECT agency_id FROM dim_report WHERE content_sha256 IN (SELECT content_sha256 FROM presence_changed)
UNION SELECT agency_id FROM dim_report WHERE status = 'current' AND report_id NOT IN (SELECT report_id FROM edition_source);

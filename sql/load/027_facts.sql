-- The reports whose facts this load writes: the new ones and the re-parsed ones (stage columns).
CREATE TEMP TABLE loaded_reports AS
SELECT * FROM new_reports UNION ALL BY NAME SELECT * EXCLUDE (old_version, old_agency_id) FROM reparsed;

INSERT INTO fact_application SELECT * FROM stage_application WHERE report_id IN (SELECT report_id FROM loaded_reports);
INSERT INTO fact_review_litigation SELECT * FROM stage_review WHERE report_id IN (SELECT report_id FROM loaded_reports);
INSERT INTO fact_proactive_disclosure SELECT * FROM stage_proactive
WHERE report_id IN (SELECT report_id FROM loaded_reports);
INSERT INTO report_issue SELECT * FROM stage_issues WHERE report_id IN (SELECT report_id FROM loaded_reports);

-- Statuses, names, aliases and continuity can only change for the agencies this load touches: those
-- of its reports, and those a re-parsed or retracted report belonged to before.
CREATE TEMP TABLE touched_agency AS
SELECT agency_id FROM loaded_reports
UNION SELECT old_agency_id FROM reparsed
UNION SELECT old_agency_id FROM retracted;

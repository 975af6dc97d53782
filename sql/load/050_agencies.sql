-- New agencies; level and place refreshed from the newest report loaded.
INSERT INTO dim_agency (agency_id, agency_key, agency_name, admin_level, province, prefecture, county,
                        division_code, township, township_code)
SELECT DISTINCT ON (agency_id) agency_id, agency_key, agency_name, admin_level, province, prefecture, county,
       division_code, township, township_code
FROM loaded_reports ORDER BY agency_id, report_year DESC
ON CONFLICT (agency_id) DO UPDATE SET admin_level = excluded.admin_level, province = excluded.province,
    prefecture = excluded.prefecture, county = excluded.county, division_code = excluded.division_code,
    township = excluded.township, township_code = excluded.township_code;

-- Each agency is named after its newest current report (the best current name).
UPDATE dim_agency SET agency_name = newest.agency_name
FROM (SELECT DISTINCT ON (agency_id) agency_id, agency_name FROM dim_report
      WHERE agency_name IS NOT NULL AND agency_id IN (SELECT agency_id FROM touched_agency)
      ORDER BY agency_id, status = 'current' DESC, report_year DESC, ingested_at DESC) newest
WHERE dim_agency.agency_id = newest.agency_id;

-- Every spelling of the touched agencies' names, rebuilt from their reports.
DELETE FROM agency_alias WHERE agency_id IN (SELECT agency_id FROM touched_agency);
INSERT INTO agency_alias
SELECT agency_id, agency_name, list(report_id ORDER BY report_year, report_id), min(report_year), max(report_year)
FROM dim_report WHERE agency_name IS NOT NULL AND agency_id IN (SELECT agency_id FROM touched_agency)
GROUP BY agency_id, agency_name;

-- An agency that a re-parse or a retraction left without reports goes.
DELETE FROM dim_agency WHERE agency_id IN (SELECT agency_id FROM touched_agency)
  AND agency_id NOT IN (SELECT agency_id FROM dim_report);

-- Agencies in the administrative hierarchy, and every spelling of their names (idempotent).

ALTER TABLE dim_agency ADD COLUMN IF NOT EXISTS township VARCHAR;
ALTER TABLE dim_agency ADD COLUMN IF NOT EXISTS township_code VARCHAR;
COMMENT ON COLUMN dim_agency.township IS 'Township (乡级: 镇, 乡, 街道, 苏木) name when the agency is or belongs to one and the text confirms its county; NULL otherwise';
COMMENT ON COLUMN dim_agency.township_code IS '9-digit township code of the MCA division list when township is known; NULL otherwise';

CREATE TABLE IF NOT EXISTS agency_alias (
    agency_id    VARCHAR,
    alias        VARCHAR,
    report_ids   VARCHAR[],
    first_year   INTEGER,
    last_year    INTEGER,
    PRIMARY KEY (agency_id, alias)
);
COMMENT ON TABLE agency_alias IS 'Every spelling of an agency''s name seen in a loaded report (淮安市洪泽区人民政府 and 洪泽区人民政府 are one agency), with the reports that used it. Rebuilt from dim_report on every load.';
COMMENT ON COLUMN agency_alias.agency_id IS 'The agency (dim_agency)';
COMMENT ON COLUMN agency_alias.alias IS 'The name exactly as the reports spell it (whitespace removed)';
COMMENT ON COLUMN agency_alias.report_ids IS 'dim_report.report_id of every report (current or superseded) that used this spelling, oldest report year first';
COMMENT ON COLUMN agency_alias.first_year IS 'First report year that used this spelling';
COMMENT ON COLUMN agency_alias.last_year IS 'Last report year that used this spelling';

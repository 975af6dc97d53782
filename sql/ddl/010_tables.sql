-- Warehouse tables (idempotent). Codes follow ../shared/CONTRACT.md.
-- The current shape of every table, for a new warehouse; sql/migrations/ brings an older one here.
-- Fact tables carry no PRIMARY KEY: DuckDB's ART indexes would triple the file size. One value
-- per cell is enforced before loading (pandera contracts), a report's facts are inserted once
-- (chosen under the writer lock) and the load refuses to publish a cell stored twice.
-- Counts are BIGINT; section 二's value is DECIMAL because it holds amounts in yuan too.

CREATE TABLE IF NOT EXISTS source_file (
    source_file     VARCHAR PRIMARY KEY,
    content_sha256  VARCHAR,
    size_bytes      BIGINT,
    mtime_ns        BIGINT,
    first_seen_at   TIMESTAMP,
    last_seen_at    TIMESTAMP,
    removed_at      TIMESTAMP
);
COMMENT ON TABLE source_file IS 'Every file seen in the raw directory, with the hash of its bytes: joins a file to its report (dim_report.content_sha256) or to its quarantine row. Files sharing a hash are one report.';
COMMENT ON COLUMN source_file.source_file IS 'Path relative to the raw directory, ''/''-separated. Bytes that are not UTF-8 (a GBK name from unzip), control characters and the backslash are written \xNN (hex): printable, one line, lossless; pipeline.names.disk_path maps it back to the file';
COMMENT ON COLUMN source_file.content_sha256 IS 'SHA-256 of the raw bytes: the identity of a source file. A file over the 20 MiB limit is never read whole: ''sampled:'' and a SHA-256 of its size, mtime, name and first and last 64 KiB';
COMMENT ON COLUMN source_file.size_bytes IS 'Size when last scanned; with mtime_ns, lets a nightly run skip re-hashing unchanged files';
COMMENT ON COLUMN source_file.mtime_ns IS 'Modification time (ns since epoch) when last scanned';
COMMENT ON COLUMN source_file.first_seen_at IS 'When the listing of the ingest that first saw this path began';
COMMENT ON COLUMN source_file.last_seen_at IS 'When the listing that the index holds for this path began (the latest published scan of it): a listing made earlier never replaces it';
COMMENT ON COLUMN source_file.removed_at IS 'When an ingest first found this path gone from the raw directory; NULL while it is there. A report whose every path is gone stays loaded and current (a removed source is not a retraction): v_removed_source lists them';

CREATE TABLE IF NOT EXISTS dim_agency (
    agency_id       VARCHAR PRIMARY KEY,
    agency_key      VARCHAR UNIQUE,
    agency_name     VARCHAR,
    admin_level     VARCHAR,
    province        VARCHAR,
    prefecture      VARCHAR,
    county          VARCHAR,
    division_code   VARCHAR,
    township        VARCHAR,
    township_code   VARCHAR
);
COMMENT ON TABLE dim_agency IS 'One row per issuing agency (政府信息公开工作年度报告 publisher), placed in the administrative hierarchy where its name and report text allow (pipeline/regions; every spelling in agency_alias).';
COMMENT ON COLUMN dim_agency.agency_id IS 'Stable id derived from agency_key';
COMMENT ON COLUMN dim_agency.agency_key IS 'Matching key. Placed: division code and the body within it (320813 = 洪泽区人民政府 = 淮安市洪泽区人民政府; 130827/政府办公室). Not placed: name/ + the name without whitespace and trailing 人民政府 (name/郭嘉镇). A name that several places share and the text does not place: report/ + report_id (kept apart, flagged region_ambiguous)';
COMMENT ON COLUMN dim_agency.agency_name IS 'Best current name: the spelling of the latest report';
COMMENT ON COLUMN dim_agency.admin_level IS 'province | prefecture | county | township | department | unknown: the level of the division the agency governs when placed (卫辉市 is county-level), else from the name';
COMMENT ON COLUMN dim_agency.province IS 'Province (省级) name when the name and text allow; NULL otherwise, never guessed (the report''s region_unresolved / region_ambiguous flag says why)';
COMMENT ON COLUMN dim_agency.prefecture IS 'Prefecture (地级) name when the text allows; NULL otherwise (also for a county directly under a province or municipality)';
COMMENT ON COLUMN dim_agency.county IS 'County (县级) name when the text allows; NULL otherwise';
COMMENT ON COLUMN dim_agency.division_code IS '6-digit administrative division code (GB/T 2260, MCA list) of the smallest county-or-higher division the agency is or belongs to (a township: its county); NULL when not placed';
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

CREATE TABLE IF NOT EXISTS dim_report (
    report_id         VARCHAR PRIMARY KEY,
    agency_id         VARCHAR,
    agency_name       VARCHAR,
    report_year       INTEGER,
    title_year        INTEGER,
    template_version  VARCHAR,
    published_on      DATE,
    source_file       VARCHAR,
    content_sha256    VARCHAR UNIQUE,
    status            VARCHAR,
    ingested_at       TIMESTAMP,
    parser_version    VARCHAR,
    read_method       VARCHAR,
    ocr_pages         INTEGER,
    ocr_confidence    DOUBLE,
    ocr_seconds       DOUBLE
);
COMMENT ON TABLE dim_report IS 'One row per reading: a loaded file content. One agency and report_year has one current report; readings that agree with it are merged into it (edition_source), a revised edition (later date, other numbers) supersedes the earlier one, and a reading with other numbers that no date tells apart is conflicting (the current report is flagged conflicting_editions)';
COMMENT ON COLUMN dim_report.report_id IS 'First 16 hex digits of content_sha256: stable across rebuilds';
COMMENT ON COLUMN dim_report.agency_id IS 'The issuing agency (dim_agency)';
COMMENT ON COLUMN dim_report.agency_name IS 'The agency name exactly as this report spells it';
COMMENT ON COLUMN dim_report.report_year IS 'Statistics year: a stated period (统计期限) beats the title year';
COMMENT ON COLUMN dim_report.title_year IS 'The year printed in the title';
COMMENT ON COLUMN dim_report.template_version IS '2019 (国办公开办函〔2019〕60号) or 2021 (〔2021〕30号), detected from the tables';
COMMENT ON COLUMN dim_report.published_on IS 'Signature or publication date when stated';
COMMENT ON COLUMN dim_report.source_file IS 'Raw file path (relative to the raw directory) first seen with this content';
COMMENT ON COLUMN dim_report.content_sha256 IS 'SHA-256 of the raw bytes';
COMMENT ON COLUMN dim_report.status IS 'current (the best-read reading of the current edition: the views show it, merged with its sources) | merged (another reading of that edition: its cells are in the current report) | superseded (an earlier edition: a reading with a later published_on states other numbers) | conflicting (states other numbers and no date tells which is right; the current report is flagged conflicting_editions) | removed (none of its files is in the raw directory while another reading of its agency and year is)';
COMMENT ON COLUMN dim_report.ingested_at IS 'When this report was loaded';
COMMENT ON COLUMN dim_report.parser_version IS 'The parser that read it (pipeline/parser_version.py: a hash of the parsing code and the division list). A run re-parses every report an older version read whose file is still there (report_reparse says what changed); NULL on reports loaded before versions were recorded';
COMMENT ON COLUMN dim_report.read_method IS 'How the file was read: text | html | docx | doc | pdf (its text layer) | ocr (a scan: its numbers load only where the identities hold, see report_issue ocr_*); NULL on reports loaded before it was recorded';
COMMENT ON COLUMN dim_report.ocr_pages IS 'OCR: pages recognised (pages without a ruled table are skipped, except those the title and agency need)';
COMMENT ON COLUMN dim_report.ocr_confidence IS 'OCR: mean confidence (0-1) of the text boxes read';
COMMENT ON COLUMN dim_report.ocr_seconds IS 'OCR: CPU seconds the reading took';

CREATE TABLE IF NOT EXISTS edition_source (
    report_id   VARCHAR PRIMARY KEY,
    current_id  VARCHAR
);
COMMENT ON TABLE edition_source IS 'Which files a current report was read from: one row per reading (dim_report row) that is a source of a current report, the current report itself included. Readings of one agency and year that agree on every cell both state are one edition, merged cell by cell (docs/design.md, Editions); recomputed from the readings on every load, so the order files arrive in never matters';
COMMENT ON COLUMN edition_source.report_id IS 'The reading (dim_report.report_id; status current or merged): one content, at one or more paths of source_file';
COMMENT ON COLUMN edition_source.current_id IS 'The current report (dim_report.report_id) its cells go to: the best-read reading of the edition';

CREATE TABLE IF NOT EXISTS edition_cell (
    report_id    VARCHAR,
    fact_table   VARCHAR,
    row_code     VARCHAR,
    column_code  VARCHAR,
    value        DECIMAL(20, 4),
    source_id    VARCHAR,
    added        BOOLEAN
);
COMMENT ON TABLE edition_cell IS 'Cells a current report takes from another reading of its edition (edition_source): those its own file leaves blank (NULL) or lacks and another file of the same edition states. The fact tables keep each file''s own reading; the v_fact_* views show them merged';
COMMENT ON COLUMN edition_cell.report_id IS 'The current report (dim_report.report_id)';
COMMENT ON COLUMN edition_cell.fact_table IS 'fact_application | fact_review_litigation | fact_proactive_disclosure';
COMMENT ON COLUMN edition_cell.row_code IS 'item, or proceeding for fact_review_litigation';
COMMENT ON COLUMN edition_cell.column_code IS 'applicant_type, result or measure';
COMMENT ON COLUMN edition_cell.value IS 'The value the other reading states (NULL: a row only the other reading has, blank there too)';
COMMENT ON COLUMN edition_cell.source_id IS 'The reading it was taken from (dim_report.report_id, status merged; the best-read one that states it)';
COMMENT ON COLUMN edition_cell.added IS 'True: the current report''s own reading lacks the row; false: it has the cell, blank';

CREATE TABLE IF NOT EXISTS dim_applicant_type (
    code VARCHAR PRIMARY KEY, label_zh VARCHAR, "group" VARCHAR, sort_order INTEGER, is_total BOOLEAN);
COMMENT ON TABLE dim_applicant_type IS 'Columns of section 三 (申请人情况)';
CREATE TABLE IF NOT EXISTS dim_application_item (
    code VARCHAR PRIMARY KEY, label_zh VARCHAR, "group" VARCHAR, sort_order INTEGER, is_total BOOLEAN);
COMMENT ON TABLE dim_application_item IS 'Rows of section 三; group: inflow | outcome | outcome_total | forward';
CREATE TABLE IF NOT EXISTS dim_disclosure_item (
    code VARCHAR PRIMARY KEY, label_zh VARCHAR, "group" VARCHAR, sort_order INTEGER, is_total BOOLEAN);
COMMENT ON TABLE dim_disclosure_item IS 'Rows of section 二; group is the 第二十条 clause (art20_1 …)';
CREATE TABLE IF NOT EXISTS dim_disclosure_measure (
    code VARCHAR PRIMARY KEY, label_zh VARCHAR, "group" VARCHAR, sort_order INTEGER, is_total BOOLEAN);
COMMENT ON TABLE dim_disclosure_measure IS 'Columns of section 二; group is the template (2019, 2021 or both); amounts are stored in yuan';
CREATE TABLE IF NOT EXISTS dim_proceeding (
    code VARCHAR PRIMARY KEY, label_zh VARCHAR, "group" VARCHAR, sort_order INTEGER, is_total BOOLEAN);
COMMENT ON TABLE dim_proceeding IS 'Proceedings of section 四';
CREATE TABLE IF NOT EXISTS dim_review_result (
    code VARCHAR PRIMARY KEY, label_zh VARCHAR, "group" VARCHAR, sort_order INTEGER, is_total BOOLEAN);
COMMENT ON TABLE dim_review_result IS 'Results of section 四';

CREATE TABLE IF NOT EXISTS fact_application (
    report_id       VARCHAR,
    item            VARCHAR,
    applicant_type  VARCHAR,
    count           BIGINT
);
COMMENT ON TABLE fact_application IS 'Section 三: applications received and their outcomes, per applicant type. A row the report lacks is absent; a blank cell is NULL, never 0.';
COMMENT ON COLUMN fact_application.item IS 'dim_application_item.code';
COMMENT ON COLUMN fact_application.applicant_type IS 'dim_applicant_type.code';
COMMENT ON COLUMN fact_application.count IS 'Number of applications as the report states it; NULL when blank or undeterminable';

CREATE TABLE IF NOT EXISTS fact_review_litigation (
    report_id   VARCHAR,
    proceeding  VARCHAR,
    result      VARCHAR,
    count       BIGINT
);
COMMENT ON TABLE fact_review_litigation IS 'Section 四: administrative review and litigation about disclosure';
COMMENT ON COLUMN fact_review_litigation.proceeding IS 'dim_proceeding.code';
COMMENT ON COLUMN fact_review_litigation.result IS 'dim_review_result.code';
COMMENT ON COLUMN fact_review_litigation.count IS 'Number of cases as stated; totals are not recomputed';

CREATE TABLE IF NOT EXISTS fact_proactive_disclosure (
    report_id  VARCHAR,
    clause     VARCHAR,
    item       VARCHAR,
    measure    VARCHAR,
    value      DECIMAL(20, 4)
);
COMMENT ON TABLE fact_proactive_disclosure IS 'Section 二: proactive disclosure under 第二十条';
COMMENT ON COLUMN fact_proactive_disclosure.clause IS 'art20_1 | art20_5 | art20_6 | art20_8 | art20_9';
COMMENT ON COLUMN fact_proactive_disclosure.item IS 'dim_disclosure_item.code';
COMMENT ON COLUMN fact_proactive_disclosure.measure IS 'dim_disclosure_measure.code';
COMMENT ON COLUMN fact_proactive_disclosure.value IS 'Counts are whole; fee_amount and procurement_amount are yuan (reports state 万元); change may be negative';

CREATE TABLE IF NOT EXISTS report_issue (
    report_id  VARCHAR,
    rule       VARCHAR,
    severity   VARCHAR,
    detail     VARCHAR
);
COMMENT ON TABLE report_issue IS 'Flags on loaded reports: broken identities (column_balance, outcome_sum, row_total, review_total), year_conflict, ambiguous_cells, row_values_mismatch, missing_section, … The numbers are loaded as written.';
COMMENT ON COLUMN report_issue.severity IS 'warning (an analyst should know) | info (e.g. cells recovered by the table''s own arithmetic)';
COMMENT ON COLUMN report_issue.detail IS 'Readable explanation with the numbers involved';

CREATE TABLE IF NOT EXISTS report_reparse (
    report_id       VARCHAR,
    old_version     VARCHAR,
    new_version     VARCHAR,
    reparsed_at     TIMESTAMP,
    outcome         VARCHAR,
    fields_changed  VARCHAR[],
    cells_changed   BIGINT,
    cells_added     BIGINT,
    cells_removed   BIGINT,
    flags_added     VARCHAR[],
    flags_removed   VARCHAR[],
    changes         VARCHAR[]
);
COMMENT ON TABLE report_reparse IS 'What a new parser changed: one row each time a run re-read a report an older parser version had read (dim_report.parser_version), in the same publish that replaced it. A row with no change is kept too: it says the report was checked';
COMMENT ON COLUMN report_reparse.report_id IS 'The report (dim_report; gone from it when outcome is quarantined)';
COMMENT ON COLUMN report_reparse.old_version IS 'The parser version that had read it (NULL: loaded before versions were recorded)';
COMMENT ON COLUMN report_reparse.new_version IS 'The parser version that read it again';
COMMENT ON COLUMN report_reparse.reparsed_at IS 'When the run that re-read it published';
COMMENT ON COLUMN report_reparse.outcome IS 'reparsed (its facts and flags replaced by the new reading) | quarantined: <reason> (the new parser does not load it; see quarantine)';
COMMENT ON COLUMN report_reparse.fields_changed IS 'dim_report fields the new reading changed (agency_id, report_year, template_version, …)';
COMMENT ON COLUMN report_reparse.cells_changed IS 'Fact cells present before and after with a different value (NULL counts as a value)';
COMMENT ON COLUMN report_reparse.cells_added IS 'Fact cells only the new reading has';
COMMENT ON COLUMN report_reparse.cells_removed IS 'Fact cells only the old reading had';
COMMENT ON COLUMN report_reparse.flags_added IS 'Rules of the parser''s flags (report_issue) only the new reading raised (same rule and detail)';
COMMENT ON COLUMN report_reparse.flags_removed IS 'Rules of the parser''s flags only the old reading raised';
COMMENT ON COLUMN report_reparse.changes IS 'Up to 20 changed cells, as "<table> <row/column codes>: old -> new" (absent: no such cell)';

CREATE TABLE IF NOT EXISTS quarantine (
    source_file     VARCHAR PRIMARY KEY,
    content_sha256  VARCHAR,
    reason          VARCHAR,
    detail          VARCHAR,
    first_seen_at   TIMESTAMP,
    seen_at         TIMESTAMP
);
COMMENT ON TABLE quarantine IS 'Raw files that were not loaded, with the reason. Every raw file is in dim_report (via source_file) or here.';
COMMENT ON COLUMN quarantine.source_file IS 'Raw file path (relative to the raw directory)';
COMMENT ON COLUMN quarantine.content_sha256 IS 'SHA-256 of the raw bytes (NULL when the file could not be read; ''sampled:…'' for a file too_large to read, see source_file.content_sha256)';
COMMENT ON COLUMN quarantine.reason IS 'Reason code: empty, binary, undecodable, not_a_report, too_large, unreadable, contract_violation, parser_error, …';
COMMENT ON COLUMN quarantine.detail IS 'Readable detail';
COMMENT ON COLUMN quarantine.first_seen_at IS 'When this path was first quarantined';
COMMENT ON COLUMN quarantine.seen_at IS 'When an ingest last saw this path quarantined with this content';

COMMENT ON TABLE schema_migration IS 'The sql/migrations/ files this warehouse has taken (a new warehouse records them all: sql/ddl already has their shape)';
COMMENT ON COLUMN schema_migration.name IS 'Migration file name';
COMMENT ON COLUMN schema_migration.applied_at IS 'When it was applied or recorded';
COMMENT ON TABLE schema_sql IS 'One row: the hash of the sql/migrations, sql/ddl and sql/views files this warehouse was last shaped by (a load with the same files skips them)';
COMMENT ON COLUMN schema_sql.sha256 IS 'SHA-256 over those files, by folder and name';
COMMENT ON COLUMN schema_sql.objects IS 'The tables and views the warehouse then held (one missing makes the files run again)';
COMMENT ON COLUMN schema_sql.applied_at IS 'When they were applied';

COMMENT ON COLUMN dim_applicant_type.is_total IS 'True for a total of other codes of the same table (总计, （七）总计): never add it to its parts. (六)其他处理 is a leaf in the 2019 form and the sum of its three sub-rows where a 2021 report has them';
COMMENT ON COLUMN dim_application_item.is_total IS 'True for a total of other codes of the same table (总计, （七）总计): never add it to its parts. (六)其他处理 is a leaf in the 2019 form and the sum of its three sub-rows where a 2021 report has them';
COMMENT ON COLUMN dim_disclosure_item.is_total IS 'True for a total of other codes of the same table (总计, （七）总计): never add it to its parts. (六)其他处理 is a leaf in the 2019 form and the sum of its three sub-rows where a 2021 report has them';
COMMENT ON COLUMN dim_disclosure_measure.is_total IS 'True for a total of other codes of the same table (总计, （七）总计): never add it to its parts. (六)其他处理 is a leaf in the 2019 form and the sum of its three sub-rows where a 2021 report has them';
COMMENT ON COLUMN dim_proceeding.is_total IS 'True for a total of other codes of the same table (总计, （七）总计): never add it to its parts. (六)其他处理 is a leaf in the 2019 form and the sum of its three sub-rows where a 2021 report has them';
COMMENT ON COLUMN dim_review_result.is_total IS 'True for a total of other codes of the same table (总计, （七）总计): never add it to its parts. (六)其他处理 is a leaf in the 2019 form and the sum of its three sub-rows where a 2021 report has them';

CREATE TABLE IF NOT EXISTS warehouse_setting (
    name   VARCHAR PRIMARY KEY,
    value  VARCHAR
);
COMMENT ON TABLE warehouse_setting IS 'What the warehouse remembers of how it is filled. raw_dir: the absolute raw directory its loads read; a run over another directory is refused (it would mark this one''s files removed) unless re-pointed with ogi ingest --new-raw-dir';
COMMENT ON COLUMN warehouse_setting.name IS 'Setting name (raw_dir)';
COMMENT ON COLUMN warehouse_setting.value IS 'Its value';

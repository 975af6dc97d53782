-- Warehouses from before the parser version was recorded: their reports are re-parsed once.
ALTER TABLE dim_report ADD COLUMN IF NOT EXISTS parser_version VARCHAR;

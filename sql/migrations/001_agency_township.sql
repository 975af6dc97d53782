-- Warehouses from before agencies were placed down to the township.
ALTER TABLE dim_agency ADD COLUMN IF NOT EXISTS township VARCHAR;
ALTER TABLE dim_agency ADD COLUMN IF NOT EXISTS township_code VARCHAR;

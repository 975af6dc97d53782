-- Warehouses from before the code dimensions marked their total rows and columns.
ALTER TABLE dim_applicant_type ADD COLUMN IF NOT EXISTS is_total BOOLEAN;
ALTER TABLE dim_application_item ADD COLUMN IF NOT EXISTS is_total BOOLEAN;
ALTER TABLE dim_disclosure_item ADD COLUMN IF NOT EXISTS is_total BOOLEAN;
ALTER TABLE dim_disclosure_measure ADD COLUMN IF NOT EXISTS is_total BOOLEAN;
ALTER TABLE dim_proceeding ADD COLUMN IF NOT EXISTS is_total BOOLEAN;
ALTER TABLE dim_review_result ADD COLUMN IF NOT EXISTS is_total BOOLEAN;

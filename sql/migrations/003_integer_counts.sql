-- Warehouses from before counts were integers (they were DECIMAL(20,4): exports read 75.0000).
ALTER TABLE fact_application ALTER COLUMN count SET DATA TYPE BIGINT;
ALTER TABLE fact_review_litigation ALTER COLUMN count SET DATA TYPE BIGINT;

-- Warehouses from before removed raw files were marked.
ALTER TABLE source_file ADD COLUMN IF NOT EXISTS removed_at TIMESTAMP;

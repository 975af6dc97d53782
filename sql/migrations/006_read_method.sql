-- How each report was read (text, html, docx, doc, pdf, ocr) and what OCR cost: NULL on reports
-- loaded before; a parser change re-reads them and fills it in.
ALTER TABLE dim_report ADD COLUMN IF NOT EXISTS read_method VARCHAR;
ALTER TABLE dim_report ADD COLUMN IF NOT EXISTS ocr_pages INTEGER;
ALTER TABLE dim_report ADD COLUMN IF NOT EXISTS ocr_confidence DOUBLE;
ALTER TABLE dim_report ADD COLUMN IF NOT EXISTS ocr_seconds DOUBLE;

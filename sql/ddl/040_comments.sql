-- Comments on the table columns that 010-030 leave undocumented (idempotent; run after them).
-- Every table, view and column carries a comment: tests/test_pipeline.py checks it.

COMMENT ON COLUMN fact_application.report_id IS 'The report (dim_report.report_id); join v_report for the current ones with their agency and place';
COMMENT ON COLUMN fact_review_litigation.report_id IS 'The report (dim_report.report_id); join v_report for the current ones with their agency and place';
COMMENT ON COLUMN fact_proactive_disclosure.report_id IS 'The report (dim_report.report_id); join v_report for the current ones with their agency and place';
COMMENT ON COLUMN report_issue.report_id IS 'The flagged report (dim_report.report_id)';
COMMENT ON COLUMN report_issue.rule IS 'What was found: an identity of CONTRACT.md that the report breaks (column_balance, outcome_sum, row_total, review_total), year_conflict, ambiguous_cells, recovered_cells, hybrid_template, region_unresolved, …';

COMMENT ON COLUMN dim_applicant_type.code IS 'Applicant column code (fact_application.applicant_type); total is the report''s own 总计 column: never add it to the others';
COMMENT ON COLUMN dim_applicant_type.label_zh IS 'Column header of the national form';
COMMENT ON COLUMN dim_applicant_type."group" IS 'natural_person | legal_person_or_org (法人或其他组织) | total';
COMMENT ON COLUMN dim_applicant_type.sort_order IS 'Column order of the form';

COMMENT ON COLUMN dim_application_item.code IS 'Row code of section 三 (fact_application.item)';
COMMENT ON COLUMN dim_application_item.label_zh IS 'Row label of the national form';
COMMENT ON COLUMN dim_application_item."group" IS 'inflow (received_new, carried_over) | outcome (the 办理结果 rows) | outcome_total (（七）总计: the stated sum of the outcome rows, not to be added to them) | forward (carried_forward)';
COMMENT ON COLUMN dim_application_item.sort_order IS 'Row order of the form';

COMMENT ON COLUMN dim_disclosure_item.code IS 'Row code of section 二 (fact_proactive_disclosure.item)';
COMMENT ON COLUMN dim_disclosure_item.label_zh IS 'Row label of the national form';
COMMENT ON COLUMN dim_disclosure_item."group" IS 'The 第二十条 clause the row belongs to (fact_proactive_disclosure.clause)';
COMMENT ON COLUMN dim_disclosure_item.sort_order IS 'Row order of the form';

COMMENT ON COLUMN dim_disclosure_measure.code IS 'Column code of section 二 (fact_proactive_disclosure.measure)';
COMMENT ON COLUMN dim_disclosure_measure.label_zh IS 'Column header of the national form (amounts are stated in 万元 and stored in yuan)';
COMMENT ON COLUMN dim_disclosure_measure."group" IS 'The templates that have this column: 2019, 2021 or 2019/2021';
COMMENT ON COLUMN dim_disclosure_measure.sort_order IS 'Column order';

COMMENT ON COLUMN dim_proceeding.code IS 'Proceeding code of section 四 (fact_review_litigation.proceeding)';
COMMENT ON COLUMN dim_proceeding.label_zh IS 'Header of the national form';
COMMENT ON COLUMN dim_proceeding."group" IS 'Unused (empty)';
COMMENT ON COLUMN dim_proceeding.sort_order IS 'Order on the form';

COMMENT ON COLUMN dim_review_result.code IS 'Result code of section 四 (fact_review_litigation.result); total is the report''s own 总计: never add it to upheld, corrected, other, pending';
COMMENT ON COLUMN dim_review_result.label_zh IS 'Header of the national form';
COMMENT ON COLUMN dim_review_result."group" IS 'Unused (empty)';
COMMENT ON COLUMN dim_review_result.sort_order IS 'Order on the form';

-- The metric dictionary: what each rate in v_rate and v_rate_by_year computes. The views evaluate
-- the formula from these rows (numerator and denominator are lists of quantities), so the
-- dictionary, the views and the README say the same thing. Refilled on every schema apply.
CREATE TABLE IF NOT EXISTS metric (
    metric           VARCHAR PRIMARY KEY,
    formula          VARCHAR,
    numerator        VARCHAR[],
    denominator      VARCHAR[],
    unit             VARCHAR,
    min_denominator  BIGINT,
    caveats          VARCHAR
);
COMMENT ON TABLE metric IS 'Metric dictionary: each rate of v_rate / v_rate_by_year and the year-over-year jump rule of v_yoy_jump, with its formula, unit, minimum sample and caveats';
COMMENT ON COLUMN metric.metric IS 'Metric code (v_rate.metric)';
COMMENT ON COLUMN metric.formula IS 'The formula in words, with the report labels';
COMMENT ON COLUMN metric.numerator IS 'Quantities summed for the numerator: application.<item> (section 三, 总计 column) or <proceeding>.<result> (section 四)';
COMMENT ON COLUMN metric.denominator IS 'Quantities summed for the denominator (same notation)';
COMMENT ON COLUMN metric.unit IS 'Unit of the value';
COMMENT ON COLUMN metric.min_denominator IS 'Minimum sample: below this denominator the rate is NULL (v_rate.below_min_sample); for yoy_jump the minimum of the larger year''s count';
COMMENT ON COLUMN metric.caveats IS 'What the number does not say';

DELETE FROM metric;
INSERT INTO metric VALUES
('grant_rate', '（一）予以公开 / （七）总计', ['application.granted'], ['application.outcome_total'],
 'ratio 0-1', 10, 'Full grants only (the form''s own 予以公开); partial grants are disclosure_rate''s. Outcomes include carried-over applications, so it is not a share of this year''s new applications. v_application_summary.grant_rate is the same formula without the minimum sample.'),
('disclosure_rate', '(（一）予以公开 + （二）部分公开) / （七）总计', ['application.granted', 'application.partially_granted'],
 ['application.outcome_total'], 'ratio 0-1', 10, 'Counts a partial grant as a disclosure. v_application_summary.disclosure_rate is the same formula without the minimum sample.'),
('denial_rate', '（三）不予公开 1.–8. / （七）总计',
 ['application.denied_state_secret', 'application.denied_prohibited_by_law', 'application.denied_security_stability',
  'application.denied_third_party_rights', 'application.denied_internal_affairs', 'application.denied_process_information',
  'application.denied_enforcement_case_file', 'application.denied_administrative_inquiry'],
 ['application.outcome_total'], 'ratio 0-1', 10,
 'Formal denials only: 无法提供 (not held) and 不予处理 (not processed) are not denials. The same formula as v_application_summary.denial_rate, which has no minimum sample.'),
('not_held_share', '（四）1.本机关不掌握相关政府信息 / （七）总计', ['application.unavailable_not_held'],
 ['application.outcome_total'], 'ratio 0-1', 10,
 'High values can mean misdirected requests as much as poor records; read with the agency''s remit.'),
('carry_forward_rate', '四、结转下年度继续办理 / (一、本年新收 + 二、上年结转)', ['application.carried_forward'],
 ['application.received_new', 'application.carried_over'], 'ratio 0-1', 10,
 'Applications received late in December are legitimately carried forward (20 working days to answer).'),
('review_correction_rate', '行政复议 结果纠正 / (结果维持 + 结果纠正 + 其他结果)', ['review.corrected'],
 ['review.upheld', 'review.corrected', 'review.other'], 'ratio 0-1', 5,
 'Decided cases only (尚未审结 excluded). Few agencies have many cases: prefer v_rate_by_year, which pools reports.'),
('litigation_correction_rate', '行政诉讼 结果纠正 / (结果维持 + 结果纠正 + 其他结果), both columns (未经复议直接起诉, 复议后起诉)',
 ['litigation_direct.corrected', 'litigation_after_review.corrected'],
 ['litigation_direct.upheld', 'litigation_direct.corrected', 'litigation_direct.other',
  'litigation_after_review.upheld', 'litigation_after_review.corrected', 'litigation_after_review.other'],
 'ratio 0-1', 5, 'Decided cases only; 其他结果 includes withdrawals. Small counts: prefer the pooled view.'),
('yoy_jump', 'count(N) >= 5 × count(N−1) or count(N) <= count(N−1) / 5, same agency, same cell', [], [],
 'factor', 20, 'A jump is worth a look, not an error: reorganisations, merged agencies and a first year of online applications cause real jumps. Only when the larger of the two counts is at least min_denominator.');

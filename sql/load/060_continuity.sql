-- carried_over(N) = carried_forward(N - 1) per applicant column, between the current reports of
-- one agency. Recomputed for every touched agency, so the order in which the two years arrive
-- does not matter and a re-run adds nothing.
-- The breaks as they were, so the run can count the ones it found (queries/load_summary).
CREATE TEMP TABLE continuity_before AS SELECT report_id, detail FROM report_issue WHERE rule = 'continuity';

DELETE FROM report_issue WHERE rule = 'continuity' AND report_id IN
    (SELECT report_id FROM dim_report WHERE agency_id IN (SELECT agency_id FROM touched_agency));

INSERT INTO report_issue
SELECT cur.report_id, 'continuity', 'warning',
       'carried_over ' || cur.report_year || ' differs from carried_forward ' || prev.report_year
       || ' of the same agency (report ' || prev.report_id || '): '
       || string_agg(o.applicant_type || ' ' || o.count || ' vs ' || f.count, ', ' ORDER BY t.sort_order)
FROM dim_report cur
JOIN dim_report prev ON prev.agency_id = cur.agency_id AND prev.report_year = cur.report_year - 1
                    AND prev.status = 'current'
JOIN fact_application o ON o.report_id = cur.report_id AND o.item = 'carried_over'
JOIN fact_application f ON f.report_id = prev.report_id AND f.item = 'carried_forward'
                       AND f.applicant_type = o.applicant_type
LEFT JOIN dim_applicant_type t ON t.code = o.applicant_type
WHERE cur.status = 'current' AND o.count <> f.count AND cur.agency_id IN (SELECT agency_id FROM touched_agency)
GROUP BY cur.report_id, cur.report_year, prev.report_year, prev.report_id;

-- Section 二 over years, between the current reports of one agency (soft: an amended or merged
-- document breaks it legitimately, so the flag is info). 2021 template: 现行有效件数 of year N
-- = year N-1's + 本年制发件数 - 本年废止件数 of year N. 2019 template: 上一年项目数量 of year N
-- = year N-1's 上一年项目数量 + 本年增/减. Recomputed for every touched agency, as continuity is.
DELETE FROM report_issue WHERE rule = 'disclosure_chain' AND report_id IN
    (SELECT report_id FROM dim_report WHERE agency_id IN (SELECT agency_id FROM touched_agency));

INSERT INTO report_issue
WITH cell AS (
    SELECT r.report_id, r.agency_id, r.report_year, f.clause, f.item, f.measure, f.value
    FROM dim_report r JOIN fact_proactive_disclosure f USING (report_id)
    WHERE r.status = 'current' AND r.agency_id IN (SELECT agency_id FROM touched_agency)
), chain AS (
    SELECT cur.report_id, cur.report_year, cur.item, prev.report_year AS prev_year, prev.report_id AS prev_report,
           'in_force' AS measure, cur.value AS stated, prev.value AS prev_value,
           iss.value AS added, rep.value AS removed, 'issued' AS added_label, 'repealed' AS removed_label
    FROM cell cur
    JOIN cell prev ON prev.agency_id = cur.agency_id AND prev.report_year = cur.report_year - 1
                  AND prev.item = cur.item AND prev.measure = 'in_force'
    JOIN cell iss ON iss.report_id = cur.report_id AND iss.item = cur.item AND iss.measure = 'issued'
    JOIN cell rep ON rep.report_id = cur.report_id AND rep.item = cur.item AND rep.measure = 'repealed'
    WHERE cur.measure = 'in_force'
    UNION ALL
    SELECT cur.report_id, cur.report_year, cur.item, prev.report_year, prev.report_id,
           'prior_year_items', cur.value, prev.value, chg.value, 0, 'change', NULL
    FROM cell cur
    JOIN cell prev ON prev.agency_id = cur.agency_id AND prev.report_year = cur.report_year - 1
                  AND prev.item = cur.item AND prev.measure = 'prior_year_items'
    JOIN cell chg ON chg.report_id = prev.report_id AND chg.item = cur.item AND chg.measure = 'change'
    WHERE cur.measure = 'prior_year_items'
)
SELECT report_id, 'disclosure_chain', 'info',
       string_agg(item || ' ' || measure || ' ' || report_year || ' is ' || CAST(stated AS BIGINT)
                  || ', but ' || prev_year || '''s ' || CAST(prev_value AS BIGINT)
                  || CASE WHEN removed_label IS NULL
                          THEN ' + its change ' || CAST(added AS BIGINT)
                          ELSE ' + ' || added_label || ' ' || CAST(added AS BIGINT) || ' - ' || removed_label || ' '
                               || CAST(removed AS BIGINT) END
                  || ' = ' || CAST(prev_value + added - removed AS BIGINT), '; ' ORDER BY item)
       || ' (report ' || any_value(prev_report) || ')'
FROM chain
WHERE stated IS NOT NULL AND prev_value IS NOT NULL AND added IS NOT NULL AND removed IS NOT NULL
  AND stated <> prev_value + added - removed
GROUP BY report_id;

-- The SQL of the top spenders, on Sat 28 Nov (TestWeekSQL).

-- the whole queue (Store.Week), cut at PerKindLimit (1 here)
SELECT customer_id, sum(cents) AS spend FROM visits INDEXED BY visits_day
WHERE day BETWEEN ? AND ? GROUP BY customer_id ORDER BY spend DESC;
-- args: '2026-11-22', '2026-11-22'
SELECT customer_id, cents FROM visit_weeks INDEXED BY visit_weeks_week
WHERE week = ? ORDER BY cents DESC;
-- args: '2026-11-23'
SELECT j.value, (0 + coalesce((SELECT sum(v.cents) FROM visits v INDEXED BY visits_customer_day
			WHERE v.customer_id = j.value AND v.day BETWEEN ?2 AND ?3), 0))
FROM json_each(?1) j WHERE NOT EXISTS (SELECT 1 FROM customers a INDEXED BY customers_archived
	WHERE a.id = j.value AND a.archived_at IS NOT NULL);
-- args: '[1]', '2026-11-22', '2026-11-28'
SELECT id, name FROM customers INDEXED BY customers_active_name
WHERE id IN (SELECT value FROM json_each(?)) AND archived_at IS NULL;
-- args: '[1]'

-- one customer (DoneItem, SnoozeItem, and a snoozed item in Store.Week)
SELECT customer_id, sum(cents) AS spend FROM visits INDEXED BY visits_day
WHERE day BETWEEN ? AND ? GROUP BY customer_id ORDER BY spend DESC;
-- args: '2026-11-22', '2026-11-22'
SELECT customer_id, cents FROM visit_weeks INDEXED BY visit_weeks_week
WHERE week = ? ORDER BY cents DESC;
-- args: '2026-11-23'
SELECT j.value, (0 + coalesce((SELECT sum(v.cents) FROM visits v INDEXED BY visits_customer_day
			WHERE v.customer_id = j.value AND v.day BETWEEN ?2 AND ?3), 0))
FROM json_each(?1) j WHERE NOT EXISTS (SELECT 1 FROM customers a INDEXED BY customers_archived
	WHERE a.id = j.value AND a.archived_at IS NOT NULL);
-- args: '[1]', '2026-11-22', '2026-11-28'
SELECT id, name FROM customers INDEXED BY customers_active_name
WHERE id IN (SELECT value FROM json_each(?)) AND archived_at IS NULL;
-- args: '[1]'

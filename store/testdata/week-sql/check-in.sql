-- The SQL of the check-ins, on Sat 28 Nov (TestWeekSQL).

-- the whole queue (Store.Week), cut at PerKindLimit (1 here)
SELECT EXISTS (SELECT 1 FROM visits INDEXED BY visits_day WHERE day > ?);
-- args: '2026-11-28'
SELECT customer_id, cents FROM visit_years INDEXED BY visit_years_year
WHERE year = ? ORDER BY cents DESC LIMIT ?;
-- args: 2026, 80
SELECT customer_id, cents FROM visit_years INDEXED BY visit_years_year
WHERE year = ? ORDER BY cents DESC LIMIT ?;
-- args: 2025, 80
SELECT j.value, (0 + coalesce((SELECT sum(v.cents) FROM visits v INDEXED BY visits_customer_day
			WHERE v.customer_id = j.value AND v.day BETWEEN ?2 AND ?3), 0)
		+ coalesce((SELECT y.cents FROM visit_years y WHERE y.customer_id = j.value AND y.year = ?4), 0))
FROM json_each(?1) j WHERE NOT EXISTS (SELECT 1 FROM customers a INDEXED BY customers_archived
	WHERE a.id = j.value AND a.archived_at IS NOT NULL);
-- args: '[1]', '2025-11-29', '2025-12-31', 2026
SELECT j.value,
	coalesce((SELECT max(o.day) FROM outreach o WHERE o.customer_id = j.value AND o.day < ?2), ''),
	coalesce((SELECT max(o.day) FROM outreach o WHERE o.customer_id = j.value AND o.day <= ?3), '')
FROM json_each(?1) j;
-- args: '[1]', '2026-11-23', '2026-11-28'
SELECT id, name FROM customers INDEXED BY customers_active_name
WHERE id IN (SELECT value FROM json_each(?)) AND archived_at IS NULL;
-- args: '[1]'

-- one customer (DoneItem, SnoozeItem, and a snoozed item in Store.Week)
SELECT EXISTS (SELECT 1 FROM visits INDEXED BY visits_day WHERE day > ?);
-- args: '2026-11-28'
SELECT customer_id, cents FROM visit_years INDEXED BY visit_years_year
WHERE year = ? ORDER BY cents DESC LIMIT ?;
-- args: 2026, 80
SELECT customer_id, cents FROM visit_years INDEXED BY visit_years_year
WHERE year = ? ORDER BY cents DESC LIMIT ?;
-- args: 2025, 80
SELECT j.value, (0 + coalesce((SELECT sum(v.cents) FROM visits v INDEXED BY visits_customer_day
			WHERE v.customer_id = j.value AND v.day BETWEEN ?2 AND ?3), 0)
		+ coalesce((SELECT y.cents FROM visit_years y WHERE y.customer_id = j.value AND y.year = ?4), 0))
FROM json_each(?1) j WHERE NOT EXISTS (SELECT 1 FROM customers a INDEXED BY customers_archived
	WHERE a.id = j.value AND a.archived_at IS NOT NULL);
-- args: '[1]', '2025-11-29', '2025-12-31', 2026
SELECT j.value,
	coalesce((SELECT max(o.day) FROM outreach o WHERE o.customer_id = j.value AND o.day < ?2), ''),
	coalesce((SELECT max(o.day) FROM outreach o WHERE o.customer_id = j.value AND o.day <= ?3), '')
FROM json_each(?1) j;
-- args: '[1]', '2026-11-23', '2026-11-28'
SELECT id, name FROM customers INDEXED BY customers_active_name
WHERE id IN (SELECT value FROM json_each(?)) AND archived_at IS NULL;
-- args: '[1]'

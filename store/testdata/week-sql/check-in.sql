-- The SQL of the check-ins, on Sat 28 Nov (TestWeekSQL).

-- the whole queue (Store.Week), cut at PerKindLimit (1 here)
SELECT customer_id, cents FROM visit_years INDEXED BY visit_years_year
WHERE year = ? ORDER BY cents DESC LIMIT ?;
-- args: 2026, 40
SELECT customer_id, cents FROM visit_years INDEXED BY visit_years_year
WHERE year = ? ORDER BY cents DESC LIMIT ?;
-- args: 2025, 40
SELECT c.id, c.name,
	coalesce((SELECT sum(v.cents) FROM visits v WHERE v.customer_id = c.id AND v.day BETWEEN ?2 AND ?3), 0),
	coalesce((SELECT max(o.day) FROM outreach o WHERE o.customer_id = c.id AND o.day < ?4), ''),
	coalesce((SELECT max(o.day) FROM outreach o WHERE o.customer_id = c.id AND o.day <= ?3), '')
FROM customers c WHERE c.id IN (SELECT value FROM json_each(?1)) AND c.archived_at IS NULL;
-- args: '[1]', '2025-11-29', '2026-11-28', '2026-11-23'

-- one customer (DoneItem, SnoozeItem, and a snoozed item in Store.Week)
SELECT customer_id, cents FROM visit_years INDEXED BY visit_years_year
WHERE year = ? ORDER BY cents DESC LIMIT ?;
-- args: 2026, 40
SELECT customer_id, cents FROM visit_years INDEXED BY visit_years_year
WHERE year = ? ORDER BY cents DESC LIMIT ?;
-- args: 2025, 40
SELECT c.id, c.name,
	coalesce((SELECT sum(v.cents) FROM visits v WHERE v.customer_id = c.id AND v.day BETWEEN ?2 AND ?3), 0),
	coalesce((SELECT max(o.day) FROM outreach o WHERE o.customer_id = c.id AND o.day < ?4), ''),
	coalesce((SELECT max(o.day) FROM outreach o WHERE o.customer_id = c.id AND o.day <= ?3), '')
FROM customers c WHERE c.id IN (SELECT value FROM json_each(?1)) AND c.archived_at IS NULL;
-- args: '[1]', '2025-11-29', '2026-11-28', '2026-11-23'

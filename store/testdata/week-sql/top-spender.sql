-- The SQL of the top spenders, on Sat 28 Nov (TestWeekSQL).

-- the whole queue (Store.Week), cut at PerKindLimit (1 here)
SELECT customer_id, cents FROM visit_weeks INDEXED BY visit_weeks_week
WHERE week = ? ORDER BY cents DESC LIMIT ?;
-- args: '2026-11-16', 8
SELECT customer_id, cents FROM visit_weeks INDEXED BY visit_weeks_week
WHERE week = ? ORDER BY cents DESC LIMIT ?;
-- args: '2026-11-23', 8
SELECT c.id, c.name,
	coalesce((SELECT sum(v.cents) FROM visits v WHERE v.customer_id = c.id AND v.day BETWEEN ?2 AND ?3), 0),
	coalesce((SELECT max(o.day) FROM outreach o WHERE o.customer_id = c.id AND o.day < ?4), ''),
	coalesce((SELECT max(o.day) FROM outreach o WHERE o.customer_id = c.id AND o.day <= ?3), '')
FROM customers c WHERE c.id IN (SELECT value FROM json_each(?1)) AND c.archived_at IS NULL;
-- args: '[1]', '2026-11-22', '2026-11-28', '2026-11-23'

-- one customer (DoneItem, SnoozeItem, and a snoozed item in Store.Week)
SELECT customer_id, cents FROM visit_weeks INDEXED BY visit_weeks_week
WHERE week = ? ORDER BY cents DESC LIMIT ?;
-- args: '2026-11-16', 8
SELECT customer_id, cents FROM visit_weeks INDEXED BY visit_weeks_week
WHERE week = ? ORDER BY cents DESC LIMIT ?;
-- args: '2026-11-23', 8
SELECT c.id, c.name,
	coalesce((SELECT sum(v.cents) FROM visits v WHERE v.customer_id = c.id AND v.day BETWEEN ?2 AND ?3), 0),
	coalesce((SELECT max(o.day) FROM outreach o WHERE o.customer_id = c.id AND o.day < ?4), ''),
	coalesce((SELECT max(o.day) FROM outreach o WHERE o.customer_id = c.id AND o.day <= ?3), '')
FROM customers c WHERE c.id IN (SELECT value FROM json_each(?1)) AND c.archived_at IS NULL;
-- args: '[1]', '2026-11-22', '2026-11-28', '2026-11-23'

-- The SQL of the new customers, on Sat 28 Nov (TestWeekSQL).

-- the whole queue (Store.Week), cut at PerKindLimit (1 here)
SELECT u.id, u.name, u.first_visit, u.created_at
FROM (SELECT id, name, first_visit, created_at FROM customers INDEXED BY customers_first_visit
	WHERE first_visit IS NOT NULL AND archived_at IS NULL AND first_visit BETWEEN ? AND ?
	UNION ALL
	SELECT id, name, first_visit, created_at FROM customers INDEXED BY customers_new_typed
	WHERE first_visit IS NULL AND archived_at IS NULL AND source = 'typed' AND created_at >= ? AND created_at < ?) u
WHERE 1
	AND (u.id NOT IN (SELECT customer_id FROM week_items INDEXED BY week_items_kind
		WHERE kind = 'new-customer' AND (state = 'done' OR week = ?))
		OR NOT EXISTS (SELECT 1 FROM week_items wi WHERE wi.id = 'new-customer:' || u.id AND (wi.state = 'done' OR wi.week = ?)))
ORDER BY u.name, u.id LIMIT ?;
-- args: '2026-11-22', '2026-11-28', '2026-11-22T00:00:00.000Z', '2026-11-29T00:00:00.000Z', '2026-11-23', '2026-11-23', 1
SELECT count(*)
FROM (SELECT id, name, first_visit, created_at FROM customers INDEXED BY customers_first_visit
	WHERE first_visit IS NOT NULL AND archived_at IS NULL AND first_visit BETWEEN ? AND ?
	UNION ALL
	SELECT id, name, first_visit, created_at FROM customers INDEXED BY customers_new_typed
	WHERE first_visit IS NULL AND archived_at IS NULL AND source = 'typed' AND created_at >= ? AND created_at < ?) u
WHERE 1
	AND (u.id NOT IN (SELECT customer_id FROM week_items INDEXED BY week_items_kind
		WHERE kind = 'new-customer' AND (state = 'done' OR week = ?))
		OR NOT EXISTS (SELECT 1 FROM week_items wi WHERE wi.id = 'new-customer:' || u.id AND (wi.state = 'done' OR wi.week = ?)));
-- args: '2026-11-22', '2026-11-28', '2026-11-22T00:00:00.000Z', '2026-11-29T00:00:00.000Z', '2026-11-23', '2026-11-23'

-- one customer (DoneItem, SnoozeItem, and a snoozed item in Store.Week)
SELECT u.id, u.name, u.first_visit, u.created_at
FROM (SELECT id, name, first_visit, created_at FROM customers INDEXED BY customers_first_visit
	WHERE first_visit IS NOT NULL AND archived_at IS NULL AND first_visit BETWEEN ? AND ?
	UNION ALL
	SELECT id, name, first_visit, created_at FROM customers INDEXED BY customers_new_typed
	WHERE first_visit IS NULL AND archived_at IS NULL AND source = 'typed' AND created_at >= ? AND created_at < ?) u
WHERE 1
	AND u.id = ?
ORDER BY u.name, u.id LIMIT ?;
-- args: '2026-11-22', '2026-11-28', '2026-11-22T00:00:00.000Z', '2026-11-29T00:00:00.000Z', 1, -1

-- The SQL of the unhappy customers, on Sat 28 Nov (TestWeekSQL).

-- the whole queue (Store.Week), cut at PerKindLimit (1 here)
SELECT f.id, f.customer_id, c.name, f.day, f.rating, f.comment
FROM feedback f INDEXED BY feedback_unhappy JOIN customers c INDEXED BY customers_active_name ON c.id = f.customer_id
WHERE f.replied_at IS NULL AND f.rating <= 3 AND c.archived_at IS NULL
	AND (f.customer_id NOT IN (SELECT customer_id FROM week_items INDEXED BY week_items_kind
		WHERE kind = 'unhappy' AND (state = 'done' OR week = ?))
		OR NOT EXISTS (SELECT 1 FROM week_items wi WHERE wi.id = 'unhappy:' || f.customer_id || ':' || f.id AND (wi.state = 'done' OR wi.week = ?)))
ORDER BY f.day, c.name, f.id LIMIT ?;
-- args: '2026-11-23', '2026-11-23', 1
SELECT count(*)
FROM feedback f INDEXED BY feedback_unhappy
WHERE f.replied_at IS NULL AND f.rating <= 3 AND NOT EXISTS (SELECT 1 FROM customers a INDEXED BY customers_archived
	WHERE a.id = f.customer_id AND a.archived_at IS NOT NULL)
	AND (f.customer_id NOT IN (SELECT customer_id FROM week_items INDEXED BY week_items_kind
		WHERE kind = 'unhappy' AND (state = 'done' OR week = ?))
		OR NOT EXISTS (SELECT 1 FROM week_items wi WHERE wi.id = 'unhappy:' || f.customer_id || ':' || f.id AND (wi.state = 'done' OR wi.week = ?)));
-- args: '2026-11-23', '2026-11-23'

-- one customer (DoneItem, SnoozeItem, and a snoozed item in Store.Week)
SELECT f.id, f.customer_id, c.name, f.day, f.rating, f.comment
FROM feedback f JOIN customers c INDEXED BY customers_active_name ON c.id = f.customer_id
WHERE f.replied_at IS NULL AND f.rating <= 3 AND c.archived_at IS NULL
	AND f.customer_id = ?
ORDER BY f.day, c.name, f.id LIMIT ?;
-- args: 1, -1

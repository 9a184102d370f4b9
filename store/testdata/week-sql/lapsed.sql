-- The SQL of the lapsed regulars, on Sat 28 Nov (TestWeekSQL).

-- the whole queue (Store.Week), cut at PerKindLimit (1 here)
SELECT id, name, last_visit, coalesce(third_visit, ''), gap_median
FROM customers INDEXED BY customers_lapse_on
WHERE lapse_on IS NOT NULL AND archived_at IS NULL AND lapse_on BETWEEN ? AND ? AND last_visit >= ?
	AND third_visit >= ?
	AND (id NOT IN (SELECT customer_id FROM week_items INDEXED BY week_items_kind
		WHERE kind = 'lapsed' AND (state = 'done' OR week = ?))
		OR NOT EXISTS (SELECT 1 FROM week_items wi WHERE wi.id = 'lapsed:' || customers.id || ':' || customers.last_visit AND (wi.state = 'done' OR wi.week = ?)))
ORDER BY name, id LIMIT ?;
-- args: '2026-06-24', '2026-11-28', '2026-06-02', '2026-06-02', '2026-11-23', '2026-11-23', 1

-- one customer (DoneItem, SnoozeItem, and a snoozed item in Store.Week)
SELECT id, name, last_visit, coalesce(third_visit, ''), gap_median
FROM customers
WHERE lapse_on IS NOT NULL AND archived_at IS NULL AND lapse_on BETWEEN ? AND ? AND last_visit >= ?
	AND third_visit >= ?
	AND id = ?
ORDER BY name, id LIMIT ?;
-- args: '2026-06-24', '2026-11-28', '2026-06-02', '2026-06-02', 1, -1

-- The SQL of the birthdays, on Sat 28 Nov (TestWeekSQL).

-- the whole queue (Store.Week), cut at PerKindLimit (1 here)
SELECT id, name, bday_year, bday_day
FROM customers INDEXED BY customers_bday_week
WHERE bday_month > 0 AND archived_at IS NULL AND bday_month = ? AND bday_day BETWEEN ? AND ?
	AND (id NOT IN (SELECT customer_id FROM week_items INDEXED BY week_items_kind
		WHERE kind = 'birthday' AND (state = 'done' OR week = ?))
		OR NOT EXISTS (SELECT 1 FROM week_items wi WHERE wi.id = 'birthday:' || customers.id || ':' || ? AND (wi.state = 'done' OR wi.week = ?)))
ORDER BY bday_day, name, id LIMIT ?;
-- args: 11, 28, 30, '2026-11-23', 2026, '2026-11-23', 1
SELECT count(*)
FROM customers INDEXED BY customers_bday_week
WHERE bday_month > 0 AND archived_at IS NULL AND bday_month = ? AND bday_day BETWEEN ? AND ?
	AND (id NOT IN (SELECT customer_id FROM week_items INDEXED BY week_items_kind
		WHERE kind = 'birthday' AND (state = 'done' OR week = ?))
		OR NOT EXISTS (SELECT 1 FROM week_items wi WHERE wi.id = 'birthday:' || customers.id || ':' || ? AND (wi.state = 'done' OR wi.week = ?)));
-- args: 11, 28, 30, '2026-11-23', 2026, '2026-11-23'
SELECT count(*)
FROM customers INDEXED BY customers_bday_week
WHERE bday_month > 0 AND archived_at IS NULL AND bday_month = ? AND bday_day BETWEEN ? AND ?
	AND (id NOT IN (SELECT customer_id FROM week_items INDEXED BY week_items_kind
		WHERE kind = 'birthday' AND (state = 'done' OR week = ?))
		OR NOT EXISTS (SELECT 1 FROM week_items wi WHERE wi.id = 'birthday:' || customers.id || ':' || ? AND (wi.state = 'done' OR wi.week = ?)));
-- args: 12, 1, 4, '2026-11-23', 2026, '2026-11-23'

-- one customer (DoneItem, SnoozeItem, and a snoozed item in Store.Week)
SELECT id, name, bday_year, bday_day
FROM customers
WHERE bday_month > 0 AND archived_at IS NULL AND bday_month = ? AND bday_day BETWEEN ? AND ?
	AND id = ?
ORDER BY bday_day, name, id LIMIT ?;
-- args: 11, 28, 30, 1, -1
SELECT id, name, bday_year, bday_day
FROM customers
WHERE bday_month > 0 AND archived_at IS NULL AND bday_month = ? AND bday_day BETWEEN ? AND ?
	AND id = ?
ORDER BY bday_day, name, id LIMIT ?;
-- args: 12, 1, 4, 1, -1

-- The SQL of the thank-yous, on Sat 28 Nov (TestWeekSQL).

-- the whole queue (Store.Week), cut at PerKindLimit (1 here)
SELECT t.id, t.customer_id, c.name, t.reason, t.due
FROM thank_yous t JOIN customers c INDEXED BY customers_active_name ON c.id = t.customer_id
WHERE t.sent_at IS NULL AND t.due <= ? AND c.archived_at IS NULL
	AND (t.customer_id NOT IN (SELECT customer_id FROM week_items INDEXED BY week_items_kind
		WHERE kind = 'thank-you' AND (state = 'done' OR week = ?))
		OR NOT EXISTS (SELECT 1 FROM week_items wi WHERE wi.id = 'thank-you:' || t.customer_id || ':' || t.id AND (wi.state = 'done' OR wi.week = ?)))
ORDER BY t.due, c.name, t.id LIMIT ?;
-- args: '2026-12-04', '2026-11-23', '2026-11-23', 1
SELECT count(*)
FROM thank_yous t INDEXED BY thank_yous_open
WHERE t.sent_at IS NULL AND t.due <= ? AND NOT EXISTS (SELECT 1 FROM customers a INDEXED BY customers_archived
	WHERE a.id = t.customer_id AND a.archived_at IS NOT NULL)
	AND (t.customer_id NOT IN (SELECT customer_id FROM week_items INDEXED BY week_items_kind
		WHERE kind = 'thank-you' AND (state = 'done' OR week = ?))
		OR NOT EXISTS (SELECT 1 FROM week_items wi WHERE wi.id = 'thank-you:' || t.customer_id || ':' || t.id AND (wi.state = 'done' OR wi.week = ?)));
-- args: '2026-12-04', '2026-11-23', '2026-11-23'
SELECT unit, visits FROM visit_amount_units WHERE visits > 0 ORDER BY unit;
SELECT cents, visits FROM visit_amounts WHERE cents BETWEEN ? AND ? ORDER BY cents;
-- args: 5000, 5099
SELECT v.id, v.customer_id, c.name, v.day, v.cents
FROM visits v INDEXED BY visits_day JOIN customers c INDEXED BY customers_active_name ON c.id = v.customer_id
WHERE v.day IN (?, ?, ?, ?, ?, ?, ?) AND v.cents >= ? AND c.archived_at IS NULL
	AND NOT EXISTS (SELECT 1 FROM thank_yous t WHERE t.visit_id = v.id)
	AND NOT EXISTS (SELECT 1 FROM thank_yous t WHERE t.customer_id = v.customer_id AND t.due >= v.day)
ORDER BY v.day, v.id;
-- args: '2026-11-22', '2026-11-23', '2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27', '2026-11-28', 10000

-- one customer (DoneItem, SnoozeItem, and a snoozed item in Store.Week)
SELECT t.id, t.customer_id, c.name, t.reason, t.due
FROM thank_yous t JOIN customers c INDEXED BY customers_active_name ON c.id = t.customer_id
WHERE t.sent_at IS NULL AND t.due <= ? AND c.archived_at IS NULL
	AND t.customer_id = ?
ORDER BY t.due, c.name, t.id LIMIT ?;
-- args: '2026-12-04', 1, -1
SELECT unit, visits FROM visit_amount_units WHERE visits > 0 ORDER BY unit;
SELECT cents, visits FROM visit_amounts WHERE cents BETWEEN ? AND ? ORDER BY cents;
-- args: 5000, 5099
SELECT v.id, v.customer_id, c.name, v.day, v.cents
FROM visits v INDEXED BY visits_day JOIN customers c INDEXED BY customers_active_name ON c.id = v.customer_id
WHERE v.day IN (?, ?, ?, ?, ?, ?, ?) AND v.cents >= ? AND c.archived_at IS NULL AND v.customer_id = ?
	AND NOT EXISTS (SELECT 1 FROM thank_yous t WHERE t.visit_id = v.id)
	AND NOT EXISTS (SELECT 1 FROM thank_yous t WHERE t.customer_id = v.customer_id AND t.due >= v.day)
ORDER BY v.day, v.id;
-- args: '2026-11-22', '2026-11-23', '2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27', '2026-11-28', 10000, 1

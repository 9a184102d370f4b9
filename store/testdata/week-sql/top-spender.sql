-- The SQL of the top spenders, on Sat 28 Nov (TestWeekSQL).

-- the whole queue (Store.Week), cut at PerKindLimit (1 here)
SELECT w.customer_id, c.name, w.cents FROM (
	SELECT customer_id, sum(cents) AS cents FROM visits INDEXED BY visits_day
	WHERE day BETWEEN ? AND ? GROUP BY customer_id ORDER BY cents DESC LIMIT 100
) w JOIN customers c INDEXED BY customers_active_name ON c.id = w.customer_id
WHERE c.archived_at IS NULL ORDER BY w.cents DESC;
-- args: '2026-11-22', '2026-11-28'

-- one customer (DoneItem, SnoozeItem, and a snoozed item in Store.Week)
SELECT w.customer_id, c.name, w.cents FROM (
	SELECT customer_id, sum(cents) AS cents FROM visits INDEXED BY visits_day
	WHERE day BETWEEN ? AND ? GROUP BY customer_id ORDER BY cents DESC LIMIT 100
) w JOIN customers c INDEXED BY customers_active_name ON c.id = w.customer_id
WHERE c.archived_at IS NULL ORDER BY w.cents DESC;
-- args: '2026-11-22', '2026-11-28'

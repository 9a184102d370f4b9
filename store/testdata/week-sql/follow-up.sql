-- The SQL of the follow-ups, on Sat 28 Nov (TestWeekSQL).

-- the whole queue (Store.Week), cut at PerKindLimit (1 here)
SELECT n.id, n.customer_id, c.name, n.ask_on, n.text, n.private, coalesce(c.last_visit, '')
FROM notes n INDEXED BY notes_followup JOIN customers c INDEXED BY customers_active_name ON c.id = n.customer_id
WHERE n.ask_on IS NOT NULL AND n.asked_at IS NULL AND n.ask_on <= ? AND c.archived_at IS NULL
	AND (c.last_visit IS NULL OR c.last_visit < n.ask_on)
	AND (n.customer_id NOT IN (SELECT customer_id FROM week_items INDEXED BY week_items_kind
		WHERE kind = 'follow-up' AND (state = 'done' OR week = ?))
		OR NOT EXISTS (SELECT 1 FROM week_items wi WHERE wi.id = 'follow-up:' || n.customer_id || ':' || n.id AND (wi.state = 'done' OR wi.week = ?)))
ORDER BY n.ask_on, c.name, n.id LIMIT ?;
-- args: '2026-11-21', '2026-11-23', '2026-11-23', 1

-- one customer (DoneItem, SnoozeItem, and a snoozed item in Store.Week)
SELECT n.id, n.customer_id, c.name, n.ask_on, n.text, n.private, coalesce(c.last_visit, '')
FROM notes n INDEXED BY notes_followup JOIN customers c INDEXED BY customers_active_name ON c.id = n.customer_id
WHERE n.ask_on IS NOT NULL AND n.asked_at IS NULL AND n.ask_on <= ? AND c.archived_at IS NULL
	AND (c.last_visit IS NULL OR c.last_visit < n.ask_on)
	AND n.customer_id = ?
ORDER BY n.ask_on, c.name, n.id LIMIT ?;
-- args: '2026-11-21', 1, -1

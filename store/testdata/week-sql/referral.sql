-- The SQL of the referrals, on Sat 28 Nov (TestWeekSQL).

-- the whole queue (Store.Week), cut at PerKindLimit (1 here)
SELECT r.id, r.name, c.id, c.name, c.first_visit
FROM customers c INDEXED BY customers_referred_first
	JOIN customers r INDEXED BY customers_active_name ON r.id = c.referred_by
WHERE c.referred_by IS NOT NULL AND c.first_visit IS NOT NULL AND c.archived_at IS NULL
	AND c.first_visit BETWEEN ? AND ? AND r.archived_at IS NULL
	AND (r.id NOT IN (SELECT customer_id FROM week_items INDEXED BY week_items_kind
		WHERE kind = 'referral' AND (state = 'done' OR week = ?))
		OR NOT EXISTS (SELECT 1 FROM week_items wi WHERE wi.id = 'referral:' || r.id || ':' || c.id AND (wi.state = 'done' OR wi.week = ?)))
ORDER BY r.name, r.id, c.id LIMIT ?;
-- args: '2026-11-22', '2026-11-28', '2026-11-23', '2026-11-23', 1

-- one customer (DoneItem, SnoozeItem, and a snoozed item in Store.Week)
SELECT r.id, r.name, c.id, c.name, c.first_visit
FROM customers c INDEXED BY customers_referred_first
	JOIN customers r INDEXED BY customers_active_name ON r.id = c.referred_by
WHERE c.referred_by IS NOT NULL AND c.first_visit IS NOT NULL AND c.archived_at IS NULL
	AND c.first_visit BETWEEN ? AND ? AND r.archived_at IS NULL
	AND r.id = ?
ORDER BY r.name, r.id, c.id LIMIT ?;
-- args: '2026-11-22', '2026-11-28', 1, -1

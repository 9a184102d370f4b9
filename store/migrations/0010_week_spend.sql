-- Regulars notebook: what makes the weekly queue quick at a large shop.

-- Spend per customer and queue week (model.WeekOf: the Monday it starts),
-- kept by the visits triggers below as visit_years is: the top spender
-- reads the leading spenders of the queue week most of the window behind
-- today falls in, instead of totalling every visit of that part.
-- A week's row goes when its last visit does, so the table is exactly the
-- visits grouped by customer and week (TestWeekRhythmMatchesModel).
CREATE TABLE visit_weeks (
	customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
	week        TEXT NOT NULL,   -- YYYY-MM-DD, a Monday
	cents       INTEGER NOT NULL,
	visits      INTEGER NOT NULL,
	PRIMARY KEY (customer_id, week)
) STRICT, WITHOUT ROWID;
CREATE INDEX visit_weeks_week ON visit_weeks (week, cents);

-- The Monday on or before a day: strftime('%w') counts from Sunday (0).
-- A bulk insert (the demo) sets meta 'bulk' and writes the rows itself.
CREATE TRIGGER visits_weeks_ai AFTER INSERT ON visits
WHEN NOT EXISTS (SELECT 1 FROM meta WHERE key = 'bulk') BEGIN
	INSERT INTO visit_weeks (customer_id, week, cents, visits)
	VALUES (new.customer_id, date(new.day, '-' || ((CAST(strftime('%w', new.day) AS INTEGER) + 6) % 7) || ' days'), new.cents, 1)
	ON CONFLICT (customer_id, week) DO UPDATE SET cents = cents + excluded.cents, visits = visits + 1;
END;
CREATE TRIGGER visits_weeks_ad AFTER DELETE ON visits BEGIN
	UPDATE visit_weeks SET cents = cents - old.cents, visits = visits - 1
	WHERE customer_id = old.customer_id AND week = date(old.day, '-' || ((CAST(strftime('%w', old.day) AS INTEGER) + 6) % 7) || ' days');
	DELETE FROM visit_weeks
	WHERE customer_id = old.customer_id AND week = date(old.day, '-' || ((CAST(strftime('%w', old.day) AS INTEGER) + 6) % 7) || ' days')
		AND visits <= 0;
END;
-- An edited visit is a delete and an insert.
CREATE TRIGGER visits_weeks_au AFTER UPDATE OF customer_id, day, cents ON visits BEGIN
	UPDATE visit_weeks SET cents = cents - old.cents, visits = visits - 1
	WHERE customer_id = old.customer_id AND week = date(old.day, '-' || ((CAST(strftime('%w', old.day) AS INTEGER) + 6) % 7) || ' days');
	DELETE FROM visit_weeks
	WHERE customer_id = old.customer_id AND week = date(old.day, '-' || ((CAST(strftime('%w', old.day) AS INTEGER) + 6) % 7) || ' days')
		AND visits <= 0;
	INSERT INTO visit_weeks (customer_id, week, cents, visits)
	VALUES (new.customer_id, date(new.day, '-' || ((CAST(strftime('%w', new.day) AS INTEGER) + 6) % 7) || ' days'), new.cents, 1)
	ON CONFLICT (customer_id, week) DO UPDATE SET cents = cents + excluded.cents, visits = visits + 1;
END;
INSERT INTO visit_weeks (customer_id, week, cents, visits)
SELECT customer_id, date(day, '-' || ((CAST(strftime('%w', day) AS INTEGER) + 6) % 7) || ' days') AS week, sum(cents), count(*)
FROM visits GROUP BY customer_id, week;

-- A customer's visits with their amounts, in one index range: their spend
-- over some days (check-ins, top spender) without reading the rows.
DROP INDEX visits_customer_day;
CREATE INDEX visits_customer_day ON visits (customer_id, day, cents);
-- A day's visits by amount: the big purchases of the week behind are found
-- day by day without passing over the usual ones.
DROP INDEX visits_day;
CREATE INDEX visits_day ON visits (day, cents, customer_id);

-- The customers with an item of a kind done, or acted on in a given queue
-- week: each kind's query passes over everyone else without looking up
-- their item's id.
CREATE INDEX week_items_kind ON week_items (kind, state, week, customer_id);

-- The customers someone sent us, by first visit (referrals), and those
-- added by hand who never visited, by the day they were added (new
-- customers): one index range each, no table reads.
CREATE INDEX customers_referred_first ON customers (first_visit, referred_by, name)
	WHERE referred_by IS NOT NULL AND first_visit IS NOT NULL AND archived_at IS NULL;
CREATE INDEX customers_new_typed ON customers (created_at, name)
	WHERE first_visit IS NULL AND archived_at IS NULL AND source = 'typed';

-- Whether a thank-you's or a piece of feedback's customer is archived is
-- asked of the few who are, not looked up among all the customers, when
-- the queue counts the ones past its cut; the open thank-yous hold their
-- customer for it.
CREATE INDEX customers_archived ON customers (id) WHERE archived_at IS NOT NULL;
DROP INDEX thank_yous_open;
CREATE INDEX thank_yous_open ON thank_yous (due, customer_id) WHERE sent_at IS NULL;
-- The name of a follow-up's customer comes with their last visit (the rule
-- waits for one since the ask-on day).
DROP INDEX customers_active_name;
CREATE INDEX customers_active_name ON customers (id, name, last_visit) WHERE archived_at IS NULL;

-- Regulars notebook, version 2: the weekly queue.
-- The week's rules live in model/week.go; what is kept here lets the store
-- find each kind's candidates from a small index range instead of reading a
-- year of visits.

-- What the owner did about a week item: done (for good: the id names the
-- occasion, e.g. birthday:42:2026) or snoozed (until the next queue week).
-- The item's kind, reason and due day are kept so a done item stays on the
-- queue for the rest of its week even once what it was about is closed; the
-- records it wrote or closed are kept so it can be undone.
CREATE TABLE week_items (
	id           TEXT PRIMARY KEY,
	state        TEXT NOT NULL CHECK (state IN ('done', 'snoozed')),
	week         TEXT NOT NULL,   -- YYYY-MM-DD, first day of the queue week
	day          TEXT NOT NULL,   -- YYYY-MM-DD it was done or snoozed
	kind         TEXT NOT NULL,
	customer_id  INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
	reason       TEXT NOT NULL,
	due          TEXT NOT NULL,
	outreach_id  INTEGER REFERENCES outreach (id) ON DELETE SET NULL,
	thank_you_id INTEGER REFERENCES thank_yous (id) ON DELETE SET NULL,
	made_thank_you INTEGER NOT NULL DEFAULT 0 CHECK (made_thank_you IN (0, 1)), -- done created it
	note_id      INTEGER REFERENCES notes (id) ON DELETE SET NULL,
	feedback_id  INTEGER REFERENCES feedback (id) ON DELETE SET NULL,
	visit_id     INTEGER REFERENCES visits (id) ON DELETE SET NULL,
	created_at   TEXT NOT NULL
) STRICT;
CREATE INDEX week_items_week ON week_items (week, state);
CREATE INDEX week_items_customer ON week_items (customer_id);

-- Each customer's first visit (new customers), and their rhythm: the median
-- gap in days between their visits over the 180 days up to their last visit
-- (NULL with fewer than three such visits), and the day they count as
-- lapsed: last visit + max(21, 2 × median gap) + 1 (model.WeekRules).
ALTER TABLE customers ADD COLUMN first_visit TEXT;
ALTER TABLE customers ADD COLUMN gap_median REAL;
ALTER TABLE customers ADD COLUMN lapse_on TEXT;
-- The day of their third latest visit: with it in the last 180 days, they
-- visited often enough to count as a regular (model.WeekRules.LapsedVisits).
ALTER TABLE customers ADD COLUMN third_visit TEXT;

-- The queue reads these indexes only, never the wide customer rows: each
-- holds what its kind needs, and customers_active_name gives the name of
-- the customer of a thank-you, feedback or follow-up.
CREATE INDEX customers_active_name ON customers (id, name) WHERE archived_at IS NULL;
CREATE INDEX customers_first_visit ON customers (first_visit, name, created_at) WHERE first_visit IS NOT NULL AND archived_at IS NULL;
CREATE INDEX customers_lapse_on ON customers (lapse_on, last_visit, third_visit, gap_median, name) WHERE lapse_on IS NOT NULL AND archived_at IS NULL;
-- Birthdays and anniversaries of a week with the name: one index range, no
-- table reads.
CREATE INDEX customers_bday_week ON customers (bday_month, bday_day, bday_year, name) WHERE bday_month > 0 AND archived_at IS NULL;
CREATE INDEX customers_anniv_week ON customers (anniv_month, anniv_day, anniv_year, name) WHERE anniv_month > 0 AND archived_at IS NULL;
-- Open follow-ups with their text.
CREATE INDEX notes_followup ON notes (ask_on, customer_id, private, text) WHERE ask_on IS NOT NULL AND asked_at IS NULL;
-- Unhappy feedback without a reply (rated 3 or lower: model.UnhappyRating),
-- oldest first: the queue lists the first few and counts the rest.
CREATE INDEX feedback_unhappy ON feedback (day, customer_id) WHERE replied_at IS NULL AND rating <= 3;

-- How many visits there are of each amount, and of each whole unit of
-- money (cents / 100): the shop's median visit amount is found by walking
-- the units, then the amounts of one unit, without sorting every visit.
CREATE TABLE visit_amounts (
	cents  INTEGER PRIMARY KEY,
	visits INTEGER NOT NULL
) STRICT;
CREATE TABLE visit_amount_units (
	unit   INTEGER PRIMARY KEY,
	visits INTEGER NOT NULL
) STRICT;
INSERT INTO visit_amounts (cents, visits) SELECT cents, count(*) FROM visits GROUP BY cents;
INSERT INTO visit_amount_units (unit, visits) SELECT cents / 100, count(*) FROM visits GROUP BY cents / 100;

-- The rhythm of one customer is recomputed from their visits by the same
-- statement in every trigger below (triggers cannot share a CTE or a view
-- with parameters, so the statement is repeated with NEW or OLD).
-- A bulk insert (the demo) sets meta 'bulk' inside its transaction and
-- recomputes all of this once per customer at the end
-- (store.recomputeBulk), instead of once per visit.
CREATE TRIGGER visits_week_ai AFTER INSERT ON visits
WHEN NOT EXISTS (SELECT 1 FROM meta WHERE key = 'bulk') BEGIN
	INSERT INTO visit_amounts (cents, visits) VALUES (new.cents, 1)
	ON CONFLICT (cents) DO UPDATE SET visits = visits + 1;
	INSERT INTO visit_amount_units (unit, visits) VALUES (new.cents / 100, 1)
	ON CONFLICT (unit) DO UPDATE SET visits = visits + 1;
	UPDATE customers SET first_visit = CASE WHEN first_visit IS NULL OR new.day < first_visit THEN new.day ELSE first_visit END,
		third_visit = (SELECT day FROM visits WHERE customer_id = new.customer_id ORDER BY day DESC LIMIT 1 OFFSET 2)
	WHERE id = new.customer_id;
	UPDATE customers SET (gap_median, lapse_on) = (
		SELECT m, CASE WHEN m IS NOT NULL THEN date(l, '+' || (max(21, CAST(2 * m AS INTEGER)) + 1) || ' days') END
		FROM (SELECT (SELECT max(day) FROM visits WHERE customer_id = new.customer_id) AS l,
			(SELECT avg(gap) FROM (
				SELECT gap, row_number() OVER (ORDER BY gap) AS rn, count(*) OVER () AS n FROM (
					SELECT julianday(day) - julianday(lag(day) OVER (ORDER BY day)) AS gap FROM visits
					WHERE customer_id = new.customer_id
					AND day >= date((SELECT max(day) FROM visits WHERE customer_id = new.customer_id), '-179 days')
				) WHERE gap IS NOT NULL
			) WHERE n >= 2 AND rn BETWEEN (n + 1) / 2 AND n / 2 + 1) AS m))
	WHERE id = new.customer_id;
END;

CREATE TRIGGER visits_week_ad AFTER DELETE ON visits BEGIN
	UPDATE visit_amounts SET visits = visits - 1 WHERE cents = old.cents;
	DELETE FROM visit_amounts WHERE cents = old.cents AND visits <= 0;
	UPDATE visit_amount_units SET visits = visits - 1 WHERE unit = old.cents / 100;
	DELETE FROM visit_amount_units WHERE unit = old.cents / 100 AND visits <= 0;
	UPDATE customers SET first_visit = (SELECT min(day) FROM visits WHERE customer_id = old.customer_id),
		third_visit = (SELECT day FROM visits WHERE customer_id = old.customer_id ORDER BY day DESC LIMIT 1 OFFSET 2)
	WHERE id = old.customer_id;
	UPDATE customers SET (gap_median, lapse_on) = (
		SELECT m, CASE WHEN m IS NOT NULL THEN date(l, '+' || (max(21, CAST(2 * m AS INTEGER)) + 1) || ' days') END
		FROM (SELECT (SELECT max(day) FROM visits WHERE customer_id = old.customer_id) AS l,
			(SELECT avg(gap) FROM (
				SELECT gap, row_number() OVER (ORDER BY gap) AS rn, count(*) OVER () AS n FROM (
					SELECT julianday(day) - julianday(lag(day) OVER (ORDER BY day)) AS gap FROM visits
					WHERE customer_id = old.customer_id
					AND day >= date((SELECT max(day) FROM visits WHERE customer_id = old.customer_id), '-179 days')
				) WHERE gap IS NOT NULL
			) WHERE n >= 2 AND rn BETWEEN (n + 1) / 2 AND n / 2 + 1) AS m))
	WHERE id = old.customer_id;
END;

-- An edited visit is a delete and an insert.
CREATE TRIGGER visits_week_au AFTER UPDATE OF customer_id, day, cents ON visits BEGIN
	UPDATE visit_amounts SET visits = visits - 1 WHERE cents = old.cents;
	DELETE FROM visit_amounts WHERE cents = old.cents AND visits <= 0;
	UPDATE visit_amount_units SET visits = visits - 1 WHERE unit = old.cents / 100;
	DELETE FROM visit_amount_units WHERE unit = old.cents / 100 AND visits <= 0;
	INSERT INTO visit_amounts (cents, visits) VALUES (new.cents, 1)
	ON CONFLICT (cents) DO UPDATE SET visits = visits + 1;
	INSERT INTO visit_amount_units (unit, visits) VALUES (new.cents / 100, 1)
	ON CONFLICT (unit) DO UPDATE SET visits = visits + 1;
	UPDATE customers SET first_visit = (SELECT min(day) FROM visits WHERE customer_id = customers.id),
		third_visit = (SELECT day FROM visits WHERE customer_id = customers.id ORDER BY day DESC LIMIT 1 OFFSET 2)
	WHERE id IN (old.customer_id, new.customer_id);
	UPDATE customers SET (gap_median, lapse_on) = (
		SELECT m, CASE WHEN m IS NOT NULL THEN date(l, '+' || (max(21, CAST(2 * m AS INTEGER)) + 1) || ' days') END
		FROM (SELECT (SELECT max(day) FROM visits WHERE customer_id = customers.id) AS l,
			(SELECT avg(gap) FROM (
				SELECT gap, row_number() OVER (ORDER BY gap) AS rn, count(*) OVER () AS n FROM (
					SELECT julianday(day) - julianday(lag(day) OVER (ORDER BY day)) AS gap FROM visits
					WHERE customer_id = customers.id
					AND day >= date((SELECT max(day) FROM visits WHERE customer_id = customers.id), '-179 days')
				) WHERE gap IS NOT NULL
			) WHERE n >= 2 AND rn BETWEEN (n + 1) / 2 AND n / 2 + 1) AS m))
	WHERE id IN (old.customer_id, new.customer_id);
END;

-- Existing notebooks: fill the new columns from the visits they hold.
UPDATE customers SET first_visit = (SELECT min(day) FROM visits WHERE customer_id = customers.id),
	third_visit = (SELECT day FROM visits WHERE customer_id = customers.id ORDER BY day DESC LIMIT 1 OFFSET 2)
WHERE visit_count > 0;
UPDATE customers SET (gap_median, lapse_on) = (
	SELECT m, CASE WHEN m IS NOT NULL THEN date(l, '+' || (max(21, CAST(2 * m AS INTEGER)) + 1) || ' days') END
	FROM (SELECT (SELECT max(day) FROM visits WHERE customer_id = customers.id) AS l,
		(SELECT avg(gap) FROM (
			SELECT gap, row_number() OVER (ORDER BY gap) AS rn, count(*) OVER () AS n FROM (
				SELECT julianday(day) - julianday(lag(day) OVER (ORDER BY day)) AS gap FROM visits
				WHERE customer_id = customers.id
				AND day >= date((SELECT max(day) FROM visits WHERE customer_id = customers.id), '-179 days')
			) WHERE gap IS NOT NULL
		) WHERE n >= 2 AND rn BETWEEN (n + 1) / 2 AND n / 2 + 1) AS m))
WHERE visit_count >= 3;

-- Regulars notebook, version 1.
-- Times are ISO-8601 text in UTC ("2026-11-23T14:50:00.000Z"); calendar days
-- are "YYYY-MM-DD" in the owner's time zone. Both are read by SQLite's date().
-- Birthdays and anniversaries are month/day with an optional year (0 = unknown).

CREATE TABLE meta (
	key   TEXT PRIMARY KEY,
	value TEXT NOT NULL
) STRICT;
INSERT INTO meta (key, value) VALUES ('application', 'regulars');

CREATE TABLE customers (
	id           INTEGER PRIMARY KEY,
	name         TEXT NOT NULL CHECK (name <> ''),
	nickname     TEXT NOT NULL DEFAULT '',
	phone        TEXT NOT NULL DEFAULT '',
	phone_digits TEXT NOT NULL DEFAULT '',
	email        TEXT NOT NULL DEFAULT '',
	bday_year    INTEGER NOT NULL DEFAULT 0,
	bday_month   INTEGER NOT NULL DEFAULT 0 CHECK (bday_month BETWEEN 0 AND 12),
	bday_day     INTEGER NOT NULL DEFAULT 0 CHECK (bday_day BETWEEN 0 AND 31),
	anniv_year   INTEGER NOT NULL DEFAULT 0,
	anniv_month  INTEGER NOT NULL DEFAULT 0 CHECK (anniv_month BETWEEN 0 AND 12),
	anniv_day    INTEGER NOT NULL DEFAULT 0 CHECK (anniv_day BETWEEN 0 AND 31),
	partner      TEXT NOT NULL DEFAULT '',
	children     TEXT NOT NULL DEFAULT '',
	interests    TEXT NOT NULL DEFAULT '',
	usual        TEXT NOT NULL DEFAULT '',
	tags         TEXT NOT NULL DEFAULT '', -- comma-separated, lower case
	created_at   TEXT NOT NULL,
	archived_at  TEXT,
	-- Kept by the visits triggers so the list can sort and show them without
	-- aggregating every visit.
	last_visit   TEXT,
	visit_count  INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX customers_name ON customers (name COLLATE NOCASE) WHERE archived_at IS NULL;
CREATE INDEX customers_email ON customers (email COLLATE NOCASE) WHERE email <> '';
CREATE INDEX customers_phone ON customers (phone_digits) WHERE phone_digits <> '';
CREATE INDEX customers_bday ON customers (bday_month, bday_day) WHERE bday_month > 0;
CREATE INDEX customers_anniv ON customers (anniv_month, anniv_day) WHERE anniv_month > 0;
CREATE INDEX customers_created ON customers (created_at);
CREATE INDEX customers_last_visit ON customers (last_visit) WHERE archived_at IS NULL;

CREATE TABLE notes (
	id          INTEGER PRIMARY KEY,
	customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
	text        TEXT NOT NULL CHECK (text <> ''),
	created_at  TEXT NOT NULL,
	ask_on      TEXT,             -- YYYY-MM-DD, a follow-up when set
	asked_at    TEXT,
	private     INTEGER NOT NULL DEFAULT 0 CHECK (private IN (0, 1))
) STRICT;
CREATE INDEX notes_customer ON notes (customer_id, created_at);
CREATE INDEX notes_ask_on ON notes (ask_on, customer_id) WHERE ask_on IS NOT NULL AND asked_at IS NULL;

CREATE TABLE visits (
	id          INTEGER PRIMARY KEY,
	customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
	day         TEXT NOT NULL,   -- YYYY-MM-DD
	cents       INTEGER NOT NULL CHECK (cents >= 0),
	what        TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX visits_customer_day ON visits (customer_id, day);
CREATE INDEX visits_day ON visits (day, customer_id, cents);

-- Spend per customer and calendar year, kept by triggers: "spend this year"
-- for the list's sort without summing a year of visits.
CREATE TABLE visit_years (
	customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
	year        INTEGER NOT NULL,
	cents       INTEGER NOT NULL,
	visits      INTEGER NOT NULL,
	PRIMARY KEY (customer_id, year)
) STRICT, WITHOUT ROWID;
CREATE INDEX visit_years_year ON visit_years (year, cents);

-- A bulk insert (the demo) sets meta 'bulk' inside its transaction and
-- recomputes what these triggers keep once per customer at the end
-- (store.recomputeBulk), instead of once per visit.
CREATE TRIGGER visits_ai AFTER INSERT ON visits
WHEN NOT EXISTS (SELECT 1 FROM meta WHERE key = 'bulk') BEGIN
	UPDATE customers SET
		last_visit = CASE WHEN last_visit IS NULL OR new.day > last_visit THEN new.day ELSE last_visit END,
		visit_count = visit_count + 1
	WHERE id = new.customer_id;
	INSERT INTO visit_years (customer_id, year, cents, visits)
	VALUES (new.customer_id, CAST(substr(new.day, 1, 4) AS INTEGER), new.cents, 1)
	ON CONFLICT (customer_id, year) DO UPDATE SET cents = cents + excluded.cents, visits = visits + 1;
END;
CREATE TRIGGER visits_ad AFTER DELETE ON visits BEGIN
	UPDATE customers SET
		last_visit = (SELECT max(day) FROM visits WHERE customer_id = old.customer_id),
		visit_count = visit_count - 1
	WHERE id = old.customer_id;
	UPDATE visit_years SET cents = cents - old.cents, visits = visits - 1
	WHERE customer_id = old.customer_id AND year = CAST(substr(old.day, 1, 4) AS INTEGER);
END;
-- An edited visit moves its spend and may change the last visit.
CREATE TRIGGER visits_au AFTER UPDATE OF customer_id, day, cents ON visits BEGIN
	UPDATE visit_years SET cents = cents - old.cents, visits = visits - 1
	WHERE customer_id = old.customer_id AND year = CAST(substr(old.day, 1, 4) AS INTEGER);
	INSERT INTO visit_years (customer_id, year, cents, visits)
	VALUES (new.customer_id, CAST(substr(new.day, 1, 4) AS INTEGER), new.cents, 1)
	ON CONFLICT (customer_id, year) DO UPDATE SET cents = cents + excluded.cents, visits = visits + 1;
	UPDATE customers SET
		last_visit = (SELECT max(day) FROM visits WHERE customer_id = customers.id),
		visit_count = (SELECT count(*) FROM visits WHERE customer_id = customers.id)
	WHERE id IN (old.customer_id, new.customer_id);
END;

CREATE TABLE thank_yous (
	id          INTEGER PRIMARY KEY,
	customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
	visit_id    INTEGER REFERENCES visits (id) ON DELETE SET NULL,
	reason      TEXT NOT NULL CHECK (reason <> ''),
	due         TEXT NOT NULL,   -- YYYY-MM-DD
	created_at  TEXT NOT NULL,
	sent_at     TEXT
) STRICT;
CREATE INDEX thank_yous_customer ON thank_yous (customer_id);
CREATE INDEX thank_yous_open ON thank_yous (due) WHERE sent_at IS NULL;
CREATE INDEX thank_yous_visit ON thank_yous (visit_id) WHERE visit_id IS NOT NULL;

CREATE TABLE feedback (
	id          INTEGER PRIMARY KEY,
	customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
	day         TEXT NOT NULL,
	rating      INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 5),
	comment     TEXT NOT NULL DEFAULT '',
	replied_at  TEXT
) STRICT;
CREATE INDEX feedback_customer ON feedback (customer_id, day);
CREATE INDEX feedback_unreplied ON feedback (rating, day) WHERE replied_at IS NULL;

CREATE TABLE outreach (
	id          INTEGER PRIMARY KEY,
	customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
	day         TEXT NOT NULL,
	channel     TEXT NOT NULL CHECK (channel IN ('card', 'call', 'email', 'message', 'in person')),
	about       TEXT NOT NULL DEFAULT '',
	note        TEXT NOT NULL DEFAULT '',
	created_at  TEXT NOT NULL
) STRICT;
CREATE INDEX outreach_customer_day ON outreach (customer_id, day);
CREATE INDEX outreach_day ON outreach (day);

-- Full-text search for the customer list's filter: one row per customer
-- (name, nickname, the e-mail's local part, phone digits, tags).
CREATE VIRTUAL TABLE customer_fts USING fts5 (
	name, nickname, email, phone, tags,
	content = '', contentless_delete = 1,
	tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3'
);
-- Phone numbers' digits by trigram, so a fragment from the middle of a
-- number ("7123") is found through an index (rowid = the customer's id).
CREATE VIRTUAL TABLE phone_fts USING fts5 (
	digits,
	content = '', contentless_delete = 1,
	tokenize = 'trigram'
);
-- The words of each customer's notes, one row per customer (rowid = the
-- customer's id), public and private notes apart: a word found in tens of
-- thousands of notes gives customer ids straight from the index.
CREATE VIRTUAL TABLE customer_notes_fts USING fts5 (
	public, private,
	content = '', contentless_delete = 1,
	tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3'
);
-- A bulk insert (the demo) sets meta 'bulk' inside its transaction and
-- rebuilds these rows once per customer at the end (store.recomputeBulk).
CREATE TRIGGER notes_ai AFTER INSERT ON notes
WHEN NOT EXISTS (SELECT 1 FROM meta WHERE key = 'bulk') BEGIN
	DELETE FROM customer_notes_fts WHERE rowid = new.customer_id;
	INSERT INTO customer_notes_fts (rowid, public, private)
	SELECT new.customer_id, coalesce(group_concat(CASE WHEN private = 0 THEN text END, ' '), ''),
		coalesce(group_concat(CASE WHEN private = 1 THEN text END, ' '), '')
	FROM notes WHERE customer_id = new.customer_id;
END;
CREATE TRIGGER notes_ad AFTER DELETE ON notes BEGIN
	DELETE FROM customer_notes_fts WHERE rowid = old.customer_id;
	INSERT INTO customer_notes_fts (rowid, public, private)
	SELECT old.customer_id, coalesce(group_concat(CASE WHEN private = 0 THEN text END, ' '), ''),
		coalesce(group_concat(CASE WHEN private = 1 THEN text END, ' '), '')
	FROM notes WHERE customer_id = old.customer_id;
END;
CREATE TRIGGER notes_au AFTER UPDATE OF text, private, customer_id ON notes BEGIN
	DELETE FROM customer_notes_fts WHERE rowid IN (old.customer_id, new.customer_id);
	INSERT INTO customer_notes_fts (rowid, public, private)
	SELECT customer_id, coalesce(group_concat(CASE WHEN private = 0 THEN text END, ' '), ''),
		coalesce(group_concat(CASE WHEN private = 1 THEN text END, ' '), '')
	FROM notes WHERE customer_id IN (old.customer_id, new.customer_id) GROUP BY customer_id;
END;
CREATE TRIGGER customers_ai AFTER INSERT ON customers BEGIN
	INSERT INTO customer_fts (rowid, name, nickname, email, phone, tags)
	VALUES (new.id, new.name, new.nickname,
		-- Only the e-mail's local part: its domain ("gmail", "net") would
		-- match nearly everyone's filter.
		CASE WHEN instr(new.email, '@') > 0 THEN substr(new.email, 1, instr(new.email, '@') - 1) ELSE new.email END,
		new.phone_digits, replace(new.tags, ',', ' '));
	INSERT INTO phone_fts (rowid, digits) SELECT new.id, new.phone_digits WHERE new.phone_digits <> '';
END;
CREATE TRIGGER customers_au AFTER UPDATE OF name, nickname, email, phone_digits, tags ON customers BEGIN
	DELETE FROM customer_fts WHERE rowid = old.id;
	INSERT INTO customer_fts (rowid, name, nickname, email, phone, tags)
	VALUES (new.id, new.name, new.nickname,
		-- Only the e-mail's local part: its domain ("gmail", "net") would
		-- match nearly everyone's filter.
		CASE WHEN instr(new.email, '@') > 0 THEN substr(new.email, 1, instr(new.email, '@') - 1) ELSE new.email END,
		new.phone_digits, replace(new.tags, ',', ' '));
	DELETE FROM phone_fts WHERE rowid = old.id;
	INSERT INTO phone_fts (rowid, digits) SELECT new.id, new.phone_digits WHERE new.phone_digits <> '';
END;
CREATE TRIGGER customers_ad AFTER DELETE ON customers BEGIN
	DELETE FROM customer_fts WHERE rowid = old.id;
	DELETE FROM phone_fts WHERE rowid = old.id;
END;

-- Regulars notebook, version 3: drafts of open forms.
-- What a person is typing into a form is kept here as they type, so a
-- closed terminal, a dropped connection or a SIGHUP loses nothing: the form
-- offers it back the next time it opens for that customer. A draft is
-- removed when its form is saved or dropped on purpose. One draft per
-- customer, form and author (each person at each terminal has their own).
CREATE TABLE drafts (
	customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
	form        TEXT NOT NULL CHECK (form <> ''),
	author      TEXT NOT NULL DEFAULT '',
	body        TEXT NOT NULL,
	saved_at    TEXT NOT NULL,
	PRIMARY KEY (customer_id, form, author)
) STRICT, WITHOUT ROWID;

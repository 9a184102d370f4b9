-- Regulars notebook, version 4: removed records, kept for undelete.
-- A removed note, visit, thank-you, feedback or outreach entry leaves its
-- table (so every view, count, trigger-kept total and week rule forgets it
-- without a "removed" test in each query) and waits here with its columns
-- as JSON, and the week items and thank-yous that pointed at it, until it
-- is restored under the same id. Forgetting the customer takes these too.
CREATE TABLE removed_records (
	kind        TEXT NOT NULL CHECK (kind IN ('note', 'visit', 'thanks', 'feedback', 'outreach')),
	id          INTEGER NOT NULL,
	customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
	row         TEXT NOT NULL,              -- the row's columns, a JSON object
	links       TEXT NOT NULL DEFAULT '{}', -- what pointed at it, a JSON object
	removed_at  TEXT NOT NULL,
	PRIMARY KEY (kind, id)
) STRICT, WITHOUT ROWID;
CREATE INDEX removed_records_customer ON removed_records (customer_id, removed_at);

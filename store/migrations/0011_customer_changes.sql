-- The customers whose filter data changed, for the list's filter index
-- (store/filter_index.go): one row per customer, its seq raised past every
-- other on each write that touches what the filter reads of them (their
-- own fields and contacts, notes, spend this year, open items). An index
-- built as of seq S re-reads only the customers WHERE seq > S, whichever
-- connection or process wrote. Rows are never deleted, so seq only grows;
-- a forgotten customer leaves their id and a number here, nothing else.
-- The demo (meta 'bulk' = 'demo', inside its transaction) inserts only new
-- customers, each logged by customers_changes_ai, so the inserts of their
-- notes, visits' years, thank-yous and feedback log nothing more.
CREATE TABLE customer_changes (
	customer_id INTEGER PRIMARY KEY,
	seq         INTEGER NOT NULL UNIQUE
) STRICT;

CREATE TRIGGER customers_changes_ai AFTER INSERT ON customers BEGIN
	INSERT INTO customer_changes (customer_id, seq)
	VALUES (new.id, (SELECT coalesce(max(seq), 0) + 1 FROM customer_changes))
	ON CONFLICT (customer_id) DO UPDATE SET seq = excluded.seq;
END;
CREATE TRIGGER customers_changes_au AFTER UPDATE OF id, name, nickname, email, phone_digits, tags, archived_at, last_visit,
	bday_year, bday_month, bday_day ON customers BEGIN
	INSERT INTO customer_changes (customer_id, seq)
	VALUES (old.id, (SELECT coalesce(max(seq), 0) + 1 FROM customer_changes))
	ON CONFLICT (customer_id) DO UPDATE SET seq = excluded.seq;
	INSERT INTO customer_changes (customer_id, seq)
	VALUES (new.id, (SELECT coalesce(max(seq), 0) + 1 FROM customer_changes))
	ON CONFLICT (customer_id) DO UPDATE SET seq = excluded.seq;
END;
CREATE TRIGGER customers_changes_ad AFTER DELETE ON customers BEGIN
	INSERT INTO customer_changes (customer_id, seq)
	VALUES (old.id, (SELECT coalesce(max(seq), 0) + 1 FROM customer_changes))
	ON CONFLICT (customer_id) DO UPDATE SET seq = excluded.seq;
END;

CREATE TRIGGER contacts_changes_ai AFTER INSERT ON contacts BEGIN
	INSERT INTO customer_changes (customer_id, seq)
	VALUES (new.customer_id, (SELECT coalesce(max(seq), 0) + 1 FROM customer_changes))
	ON CONFLICT (customer_id) DO UPDATE SET seq = excluded.seq;
END;
CREATE TRIGGER contacts_changes_au AFTER UPDATE ON contacts BEGIN
	INSERT INTO customer_changes (customer_id, seq)
	VALUES (old.customer_id, (SELECT coalesce(max(seq), 0) + 1 FROM customer_changes))
	ON CONFLICT (customer_id) DO UPDATE SET seq = excluded.seq;
	INSERT INTO customer_changes (customer_id, seq)
	VALUES (new.customer_id, (SELECT coalesce(max(seq), 0) + 1 FROM customer_changes))
	ON CONFLICT (customer_id) DO UPDATE SET seq = excluded.seq;
END;
CREATE TRIGGER contacts_changes_ad AFTER DELETE ON contacts BEGIN
	INSERT INTO customer_changes (customer_id, seq)
	VALUES (old.customer_id, (SELECT coalesce(max(seq), 0) + 1 FROM customer_changes))
	ON CONFLICT (customer_id) DO UPDATE SET seq = excluded.seq;
END;

CREATE TRIGGER notes_changes_ai AFTER INSERT ON notes
WHEN NOT EXISTS (SELECT 1 FROM meta WHERE key = 'bulk' AND value = 'demo') BEGIN
	INSERT INTO customer_changes (customer_id, seq)
	VALUES (new.customer_id, (SELECT coalesce(max(seq), 0) + 1 FROM customer_changes))
	ON CONFLICT (customer_id) DO UPDATE SET seq = excluded.seq;
END;
CREATE TRIGGER notes_changes_au AFTER UPDATE OF customer_id, text, private, ask_on, asked_at ON notes BEGIN
	INSERT INTO customer_changes (customer_id, seq)
	VALUES (old.customer_id, (SELECT coalesce(max(seq), 0) + 1 FROM customer_changes))
	ON CONFLICT (customer_id) DO UPDATE SET seq = excluded.seq;
	INSERT INTO customer_changes (customer_id, seq)
	VALUES (new.customer_id, (SELECT coalesce(max(seq), 0) + 1 FROM customer_changes))
	ON CONFLICT (customer_id) DO UPDATE SET seq = excluded.seq;
END;
CREATE TRIGGER notes_changes_ad AFTER DELETE ON notes BEGIN
	INSERT INTO customer_changes (customer_id, seq)
	VALUES (old.customer_id, (SELECT coalesce(max(seq), 0) + 1 FROM customer_changes))
	ON CONFLICT (customer_id) DO UPDATE SET seq = excluded.seq;
END;

CREATE TRIGGER visit_years_changes_ai AFTER INSERT ON visit_years
WHEN NOT EXISTS (SELECT 1 FROM meta WHERE key = 'bulk' AND value = 'demo') BEGIN
	INSERT INTO customer_changes (customer_id, seq)
	VALUES (new.customer_id, (SELECT coalesce(max(seq), 0) + 1 FROM customer_changes))
	ON CONFLICT (customer_id) DO UPDATE SET seq = excluded.seq;
END;
CREATE TRIGGER visit_years_changes_au AFTER UPDATE ON visit_years BEGIN
	INSERT INTO customer_changes (customer_id, seq)
	VALUES (old.customer_id, (SELECT coalesce(max(seq), 0) + 1 FROM customer_changes))
	ON CONFLICT (customer_id) DO UPDATE SET seq = excluded.seq;
	INSERT INTO customer_changes (customer_id, seq)
	VALUES (new.customer_id, (SELECT coalesce(max(seq), 0) + 1 FROM customer_changes))
	ON CONFLICT (customer_id) DO UPDATE SET seq = excluded.seq;
END;
CREATE TRIGGER visit_years_changes_ad AFTER DELETE ON visit_years BEGIN
	INSERT INTO customer_changes (customer_id, seq)
	VALUES (old.customer_id, (SELECT coalesce(max(seq), 0) + 1 FROM customer_changes))
	ON CONFLICT (customer_id) DO UPDATE SET seq = excluded.seq;
END;

CREATE TRIGGER thank_yous_changes_ai AFTER INSERT ON thank_yous
WHEN NOT EXISTS (SELECT 1 FROM meta WHERE key = 'bulk' AND value = 'demo') BEGIN
	INSERT INTO customer_changes (customer_id, seq)
	VALUES (new.customer_id, (SELECT coalesce(max(seq), 0) + 1 FROM customer_changes))
	ON CONFLICT (customer_id) DO UPDATE SET seq = excluded.seq;
END;
CREATE TRIGGER thank_yous_changes_au AFTER UPDATE OF customer_id, due, sent_at ON thank_yous BEGIN
	INSERT INTO customer_changes (customer_id, seq)
	VALUES (old.customer_id, (SELECT coalesce(max(seq), 0) + 1 FROM customer_changes))
	ON CONFLICT (customer_id) DO UPDATE SET seq = excluded.seq;
	INSERT INTO customer_changes (customer_id, seq)
	VALUES (new.customer_id, (SELECT coalesce(max(seq), 0) + 1 FROM customer_changes))
	ON CONFLICT (customer_id) DO UPDATE SET seq = excluded.seq;
END;
CREATE TRIGGER thank_yous_changes_ad AFTER DELETE ON thank_yous BEGIN
	INSERT INTO customer_changes (customer_id, seq)
	VALUES (old.customer_id, (SELECT coalesce(max(seq), 0) + 1 FROM customer_changes))
	ON CONFLICT (customer_id) DO UPDATE SET seq = excluded.seq;
END;

CREATE TRIGGER feedback_changes_ai AFTER INSERT ON feedback
WHEN NOT EXISTS (SELECT 1 FROM meta WHERE key = 'bulk' AND value = 'demo') BEGIN
	INSERT INTO customer_changes (customer_id, seq)
	VALUES (new.customer_id, (SELECT coalesce(max(seq), 0) + 1 FROM customer_changes))
	ON CONFLICT (customer_id) DO UPDATE SET seq = excluded.seq;
END;
CREATE TRIGGER feedback_changes_au AFTER UPDATE OF customer_id, rating, replied_at ON feedback BEGIN
	INSERT INTO customer_changes (customer_id, seq)
	VALUES (old.customer_id, (SELECT coalesce(max(seq), 0) + 1 FROM customer_changes))
	ON CONFLICT (customer_id) DO UPDATE SET seq = excluded.seq;
	INSERT INTO customer_changes (customer_id, seq)
	VALUES (new.customer_id, (SELECT coalesce(max(seq), 0) + 1 FROM customer_changes))
	ON CONFLICT (customer_id) DO UPDATE SET seq = excluded.seq;
END;
CREATE TRIGGER feedback_changes_ad AFTER DELETE ON feedback BEGIN
	INSERT INTO customer_changes (customer_id, seq)
	VALUES (old.customer_id, (SELECT coalesce(max(seq), 0) + 1 FROM customer_changes))
	ON CONFLICT (customer_id) DO UPDATE SET seq = excluded.seq;
END;

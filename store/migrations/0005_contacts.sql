-- Regulars notebook, version 5: several phones and e-mails, and an address.
-- Every phone and e-mail of a customer is a row here, one of each kind
-- preferred. customers.phone, phone_digits and email stay as the preferred
-- ones (the store writes both in one transaction), so the list, the week,
-- imports and exports that read them keep working unchanged.
CREATE TABLE contacts (
	id          INTEGER PRIMARY KEY,
	customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
	kind        TEXT NOT NULL CHECK (kind IN ('phone', 'email')),
	label       TEXT NOT NULL DEFAULT 'other' CHECK (label IN ('mobile', 'home', 'work', 'other')),
	value       TEXT NOT NULL CHECK (value <> ''),
	digits      TEXT NOT NULL DEFAULT '', -- a phone's digits, for matching
	preferred   INTEGER NOT NULL DEFAULT 0 CHECK (preferred IN (0, 1)),
	position    INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX contacts_customer ON contacts (customer_id, kind, position);
CREATE INDEX contacts_email ON contacts (value COLLATE NOCASE) WHERE kind = 'email';
CREATE INDEX contacts_digits ON contacts (digits) WHERE digits <> '';

-- Today's phone and e-mail become each customer's preferred ones.
INSERT INTO contacts (customer_id, kind, label, value, digits, preferred, position)
SELECT id, 'phone', 'other', phone, phone_digits, 1, 0 FROM customers WHERE phone <> '';
INSERT INTO contacts (customer_id, kind, label, value, digits, preferred, position)
SELECT id, 'email', 'other', email, '', 1, 0 FROM customers WHERE email <> '';

-- The postal address: street lines (newline-separated), postcode, town,
-- country.
ALTER TABLE customers ADD COLUMN addr_street TEXT NOT NULL DEFAULT '';
ALTER TABLE customers ADD COLUMN addr_postcode TEXT NOT NULL DEFAULT '';
ALTER TABLE customers ADD COLUMN addr_town TEXT NOT NULL DEFAULT '';
ALTER TABLE customers ADD COLUMN addr_country TEXT NOT NULL DEFAULT '';

-- The list's filter finds a customer by any of their phones and e-mails:
-- the search rows hold the preferred ones (from customers) and the others
-- (from contacts). The same statement is repeated in each trigger with NEW
-- or OLD (triggers cannot share one).
DROP TRIGGER customers_ai;
DROP TRIGGER customers_au;
CREATE TRIGGER customers_ai AFTER INSERT ON customers BEGIN
	INSERT INTO customer_fts (rowid, name, nickname, email, phone, tags)
	SELECT c.id, c.name, c.nickname,
		-- Only an e-mail's local part: its domain ("gmail", "net") would
		-- match nearly everyone's filter.
		trim(CASE WHEN instr(c.email, '@') > 0 THEN substr(c.email, 1, instr(c.email, '@') - 1) ELSE c.email END || ' ' ||
			coalesce((SELECT group_concat(substr(value, 1, instr(value, '@') - 1), ' ') FROM contacts WHERE customer_id = c.id AND kind = 'email' AND preferred = 0), '')),
		trim(c.phone_digits || ' ' || coalesce((SELECT group_concat(digits, ' ') FROM contacts WHERE customer_id = c.id AND kind = 'phone' AND preferred = 0), '')),
		replace(c.tags, ',', ' ')
	FROM customers c WHERE c.id = new.id;
	INSERT INTO phone_fts (rowid, digits) SELECT new.id, d FROM (
		SELECT trim(new.phone_digits || ' ' || coalesce((SELECT group_concat(digits, ' ') FROM contacts WHERE customer_id = new.id AND kind = 'phone' AND preferred = 0), '')) AS d
	) WHERE d <> '';
END;
CREATE TRIGGER customers_au AFTER UPDATE OF name, nickname, email, phone_digits, tags ON customers BEGIN
	DELETE FROM customer_fts WHERE rowid = old.id;
	INSERT INTO customer_fts (rowid, name, nickname, email, phone, tags)
	SELECT c.id, c.name, c.nickname,
		trim(CASE WHEN instr(c.email, '@') > 0 THEN substr(c.email, 1, instr(c.email, '@') - 1) ELSE c.email END || ' ' ||
			coalesce((SELECT group_concat(substr(value, 1, instr(value, '@') - 1), ' ') FROM contacts WHERE customer_id = c.id AND kind = 'email' AND preferred = 0), '')),
		trim(c.phone_digits || ' ' || coalesce((SELECT group_concat(digits, ' ') FROM contacts WHERE customer_id = c.id AND kind = 'phone' AND preferred = 0), '')),
		replace(c.tags, ',', ' ')
	FROM customers c WHERE c.id = new.id;
	DELETE FROM phone_fts WHERE rowid = old.id;
	INSERT INTO phone_fts (rowid, digits) SELECT new.id, d FROM (
		SELECT trim(new.phone_digits || ' ' || coalesce((SELECT group_concat(digits, ' ') FROM contacts WHERE customer_id = new.id AND kind = 'phone' AND preferred = 0), '')) AS d
	) WHERE d <> '';
END;
CREATE TRIGGER contacts_ai AFTER INSERT ON contacts WHEN new.preferred = 0 BEGIN
	DELETE FROM customer_fts WHERE rowid = new.customer_id;
	INSERT INTO customer_fts (rowid, name, nickname, email, phone, tags)
	SELECT c.id, c.name, c.nickname,
		trim(CASE WHEN instr(c.email, '@') > 0 THEN substr(c.email, 1, instr(c.email, '@') - 1) ELSE c.email END || ' ' ||
			coalesce((SELECT group_concat(substr(value, 1, instr(value, '@') - 1), ' ') FROM contacts WHERE customer_id = c.id AND kind = 'email' AND preferred = 0), '')),
		trim(c.phone_digits || ' ' || coalesce((SELECT group_concat(digits, ' ') FROM contacts WHERE customer_id = c.id AND kind = 'phone' AND preferred = 0), '')),
		replace(c.tags, ',', ' ')
	FROM customers c WHERE c.id = new.customer_id;
	DELETE FROM phone_fts WHERE rowid = new.customer_id;
	INSERT INTO phone_fts (rowid, digits) SELECT c.id, d FROM (
		SELECT c.id, trim(c.phone_digits || ' ' || coalesce((SELECT group_concat(digits, ' ') FROM contacts WHERE customer_id = c.id AND kind = 'phone' AND preferred = 0), '')) AS d
		FROM customers c WHERE c.id = new.customer_id
	) c WHERE d <> '';
END;
CREATE TRIGGER contacts_ad AFTER DELETE ON contacts WHEN old.preferred = 0 BEGIN
	DELETE FROM customer_fts WHERE rowid = old.customer_id;
	INSERT INTO customer_fts (rowid, name, nickname, email, phone, tags)
	SELECT c.id, c.name, c.nickname,
		trim(CASE WHEN instr(c.email, '@') > 0 THEN substr(c.email, 1, instr(c.email, '@') - 1) ELSE c.email END || ' ' ||
			coalesce((SELECT group_concat(substr(value, 1, instr(value, '@') - 1), ' ') FROM contacts WHERE customer_id = c.id AND kind = 'email' AND preferred = 0), '')),
		trim(c.phone_digits || ' ' || coalesce((SELECT group_concat(digits, ' ') FROM contacts WHERE customer_id = c.id AND kind = 'phone' AND preferred = 0), '')),
		replace(c.tags, ',', ' ')
	FROM customers c WHERE c.id = old.customer_id;
	DELETE FROM phone_fts WHERE rowid = old.customer_id;
	INSERT INTO phone_fts (rowid, digits) SELECT c.id, d FROM (
		SELECT c.id, trim(c.phone_digits || ' ' || coalesce((SELECT group_concat(digits, ' ') FROM contacts WHERE customer_id = c.id AND kind = 'phone' AND preferred = 0), '')) AS d
		FROM customers c WHERE c.id = old.customer_id
	) c WHERE d <> '';
END;
CREATE TRIGGER contacts_au AFTER UPDATE ON contacts BEGIN
	DELETE FROM customer_fts WHERE rowid IN (old.customer_id, new.customer_id);
	INSERT INTO customer_fts (rowid, name, nickname, email, phone, tags)
	SELECT c.id, c.name, c.nickname,
		trim(CASE WHEN instr(c.email, '@') > 0 THEN substr(c.email, 1, instr(c.email, '@') - 1) ELSE c.email END || ' ' ||
			coalesce((SELECT group_concat(substr(value, 1, instr(value, '@') - 1), ' ') FROM contacts WHERE customer_id = c.id AND kind = 'email' AND preferred = 0), '')),
		trim(c.phone_digits || ' ' || coalesce((SELECT group_concat(digits, ' ') FROM contacts WHERE customer_id = c.id AND kind = 'phone' AND preferred = 0), '')),
		replace(c.tags, ',', ' ')
	FROM customers c WHERE c.id IN (old.customer_id, new.customer_id);
	DELETE FROM phone_fts WHERE rowid IN (old.customer_id, new.customer_id);
	INSERT INTO phone_fts (rowid, digits) SELECT c.id, d FROM (
		SELECT c.id, trim(c.phone_digits || ' ' || coalesce((SELECT group_concat(digits, ' ') FROM contacts WHERE customer_id = c.id AND kind = 'phone' AND preferred = 0), '')) AS d
		FROM customers c WHERE c.id IN (old.customer_id, new.customer_id)
	) c WHERE d <> '';
END;

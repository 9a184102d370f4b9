-- Regulars notebook: each customer's uid, their identity across files and
-- notebooks. An import keeps the UID a card or a Regulars JSON export
-- carries, so importing the export again, or merging two notebooks, finds
-- the same person by it, never by name alone. A customer made here gets a
-- random one (a version 4 UUID), which depends neither on the row id nor
-- on the time. Customers from before this version keep none: their exports
-- go on naming them as before (interchange.CustomerUID), and an export
-- written now carries that uid into the next notebook.
-- Named 0005: 0004 is kept for customers' contacts.
ALTER TABLE customers ADD COLUMN uid TEXT CHECK (uid IS NULL OR uid <> '');
CREATE UNIQUE INDEX customers_uid ON customers (uid) WHERE uid IS NOT NULL;
CREATE TRIGGER customers_uid_ai AFTER INSERT ON customers WHEN new.uid IS NULL BEGIN
	UPDATE customers SET uid = 'urn:uuid:' || lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' ||
		substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', 1 + abs(random()) % 4, 1) ||
		substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6)))
	WHERE id = new.id;
END;

-- Regulars notebook: the week's message templates, and where a customer
-- came from.
-- The owner's templates, one per kind of week item and the signature (see
-- model.TemplateNames); a name missing uses model's default. Kept in the
-- notebook so a backup carries them.
CREATE TABLE templates (
	name       TEXT PRIMARY KEY CHECK (name <> ''),
	body       TEXT NOT NULL,
	updated_at TEXT NOT NULL
) STRICT, WITHOUT ROWID;

-- A customer brought in by import was a customer before the notebook:
-- being added is no first visit, so the week does not welcome them.
ALTER TABLE customers ADD COLUMN source TEXT NOT NULL DEFAULT 'typed' CHECK (source IN ('typed', 'import'));

-- Unhappy customers replied to, for "won back this year" on the week's
-- header: the rating is written out as in feedback_unhappy (0002_week.sql).
CREATE INDEX feedback_replied ON feedback (replied_at, customer_id) WHERE replied_at IS NOT NULL AND rating <= 3;

-- A customer's open items, for the count on each list row (list.go,
-- matchesByID): the follow-ups due, thank-yous owed and unhappy ratings not
-- replied to, found in these small indexes without reading each of the
-- customer's notes, thank-yous and feedback.
CREATE INDEX notes_customer_ask ON notes (customer_id, ask_on) WHERE ask_on IS NOT NULL AND asked_at IS NULL;
CREATE INDEX thank_yous_customer_open ON thank_yous (customer_id, due) WHERE sent_at IS NULL;
CREATE INDEX feedback_customer_open ON feedback (customer_id, rating) WHERE replied_at IS NULL;

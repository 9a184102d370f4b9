package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"maps"
	"strconv"
	"strings"
	"time"

	"regulars/model"
)

// The queue one row per person: working a person's items at once, what the
// week needs to show them (how to reach them, the words for a draft), the
// templates the drafts are written from, and where a customer came from.

// DonePerson marks the given open items of one customer done today with ONE
// outreach entry that names them all (About holds their ids), closing what
// each was about, in one transaction. It returns the items.
func (s *Store) DonePerson(ctx context.Context, customerID int64, ids []string, ch model.Channel, note string) ([]model.Item, error) {
	if len(ids) == 0 {
		return nil, model.Errorf(model.EINVALID, "say which items of customer #%d are done", customerID)
	}
	for _, id := range ids {
		_, cid, err := model.ParseItemID(id)
		if err != nil {
			return nil, err
		}
		if cid != customerID {
			return nil, model.Errorf(model.EINVALID, "%s is not an item of customer #%d", id, customerID)
		}
	}
	now := s.Now()
	today := model.DateOf(now)
	o := model.Outreach{CustomerID: customerID, On: today, Channel: ch, About: strings.Join(ids, " "), Note: note}
	if err := o.Validate(); err != nil {
		return nil, err
	}
	var done []model.Item
	err := s.tx(ctx, func(tx *sql.Tx) error {
		items := make([]*model.Item, 0, len(ids))
		for _, id := range ids {
			it, err := weekItem(ctx, tx, id, today, now.Location())
			if err != nil {
				return err
			}
			if it.State == model.Done {
				return model.Errorf(model.ECONFLICT, "%s is already done this week", id)
			}
			items = append(items, it)
		}
		o.Author = s.Author
		if err := insertOutreach(ctx, tx, &o, now); err != nil {
			return err
		}
		for _, it := range items {
			if err := closeItem(ctx, tx, it, today, o.ID, s.Author, now); err != nil {
				return err
			}
			done = append(done, *it)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return done, nil
}

// Templates returns the owner's templates (names not set use model's
// defaults: see Templates.For).
func (s *Store) Templates(ctx context.Context) (model.Templates, error) {
	var t model.Templates
	err := s.readTx(ctx, func(tx *sql.Tx) (err error) {
		t, err = templates(ctx, tx)
		return err
	})
	return t, err
}

// SetTemplate writes the template called name (a kind, or "signature").
func (s *Store) SetTemplate(ctx context.Context, name, body string) error {
	body = strings.TrimSpace(body)
	if err := model.CheckTemplate(name, body); err != nil {
		return err
	}
	now := s.Now()
	return s.tx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO templates (name, body, updated_at) VALUES (?, ?, ?)
			ON CONFLICT (name) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at`,
			name, body, formatTime(now))
		return err
	})
}

func templates(ctx context.Context, tx queryer) (model.Templates, error) {
	rows, err := tx.QueryContext(ctx, `SELECT name, body FROM templates`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	t := model.Templates{}
	for rows.Next() {
		var name, body string
		if err := rows.Scan(&name, &body); err != nil {
			return nil, err
		}
		t[name] = body
	}
	return t, rows.Err()
}

// contactFor is how to reach a customer, for the week's rows and the mail
// merge: today their phone and e-mail. When customers have several phones,
// e-mails and a postal address, this is the one place that picks.
func contactFor(c *model.Customer) model.Reach {
	return model.Reach{Phone: c.Phone, Email: c.Email, Address: c.Address.String()}
}

// recipients reads how to reach and address the customers on the queue:
// a few hundred at most (PerKindLimit a kind), by id.
// With beside (a second transaction on the same notebook), it reads half
// of them there at the same time.
func recipients(ctx context.Context, tx, beside queryer, items []model.Item) (map[int64]model.Recipient, error) {
	seen := map[int64]bool{}
	var ids []int64
	for _, it := range items {
		if !seen[it.CustomerID] {
			seen[it.CustomerID] = true
			ids = append(ids, it.CustomerID)
		}
	}
	out := make(map[int64]model.Recipient, len(ids))
	if beside == nil || len(ids) < 2 {
		return out, readRecipients(ctx, tx, ids, out)
	}
	half := len(ids) / 2
	there := make(map[int64]model.Recipient, half)
	besideErr := make(chan error, 1)
	go func() { besideErr <- readRecipients(ctx, beside, ids[:half], there) }()
	err := readRecipients(ctx, tx, ids[half:], out)
	if berr := <-besideErr; err == nil {
		err = berr
	}
	maps.Copy(out, there)
	return out, err
}

// readRecipients reads the customers ids into out.
func readRecipients(ctx context.Context, tx queryer, ids []int64, out map[int64]model.Recipient) error {
	if len(ids) == 0 {
		return nil
	}
	list, err := json.Marshal(ids)
	if err != nil {
		return err
	}
	rows, err := tx.QueryContext(ctx, `SELECT id, name, nickname, phone, email, partner, children, usual
		FROM customers WHERE id IN (SELECT value FROM json_each(?))`, string(list))
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var c model.Customer
		if err := rows.Scan(&c.ID, &c.Name, &c.Nickname, &c.Phone, &c.Email, &c.Partner, &c.Children, &c.Usual); err != nil {
			return err
		}
		out[c.ID] = model.Recipient{Name: c.Name, Nickname: c.Nickname, Partner: c.Partner, Children: c.Children,
			Usual: c.Usual, Contact: contactFor(&c)}
	}
	return rows.Err()
}

// wonBack counts the customers whose unhappy feedback was replied to this
// year and who visited after the reply.
func wonBack(ctx context.Context, tx queryer, today model.Date, loc *time.Location) (int, error) {
	var n int
	err := tx.QueryRowContext(ctx, `SELECT count(DISTINCT f.customer_id)
		FROM feedback f INDEXED BY feedback_replied JOIN customers c ON c.id = f.customer_id
		WHERE f.replied_at IS NOT NULL AND f.rating <= `+strconv.Itoa(model.UnhappyRating)+` AND f.replied_at >= ?
			AND c.last_visit > substr(f.replied_at, 1, 10)`,
		formatTime(model.MakeDate(today.Year, time.January, 1).Time(loc))).Scan(&n)
	return n, err
}

// cameBack says, for the unhappy items done on the queue, whether the
// person came back after the reply: their first visit after it.
func cameBack(ctx context.Context, tx queryer, w *model.Week) error {
	for i := range w.Items {
		it := &w.Items[i]
		if it.Kind != model.KindUnhappy || it.State != model.Done || it.FeedbackID == 0 {
			continue
		}
		var back sql.NullString
		err := tx.QueryRowContext(ctx, `SELECT min(v.day) FROM feedback f JOIN visits v
			ON v.customer_id = f.customer_id AND v.day > substr(f.replied_at, 1, 10)
			WHERE f.id = ? AND f.replied_at IS NOT NULL`, it.FeedbackID).Scan(&back)
		if err != nil {
			return err
		}
		var on model.Date
		if back.Valid {
			on = day(back.String)
		}
		it.Reason = model.CameBack(it.Reason, on)
	}
	return nil
}

// createImported adds a customer brought in by import: one who was a
// customer before the notebook, so the week does not welcome them as new.
func createImported(ctx context.Context, tx *sql.Tx, c *model.Customer, now time.Time) error {
	if err := createCustomer(ctx, tx, c, now); err != nil {
		return err
	}
	_, err := tx.ExecContext(ctx, `UPDATE customers SET source = 'import' WHERE id = ?`, c.ID)
	return err
}

package store

import (
	"context"
	"database/sql"
	"time"

	"regulars/model"
)

// requireActive checks that a customer exists and is not archived before
// something is written about them.
func requireActive(ctx context.Context, tx *sql.Tx, id int64) (*model.Customer, error) {
	c, err := getCustomer(ctx, tx, id)
	if err != nil {
		return nil, err
	}
	if c.Archived {
		return nil, model.Errorf(model.ECONFLICT, "%s is archived", c.Name)
	}
	return c, nil
}

func nullDay(d model.Date) any {
	if d.IsZero() {
		return nil
	}
	return d.String()
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// AddNote validates n and adds it, setting n.ID and n.Created.
func (s *Store) AddNote(ctx context.Context, n *model.Note) error {
	if err := n.Validate(); err != nil {
		return err
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		if _, err := requireActive(ctx, tx, n.CustomerID); err != nil {
			return err
		}
		n.Author = s.author(n.Author)
		return insertNote(ctx, tx, n, s.Now())
	})
}

func insertNote(ctx context.Context, tx *sql.Tx, n *model.Note, now time.Time) error {
	if n.Created.IsZero() {
		n.Created = now
	}
	var asked any
	if n.Asked {
		asked = formatTime(now)
	}
	id, err := nextRecordID(ctx, tx, model.RecordNote)
	if err != nil {
		return err
	}
	res, err := tx.ExecContext(ctx, `INSERT INTO notes (id, customer_id, text, created_at, ask_on, asked_at, private, author)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, id, n.CustomerID, n.Text, formatTime(n.Created), nullDay(n.AskOn), asked, boolInt(n.Private), n.Author)
	if err != nil {
		return err
	}
	n.ID, err = res.LastInsertId()
	return err
}

// UpdateNote replaces a note's text, ask-on date, privacy and whether it
// was asked about.
func (s *Store) UpdateNote(ctx context.Context, n *model.Note) error {
	if err := n.Validate(); err != nil {
		return err
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		// Asked is written too, so putting back a note as it was (an undo)
		// reopens a follow-up that was ticked off.
		res, err := tx.ExecContext(ctx, `UPDATE notes SET text = ?, ask_on = ?, private = ?,
			asked_at = CASE WHEN ? THEN coalesce(asked_at, ?) ELSE NULL END WHERE id = ?`,
			n.Text, nullDay(n.AskOn), boolInt(n.Private), boolInt(n.Asked), formatTime(s.Now()), n.ID)
		if err != nil {
			return err
		}
		return mustAffect(res, "there is no note #%d", n.ID)
	})
}

func mustAffect(res sql.Result, format string, id int64) error {
	n, err := res.RowsAffected()
	if err != nil {
		return err
	}
	if n == 0 {
		return model.Errorf(model.ENOTFOUND, format, id)
	}
	return nil
}

// closeRecord sets a "done" timestamp column once; doing it twice is a conflict.
func (s *Store) closeRecord(ctx context.Context, table, col, what string, id int64) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		return closeRecord(ctx, tx, table, col, what, id, s.Now())
	})
}

func closeRecord(ctx context.Context, tx *sql.Tx, table, col, what string, id int64, now time.Time) error {
	var done sql.NullString
	err := tx.QueryRowContext(ctx, `SELECT `+col+` FROM `+table+` WHERE id = ?`, id).Scan(&done)
	if err == sql.ErrNoRows {
		return model.Errorf(model.ENOTFOUND, "there is no %s #%d", what, id)
	}
	if err != nil {
		return err
	}
	if done.Valid {
		return model.Errorf(model.ECONFLICT, "that %s was already done", what)
	}
	_, err = tx.ExecContext(ctx, `UPDATE `+table+` SET `+col+` = ? WHERE id = ?`, formatTime(now), id)
	return err
}

// MarkAsked records that a follow-up note was asked about.
func (s *Store) MarkAsked(ctx context.Context, noteID int64) error {
	return s.closeRecord(ctx, "notes", "asked_at", "follow-up", noteID)
}

// AddVisit validates v and adds it, setting v.ID.
func (s *Store) AddVisit(ctx context.Context, v *model.Visit) error {
	if err := v.Validate(); err != nil {
		return err
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		if _, err := requireActive(ctx, tx, v.CustomerID); err != nil {
			return err
		}
		v.Author = s.author(v.Author)
		return insertVisit(ctx, tx, v)
	})
}

func insertVisit(ctx context.Context, tx *sql.Tx, v *model.Visit) error {
	id, err := nextRecordID(ctx, tx, model.RecordVisit)
	if err != nil {
		return err
	}
	res, err := tx.ExecContext(ctx, `INSERT INTO visits (id, customer_id, day, cents, what, author) VALUES (?, ?, ?, ?, ?, ?)`,
		id, v.CustomerID, v.On.String(), v.Cents, v.What, v.Author)
	if err != nil {
		return err
	}
	v.ID, err = res.LastInsertId()
	return err
}

// AddThankYou validates t and adds it, setting t.ID and t.Created.
func (s *Store) AddThankYou(ctx context.Context, t *model.ThankYou) error {
	if err := t.Validate(); err != nil {
		return err
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		if _, err := requireActive(ctx, tx, t.CustomerID); err != nil {
			return err
		}
		t.Author = s.author(t.Author)
		return insertThankYou(ctx, tx, t, 0, s.Now())
	})
}

func insertThankYou(ctx context.Context, tx *sql.Tx, t *model.ThankYou, visitID int64, now time.Time) error {
	if t.Created.IsZero() {
		t.Created = now
	}
	var sent, visit any
	if t.Sent {
		if t.SentAt.IsZero() {
			t.SentAt = now
		}
		sent = formatTime(t.SentAt)
	}
	if visitID > 0 {
		visit = visitID
	}
	id, err := nextRecordID(ctx, tx, model.RecordThankYou)
	if err != nil {
		return err
	}
	res, err := tx.ExecContext(ctx, `INSERT INTO thank_yous (id, customer_id, visit_id, reason, due, created_at, sent_at, author)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, id, t.CustomerID, visit, t.Reason, t.Due.String(), formatTime(t.Created), sent, t.Author)
	if err != nil {
		return err
	}
	t.ID, err = res.LastInsertId()
	return err
}

// MarkThankYouSent records that a thank-you went out.
func (s *Store) MarkThankYouSent(ctx context.Context, id int64) error {
	return s.closeRecord(ctx, "thank_yous", "sent_at", "thank-you", id)
}

// AddFeedback validates f and adds it, setting f.ID.
func (s *Store) AddFeedback(ctx context.Context, f *model.Feedback) error {
	if err := f.Validate(); err != nil {
		return err
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		if _, err := requireActive(ctx, tx, f.CustomerID); err != nil {
			return err
		}
		f.Author = s.author(f.Author)
		return insertFeedback(ctx, tx, f, s.Now())
	})
}

func insertFeedback(ctx context.Context, tx *sql.Tx, f *model.Feedback, now time.Time) error {
	var replied any
	if f.Replied {
		if f.RepliedAt.IsZero() {
			f.RepliedAt = now
		}
		replied = formatTime(f.RepliedAt)
	}
	id, err := nextRecordID(ctx, tx, model.RecordFeedback)
	if err != nil {
		return err
	}
	res, err := tx.ExecContext(ctx, `INSERT INTO feedback (id, customer_id, day, rating, comment, replied_at, author) VALUES (?, ?, ?, ?, ?, ?, ?)`,
		id, f.CustomerID, f.On.String(), f.Rating, f.Comment, replied, f.Author)
	if err != nil {
		return err
	}
	f.ID, err = res.LastInsertId()
	return err
}

// MarkReplied records that the owner replied to feedback.
func (s *Store) MarkReplied(ctx context.Context, id int64) error {
	return s.closeRecord(ctx, "feedback", "replied_at", "feedback", id)
}

// AddOutreach validates o and logs it, setting o.ID and o.Created.
func (s *Store) AddOutreach(ctx context.Context, o *model.Outreach) error {
	if err := o.Validate(); err != nil {
		return err
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		if _, err := getCustomer(ctx, tx, o.CustomerID); err != nil {
			return err
		}
		o.Author = s.author(o.Author)
		return insertOutreach(ctx, tx, o, s.Now())
	})
}

func insertOutreach(ctx context.Context, tx *sql.Tx, o *model.Outreach, now time.Time) error {
	if o.Created.IsZero() {
		o.Created = now
	}
	id, err := nextRecordID(ctx, tx, model.RecordOutreach)
	if err != nil {
		return err
	}
	res, err := tx.ExecContext(ctx, `INSERT INTO outreach (id, customer_id, day, channel, about, note, created_at, author) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
		id, o.CustomerID, o.On.String(), string(o.Channel), o.About, o.Note, formatTime(o.Created), o.Author)
	if err != nil {
		return err
	}
	o.ID, err = res.LastInsertId()
	return err
}

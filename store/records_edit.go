package store

import (
	"context"
	"database/sql"
	"time"

	"regulars/model"
)

// Editing the records on a card, and finding one by its record id. Each
// update is checked as adding it would be; the customer a record is about
// does not change (Merge moves records between customers).

// UpdateVisit replaces a visit's day, amount and what was bought. The visit
// triggers keep last visit, visit counts, spend per year and the week's
// rollups in step.
func (s *Store) UpdateVisit(ctx context.Context, v *model.Visit) error {
	if err := v.Validate(); err != nil {
		return err
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE visits SET day = ?, cents = ?, what = ? WHERE id = ?`,
			v.On.String(), v.Cents, v.What, v.ID)
		if err != nil {
			return err
		}
		if err := mustAffect(res, "there is no visit #%d", v.ID); err != nil {
			return err
		}
		return tx.QueryRowContext(ctx, `SELECT customer_id FROM visits WHERE id = ?`, v.ID).Scan(&v.CustomerID)
	})
}

// UpdateThankYou replaces a thank-you's reason and due day, and whether it
// was sent: marking it sent stamps it now, unless it already was.
func (s *Store) UpdateThankYou(ctx context.Context, t *model.ThankYou) error {
	if err := t.Validate(); err != nil {
		return err
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		old, err := queryThankYous(ctx, tx, `WHERE id = ?`, t.ID)
		if err != nil {
			return err
		}
		if len(old) == 0 {
			return model.Errorf(model.ENOTFOUND, "there is no thank-you #%d", t.ID)
		}
		t.CustomerID, t.Created = old[0].CustomerID, old[0].Created
		t.SentAt = closedAt(t.Sent, old[0].Sent, old[0].SentAt, t.SentAt, s.Now())
		_, err = tx.ExecContext(ctx, `UPDATE thank_yous SET reason = ?, due = ?, sent_at = ? WHERE id = ?`,
			t.Reason, t.Due.String(), nullTimeArg(t.SentAt), t.ID)
		return err
	})
}

// UpdateFeedback replaces feedback's day, rating and comment, and whether it
// was replied to.
func (s *Store) UpdateFeedback(ctx context.Context, f *model.Feedback) error {
	if err := f.Validate(); err != nil {
		return err
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		old, err := queryFeedback(ctx, tx, `WHERE id = ?`, f.ID)
		if err != nil {
			return err
		}
		if len(old) == 0 {
			return model.Errorf(model.ENOTFOUND, "there is no feedback #%d", f.ID)
		}
		f.CustomerID = old[0].CustomerID
		f.RepliedAt = closedAt(f.Replied, old[0].Replied, old[0].RepliedAt, f.RepliedAt, s.Now())
		_, err = tx.ExecContext(ctx, `UPDATE feedback SET day = ?, rating = ?, comment = ?, replied_at = ? WHERE id = ?`,
			f.On.String(), f.Rating, f.Comment, nullTimeArg(f.RepliedAt), f.ID)
		return err
	})
}

// UpdateOutreach replaces an outreach entry's day, channel, subject and note.
func (s *Store) UpdateOutreach(ctx context.Context, o *model.Outreach) error {
	if err := o.Validate(); err != nil {
		return err
	}
	ch, _ := model.ParseChannel(string(o.Channel))
	o.Channel = ch
	return s.tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE outreach SET day = ?, channel = ?, about = ?, note = ? WHERE id = ?`,
			o.On.String(), string(o.Channel), o.About, o.Note, o.ID)
		if err != nil {
			return err
		}
		if err := mustAffect(res, "there is no outreach entry #%d", o.ID); err != nil {
			return err
		}
		var created string
		if err := tx.QueryRowContext(ctx, `SELECT customer_id, created_at FROM outreach WHERE id = ?`, o.ID).Scan(&o.CustomerID, &created); err != nil {
			return err
		}
		o.Created = parseTime(created)
		return nil
	})
}

// closedAt is when a record that can be closed (sent, replied) counts as
// closed after an edit: zero when it is open, the old time when it stays
// closed, the given time or now when it is newly closed.
func closedAt(closed, was bool, old, given, now time.Time) time.Time {
	switch {
	case !closed:
		return time.Time{}
	case was:
		return old
	case !given.IsZero():
		return given
	}
	return now
}

func nullTimeArg(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return formatTime(t)
}

// Record returns the record with the given id, so a command can show or
// edit "the record note:12". A removed record is not found (RestoreRecord
// brings it back).
func (s *Store) Record(ctx context.Context, id model.RecordID) (model.Record, error) {
	var r model.Record
	err := s.readTx(ctx, func(tx *sql.Tx) (err error) {
		r, err = getRecord(ctx, tx, id)
		return err
	})
	return r, err
}

func getRecord(ctx context.Context, tx *sql.Tx, id model.RecordID) (model.Record, error) {
	var r model.Record
	found := false
	switch id.Kind {
	case model.RecordNote:
		out, err := queryNotes(ctx, tx, `WHERE id = ?`, id.ID)
		if err != nil {
			return r, err
		}
		if found = len(out) > 0; found {
			r.Note = &out[0]
		}
	case model.RecordVisit:
		out, err := queryVisits(ctx, tx, `WHERE id = ?`, id.ID)
		if err != nil {
			return r, err
		}
		if found = len(out) > 0; found {
			r.Visit = &out[0]
		}
	case model.RecordThankYou:
		out, err := queryThankYous(ctx, tx, `WHERE id = ?`, id.ID)
		if err != nil {
			return r, err
		}
		if found = len(out) > 0; found {
			r.ThankYou = &out[0]
		}
	case model.RecordFeedback:
		out, err := queryFeedback(ctx, tx, `WHERE id = ?`, id.ID)
		if err != nil {
			return r, err
		}
		if found = len(out) > 0; found {
			r.Feedback = &out[0]
		}
	case model.RecordOutreach:
		out, err := queryOutreach(ctx, tx, `WHERE id = ?`, id.ID)
		if err != nil {
			return r, err
		}
		if found = len(out) > 0; found {
			r.Outreach = &out[0]
		}
	default:
		return r, model.Errorf(model.EINVALID, "%s is not a record id: use KIND:N, e.g. note:12", id)
	}
	if !found {
		return r, model.Errorf(model.ENOTFOUND, "there is no record %s", id)
	}
	return r, nil
}

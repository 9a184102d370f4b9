package store

import (
	"context"
	"database/sql"

	"regulars/model"
)

// Card is what the owner needs about one customer: the talking points and
// the recent history behind them.
type Card struct {
	Customer   model.Customer
	LastVisit  *model.Visit // nil when they never visited
	VisitCount int
	SpendYear  int64 // cents this calendar year
	SpendTotal int64
	FollowUps  []model.Note     // open follow-ups ("ask about"), soonest first
	Notes      []model.Note     // newest first, at most CardLimit
	Visits     []model.Visit    // newest first, at most CardLimit
	ThankYous  []model.ThankYou // pending first, then the latest sent
	Feedback   []model.Feedback // newest first
	Outreach   []model.Outreach // newest first
	ReferredBy *Referral        // who sent them, nil when nobody
	SentUs     []Referral       // whom they sent, oldest first
}

// CardLimit caps each history list on a card.
const CardLimit = 100

// Card loads the card of one customer, archived or not.
func (s *Store) Card(ctx context.Context, id int64) (*Card, error) {
	var card Card
	today := s.Today()
	err := s.readTx(ctx, func(sqlTx *sql.Tx) error {
		tx := s.preparedTx(sqlTx)
		c, err := getCustomer(ctx, tx, id)
		if err != nil {
			return err
		}
		card.Customer = *c
		if err := tx.QueryRowContext(ctx, `SELECT visit_count,
			coalesce((SELECT cents FROM visit_years WHERE customer_id = ?1 AND year = ?2), 0),
			coalesce((SELECT sum(cents) FROM visit_years WHERE customer_id = ?1), 0)
			FROM customers WHERE id = ?1`, id, today.Year).Scan(&card.VisitCount, &card.SpendYear, &card.SpendTotal); err != nil {
			return err
		}
		if card.Visits, err = queryVisits(ctx, tx, `WHERE customer_id = ? ORDER BY day DESC, id DESC LIMIT ?`, id, CardLimit); err != nil {
			return err
		}
		if len(card.Visits) > 0 {
			v := card.Visits[0]
			card.LastVisit = &v
		}
		if card.FollowUps, err = queryNotes(ctx, tx, `WHERE customer_id = ? AND ask_on IS NOT NULL AND asked_at IS NULL ORDER BY ask_on, id LIMIT ?`, id, CardLimit); err != nil {
			return err
		}
		if card.Notes, err = queryNotes(ctx, tx, `WHERE customer_id = ? ORDER BY created_at DESC, id DESC LIMIT ?`, id, CardLimit); err != nil {
			return err
		}
		if card.ThankYous, err = queryThankYous(ctx, tx, `WHERE customer_id = ? ORDER BY sent_at IS NOT NULL, due DESC, id DESC LIMIT ?`, id, CardLimit); err != nil {
			return err
		}
		if card.Feedback, err = queryFeedback(ctx, tx, `WHERE customer_id = ? ORDER BY day DESC, id DESC LIMIT ?`, id, CardLimit); err != nil {
			return err
		}
		if card.Outreach, err = queryOutreach(ctx, tx, `WHERE customer_id = ? ORDER BY day DESC, id DESC LIMIT ?`, id, CardLimit); err != nil {
			return err
		}
		card.ReferredBy, card.SentUs, err = queryReferrals(ctx, tx, c)
		return err
	})
	if err != nil {
		return nil, err
	}
	return &card, nil
}

func queryNotes(ctx context.Context, tx querier, where string, args ...any) ([]model.Note, error) {
	rows, err := tx.QueryContext(ctx, `SELECT id, customer_id, text, created_at, ask_on, asked_at, private, author FROM notes `+where, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []model.Note
	for rows.Next() {
		var n model.Note
		var created string
		var askOn, asked sql.NullString
		if err := rows.Scan(&n.ID, &n.CustomerID, &n.Text, &created, &askOn, &asked, &n.Private, &n.Author); err != nil {
			return nil, err
		}
		n.Created = parseTime(created)
		if askOn.Valid {
			n.AskOn = parseDay(askOn.String)
		}
		n.Asked = asked.Valid
		out = append(out, n)
	}
	return out, rows.Err()
}

func queryVisits(ctx context.Context, tx querier, where string, args ...any) ([]model.Visit, error) {
	rows, err := tx.QueryContext(ctx, `SELECT id, customer_id, day, cents, what, author FROM visits `+where, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []model.Visit
	for rows.Next() {
		var v model.Visit
		var day string
		if err := rows.Scan(&v.ID, &v.CustomerID, &day, &v.Cents, &v.What, &v.Author); err != nil {
			return nil, err
		}
		v.On = parseDay(day)
		out = append(out, v)
	}
	return out, rows.Err()
}

func queryThankYous(ctx context.Context, tx querier, where string, args ...any) ([]model.ThankYou, error) {
	rows, err := tx.QueryContext(ctx, `SELECT id, customer_id, reason, due, created_at, sent_at, author FROM thank_yous `+where, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []model.ThankYou
	for rows.Next() {
		var t model.ThankYou
		var due, created string
		var sent sql.NullString
		if err := rows.Scan(&t.ID, &t.CustomerID, &t.Reason, &due, &created, &sent, &t.Author); err != nil {
			return nil, err
		}
		t.Due, t.Created = parseDay(due), parseTime(created)
		t.Sent, t.SentAt = sent.Valid, nullTime(sent)
		out = append(out, t)
	}
	return out, rows.Err()
}

func queryFeedback(ctx context.Context, tx querier, where string, args ...any) ([]model.Feedback, error) {
	rows, err := tx.QueryContext(ctx, `SELECT id, customer_id, day, rating, comment, replied_at, author FROM feedback `+where, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []model.Feedback
	for rows.Next() {
		var f model.Feedback
		var day string
		var replied sql.NullString
		if err := rows.Scan(&f.ID, &f.CustomerID, &day, &f.Rating, &f.Comment, &replied, &f.Author); err != nil {
			return nil, err
		}
		f.On = parseDay(day)
		f.Replied, f.RepliedAt = replied.Valid, nullTime(replied)
		out = append(out, f)
	}
	return out, rows.Err()
}

func queryOutreach(ctx context.Context, tx querier, where string, args ...any) ([]model.Outreach, error) {
	rows, err := tx.QueryContext(ctx, `SELECT id, customer_id, day, channel, about, note, created_at, author FROM outreach `+where, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []model.Outreach
	for rows.Next() {
		var o model.Outreach
		var day, ch, created string
		if err := rows.Scan(&o.ID, &o.CustomerID, &day, &ch, &o.About, &o.Note, &created, &o.Author); err != nil {
			return nil, err
		}
		o.On, o.Channel, o.Created = parseDay(day), model.Channel(ch), parseTime(created)
		out = append(out, o)
	}
	return out, rows.Err()
}

// querier is what the reads run on: a transaction, or a preparedTx.
type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

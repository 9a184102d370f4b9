package store

import (
	"context"
	"database/sql"

	"regulars/model"
)

// SaveDraft keeps what is being typed into a form, replacing the earlier
// draft of the same customer, form and author.
func (s *Store) SaveDraft(ctx context.Context, d *model.Draft) error {
	if err := d.Validate(); err != nil {
		return err
	}
	d.Saved = s.Now()
	return s.tx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO drafts (customer_id, form, author, body, saved_at)
			VALUES (?, ?, ?, ?, ?)
			ON CONFLICT (customer_id, form, author) DO UPDATE SET body = excluded.body, saved_at = excluded.saved_at`,
			d.CustomerID, d.Form, d.Author, d.Body, formatTime(d.Saved))
		return err
	})
}

// Draft returns the kept draft of a form, or ENOTFOUND.
func (s *Store) Draft(ctx context.Context, customerID int64, form, author string) (*model.Draft, error) {
	d := model.Draft{CustomerID: customerID, Form: form, Author: author}
	err := s.readTx(ctx, func(tx *sql.Tx) error {
		var saved string
		err := tx.QueryRowContext(ctx, `SELECT body, saved_at FROM drafts WHERE customer_id = ? AND form = ? AND author = ?`,
			customerID, form, author).Scan(&d.Body, &saved)
		if err == sql.ErrNoRows {
			return model.Errorf(model.ENOTFOUND, "no draft")
		}
		d.Saved = parseTime(saved)
		return err
	})
	if err != nil {
		return nil, err
	}
	return &d, nil
}

// DropDraft removes a form's draft; removing one that is not there is fine.
func (s *Store) DropDraft(ctx context.Context, customerID int64, form, author string) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `DELETE FROM drafts WHERE customer_id = ? AND form = ? AND author = ?`, customerID, form, author)
		return err
	})
}

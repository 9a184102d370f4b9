package store

import (
	"context"
	"database/sql"

	"regulars/model"
)

// Who sent whom: customers.referred_by names the customer who sent one
// (migration 0008); forgetting the sender sets it to NULL.

// Referral is a customer someone sent.
type Referral struct {
	ID   int64
	Name string
}

// Referrals lists the customers id sent, archived ones too, oldest first.
func (s *Store) Referrals(ctx context.Context, id int64) ([]Referral, error) {
	var out []Referral
	err := s.readTx(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT id, name FROM customers WHERE referred_by = ? ORDER BY id`, id)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var r Referral
			if err := rows.Scan(&r.ID, &r.Name); err != nil {
				return err
			}
			out = append(out, r)
		}
		return rows.Err()
	})
	return out, err
}

// referrerArg is the referred_by column's value: NULL for nobody.
func referrerArg(c *model.Customer) any {
	if c.ReferredBy == 0 {
		return nil
	}
	return c.ReferredBy
}

// checkReferrer refuses a customer marked as sent by themselves or by
// nobody the notebook knows.
func checkReferrer(ctx context.Context, tx *sql.Tx, c *model.Customer) error {
	if c.ReferredBy == 0 {
		return nil
	}
	if c.ReferredBy == c.ID {
		return model.Errorf(model.EINVALID, "%s cannot have sent themselves", c.Name)
	}
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM customers WHERE id = ?`, c.ReferredBy).Scan(&n); err != nil {
		return err
	}
	if n == 0 {
		return model.Errorf(model.ENOTFOUND, "there is no customer #%d to have sent %s", c.ReferredBy, c.Name)
	}
	return nil
}

// mergeReferrals moves who from sent onto into, and keeps who sent from
// when into has nobody; nobody is marked as sent by themselves.
func mergeReferrals(ctx context.Context, tx *sql.Tx, from, into *model.Customer) error {
	if into.ReferredBy == 0 || into.ReferredBy == from.ID {
		into.ReferredBy = from.ReferredBy
	}
	if into.ReferredBy == into.ID {
		into.ReferredBy = 0
	}
	_, err := tx.ExecContext(ctx, `UPDATE customers SET referred_by = ? WHERE referred_by = ? AND id <> ?`, into.ID, from.ID, into.ID)
	return err
}

// queryReferrals is who sent c and whom c sent, for the card.
func queryReferrals(ctx context.Context, tx querier, c *model.Customer) (*Referral, []Referral, error) {
	var by *Referral
	if c.ReferredBy != 0 {
		r := Referral{ID: c.ReferredBy}
		err := tx.QueryRowContext(ctx, `SELECT name FROM customers WHERE id = ?`, c.ReferredBy).Scan(&r.Name)
		if err != nil && err != sql.ErrNoRows {
			return nil, nil, err
		}
		if err == nil {
			by = &r
		}
	}
	rows, err := tx.QueryContext(ctx, `SELECT id, name FROM customers WHERE referred_by = ? ORDER BY id LIMIT ?`, c.ID, CardLimit)
	if err != nil {
		return nil, nil, err
	}
	defer rows.Close()
	var sent []Referral
	for rows.Next() {
		var r Referral
		if err := rows.Scan(&r.ID, &r.Name); err != nil {
			return nil, nil, err
		}
		sent = append(sent, r)
	}
	return by, sent, rows.Err()
}

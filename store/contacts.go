package store

import (
	"context"
	"database/sql"

	"regulars/model"
)

// A customer's phones and e-mails live in contacts, one of each kind
// preferred; customers.phone and email keep a copy of the preferred ones
// for the list, the week and the formats. Both are written here, in the
// customer's transaction. Contacts are rewritten whole, never updated in
// place, so their triggers see each change as rows in and out.

// writeContacts replaces the customer's phones and e-mails with c's.
func writeContacts(ctx context.Context, tx *sql.Tx, c *model.Customer) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM contacts WHERE customer_id = ?`, c.ID); err != nil {
		return err
	}
	phones, emails := c.Phones, c.Emails
	// A customer never passed through Validate still has its one phone and
	// e-mail as the preferred ones.
	if len(phones) == 0 && c.Phone != "" {
		phones = []model.Contact{{Label: model.Other, Value: c.Phone, Preferred: true}}
	}
	if len(emails) == 0 && c.Email != "" {
		emails = []model.Contact{{Label: model.Other, Value: c.Email, Preferred: true}}
	}
	for kind, list := range map[string][]model.Contact{"phone": phones, "email": emails} {
		for i, k := range list {
			digits := ""
			if kind == "phone" {
				digits = model.PhoneDigits(k.Value)
			}
			label := k.Label
			if label == "" {
				label = model.Other
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO contacts (customer_id, kind, label, value, digits, preferred, position)
				VALUES (?, ?, ?, ?, ?, ?, ?)`, c.ID, kind, string(label), k.Value, digits, boolInt(k.Preferred), i); err != nil {
				return err
			}
		}
	}
	return nil
}

// readContacts fills c's phones and e-mails.
func readContacts(ctx context.Context, tx querier, c *model.Customer) error {
	rows, err := tx.QueryContext(ctx, `SELECT kind, label, value, preferred FROM contacts
		WHERE customer_id = ? ORDER BY kind, position, id`, c.ID)
	if err != nil {
		return err
	}
	defer rows.Close()
	c.Phones, c.Emails = nil, nil
	for rows.Next() {
		var kind, label string
		var k model.Contact
		if err := rows.Scan(&kind, &label, &k.Value, &k.Preferred); err != nil {
			return err
		}
		k.Label = model.ContactLabel(label)
		if kind == "phone" {
			c.Phones = append(c.Phones, k)
		} else {
			c.Emails = append(c.Emails, k)
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	// Rows written in bulk (the demo) have the customer's columns only.
	if len(c.Phones) == 0 && c.Phone != "" {
		c.Phones = []model.Contact{{Label: model.Other, Value: c.Phone, Preferred: true}}
	}
	if len(c.Emails) == 0 && c.Email != "" {
		c.Emails = []model.Contact{{Label: model.Other, Value: c.Email, Preferred: true}}
	}
	return nil
}

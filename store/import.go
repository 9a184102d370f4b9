package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"regulars/interchange"
	"regulars/model"
)

// ImportOptions says how to import.
type ImportOptions struct {
	DryRun bool // check and count, change nothing
}

// ImportResult says what an import did, or would do in a dry run.
type ImportResult struct {
	Format  string
	Read    int
	Added   []Added
	Skipped []Duplicate
	Errors  []interchange.RecordError
	DryRun  bool
	// Counts of the records added with the customers.
	Notes, Visits, ThankYous, Feedback, Outreach int
}

// Added is one customer an import added.
type Added struct {
	Where string
	ID    int64
	Name  string
}

// Duplicate is a record that was skipped because the customer is already
// in the notebook, or earlier in the same file.
type Duplicate struct {
	Where   string
	Name    string
	Matches string // "#12 Anna Schmidt" or "card 2 in this file"
	Why     string // "same phone", "same e-mail", "same name, neither has a phone or e-mail"
}

// errDryRun rolls back a dry run's transaction.
var errDryRun = errors.New("dry run")

// Import adds the batch's customers in one transaction: all of them or, when
// any record is bad, none. Customers already in the notebook (same name and
// same phone or e-mail) are reported and skipped, so importing a file twice
// adds nothing the second time. A dry run does the same work and rolls it back.
func (s *Store) Import(ctx context.Context, b *interchange.Batch, opts ImportOptions) (*ImportResult, error) {
	res := &ImportResult{Format: b.Format, Read: b.Read(), Errors: b.Errors, DryRun: opts.DryRun}
	if len(b.Errors) > 0 {
		return res, model.Errorf(model.EINVALID, "%d of %d records cannot be imported; nothing was imported", len(b.Errors), b.Read())
	}
	for i := range b.Records {
		if reasons := b.Records[i].Problems(); len(reasons) > 0 {
			res.Errors = append(res.Errors, interchange.RecordError{Where: b.Records[i].Where, Name: b.Records[i].Customer.Name, Reason: strings.Join(reasons, "; ")})
		}
	}
	if len(res.Errors) > 0 {
		return res, model.Errorf(model.EINVALID, "%d of %d records cannot be imported; nothing was imported", len(res.Errors), b.Read())
	}
	now := s.Now()
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return res, wrapError(err)
	}
	defer tx.Rollback()
	idx, err := loadContactIndex(ctx, tx)
	if err != nil {
		return res, wrapError(err)
	}
	for i := range b.Records {
		rec := &b.Records[i]
		if d, dup := idx.match(&rec.Customer); dup {
			d.Where, d.Name = rec.Where, rec.Customer.Name
			res.Skipped = append(res.Skipped, d)
			continue
		}
		if err := importRecord(ctx, tx, rec, now); err != nil {
			return res, wrapError(fmt.Errorf("%s: %w", rec.Where, err))
		}
		idx.add(&rec.Customer, rec.Where, false)
		res.Added = append(res.Added, Added{Where: rec.Where, ID: rec.Customer.ID, Name: rec.Customer.Name})
		res.Notes += len(rec.Notes)
		res.Visits += len(rec.Visits)
		res.ThankYous += len(rec.ThankYous)
		res.Feedback += len(rec.Feedback)
		res.Outreach += len(rec.Outreach)
	}
	if opts.DryRun {
		return res, nil // the deferred rollback undoes it all
	}
	return res, wrapError(tx.Commit())
}

// importRecord writes one record with the store's own helpers.
func importRecord(ctx context.Context, tx *sql.Tx, rec *interchange.Record, now time.Time) error {
	c := &rec.Customer
	if err := createImported(ctx, tx, c, now); err != nil {
		return err
	}
	if c.Archived {
		at := rec.ArchivedAt
		if at.IsZero() {
			at = now
		}
		if _, err := tx.ExecContext(ctx, `UPDATE customers SET archived_at = ? WHERE id = ?`, formatTime(at), c.ID); err != nil {
			return err
		}
	}
	for i := range rec.Notes {
		n := &rec.Notes[i]
		n.CustomerID = c.ID
		asked, hasAsked := rec.NoteAskedAt[i]
		if hasAsked {
			n.Asked = false // the helper would stamp "now"; the file knows when
		}
		if err := insertNote(ctx, tx, n, now); err != nil {
			return err
		}
		if hasAsked {
			n.Asked = true
			if _, err := tx.ExecContext(ctx, `UPDATE notes SET asked_at = ? WHERE id = ?`, formatTime(asked), n.ID); err != nil {
				return err
			}
		}
	}
	for i := range rec.Visits {
		rec.Visits[i].CustomerID = c.ID
		if err := insertVisit(ctx, tx, &rec.Visits[i]); err != nil {
			return err
		}
	}
	for i := range rec.ThankYous {
		t := &rec.ThankYous[i]
		t.CustomerID = c.ID
		var visitID int64
		if vi, ok := rec.ThankYouVisit[i]; ok && vi >= 0 && vi < len(rec.Visits) {
			visitID = rec.Visits[vi].ID
		}
		if err := insertThankYou(ctx, tx, t, visitID, now); err != nil {
			return err
		}
	}
	for i := range rec.Feedback {
		rec.Feedback[i].CustomerID = c.ID
		if err := insertFeedback(ctx, tx, &rec.Feedback[i], now); err != nil {
			return err
		}
	}
	for i := range rec.Outreach {
		rec.Outreach[i].CustomerID = c.ID
		if err := insertOutreach(ctx, tx, &rec.Outreach[i], now); err != nil {
			return err
		}
	}
	return importWeekItems(ctx, tx, rec)
}

// importWeekItems writes the week state of a JSON record, with the item ids
// and record links rebuilt from positions for this notebook's ids.
func importWeekItems(ctx context.Context, tx *sql.Tx, rec *interchange.Record) error {
	if len(rec.Week) == 0 {
		return nil
	}
	ids := map[string]func(int) int64{
		"outreach":  func(i int) int64 { return rec.Outreach[i].ID },
		"thank_you": func(i int) int64 { return rec.ThankYous[i].ID },
		"note":      func(i int) int64 { return rec.Notes[i].ID },
		"feedback":  func(i int) int64 { return rec.Feedback[i].ID },
		"visit":     func(i int) int64 { return rec.Visits[i].ID },
	}
	ref := func(table string, pos int) any {
		if pos < 1 {
			return nil
		}
		return ids[table](pos - 1)
	}
	for _, w := range rec.Week {
		key := w.Key
		if table, n, ok := strings.Cut(key, ":"); ok {
			pos, _ := strconv.Atoi(n)
			key = strconv.FormatInt(ids[table](pos-1), 10)
			if table == "visit" {
				key = "v" + key
			}
		}
		id := w.Kind + ":" + strconv.FormatInt(rec.Customer.ID, 10)
		if key != "" {
			id += ":" + key
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO week_items (id, state, week, day, kind, customer_id, reason, due,
			outreach_id, thank_you_id, made_thank_you, note_id, feedback_id, visit_id, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			id, w.State, w.Week.String(), w.Day.String(), w.Kind, rec.Customer.ID, w.Reason, w.Due.String(),
			ref("outreach", w.Outreach), ref("thank_you", w.ThankYou), boolInt(w.MadeThankYou),
			ref("note", w.Note), ref("feedback", w.Feedback), ref("visit", w.Visit), formatTime(w.Created)); err != nil {
			return err
		}
	}
	return nil
}

// contactIndex finds customers by name for the no-doubles rule.
type contactIndex map[string][]contactKey

type contactKey struct {
	label         string // "#12 Anna Schmidt" or "card 2 in this file"
	digits, email string
}

func loadContactIndex(ctx context.Context, tx *sql.Tx) (contactIndex, error) {
	rows, err := tx.QueryContext(ctx, `SELECT id, name, phone_digits, email FROM customers`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	idx := contactIndex{}
	for rows.Next() {
		var id int64
		var name, digits, email string
		if err := rows.Scan(&id, &name, &digits, &email); err != nil {
			return nil, err
		}
		k := nameKey(name)
		idx[k] = append(idx[k], contactKey{label: "#" + strconv.FormatInt(id, 10) + " " + name, digits: digits, email: emailKey(email)})
	}
	return idx, rows.Err()
}

func (idx contactIndex) add(c *model.Customer, where string, _ bool) {
	k := nameKey(c.Name)
	idx[k] = append(idx[k], contactKey{label: where + " in this file", digits: model.PhoneDigits(c.Phone), email: emailKey(c.Email)})
}

// match applies the no-doubles rule: the same name (ignoring case and
// spacing) and the same phone digits or e-mail; two people of the same name
// with neither phone nor e-mail are taken as the same too, so a file of
// names alone still imports only once.
func (idx contactIndex) match(c *model.Customer) (Duplicate, bool) {
	digits, email := model.PhoneDigits(c.Phone), emailKey(c.Email)
	for _, k := range idx[nameKey(c.Name)] {
		switch {
		case email != "" && email == k.email:
			return Duplicate{Matches: k.label, Why: "same name and e-mail"}, true
		case samePhone(digits, k.digits):
			return Duplicate{Matches: k.label, Why: "same name and phone"}, true
		case digits == "" && email == "" && k.digits == "" && k.email == "":
			return Duplicate{Matches: k.label, Why: "same name, and neither has a phone or e-mail"}, true
		}
	}
	return Duplicate{}, false
}

func nameKey(s string) string { return strings.ToLower(strings.Join(strings.Fields(s), " ")) }

func emailKey(s string) string { return strings.ToLower(strings.TrimSpace(s)) }

// samePhone compares phone digits; a number written with a country code
// matches the same number without it ("+1 555 123 4567" and "555-123-4567").
func samePhone(a, b string) bool {
	if a == "" || b == "" {
		return false
	}
	if a == b {
		return true
	}
	if len(a) < len(b) {
		a, b = b, a
	}
	return len(b) >= 7 && strings.HasSuffix(a, b) && len(a)-len(b) <= 3
}

package store

import (
	"context"
	"database/sql"
	"sort"
	"strings"

	"regulars/model"
)

// MergeSummary says what Merge moved onto the surviving customer.
type MergeSummary struct {
	Into      model.Customer // the survivor, as merged
	Notes     int
	Visits    int
	ThankYous int
	Feedback  int
	Outreach  int
	WeekItems int
	Removed   int // removed records, still restorable on the survivor
	Phones    int // phones and e-mails the survivor did not have
	Emails    int
}

// Merge moves everything about customer from onto customer into: their
// records, week items, removed records and drafts, and the phones and
// e-mails into lacks. Fields into leaves empty are filled from from; from's
// name (and nickname) is kept in into's nickname when it differs. Then
// from is deleted.
func (s *Store) Merge(ctx context.Context, fromID, intoID int64) (*MergeSummary, error) {
	if fromID == intoID {
		return nil, model.Errorf(model.EINVALID, "a customer cannot be merged into themselves")
	}
	var sum MergeSummary
	err := s.tx(ctx, func(tx *sql.Tx) error {
		from, err := getCustomer(ctx, tx, fromID)
		if err != nil {
			return err
		}
		into, err := getCustomer(ctx, tx, intoID)
		if err != nil {
			return err
		}
		phones, emails := len(into.Phones), len(into.Emails)
		mergeFields(into, from)
		if err := into.Validate(); err != nil {
			return model.Errorf(model.EINVALID, "merging %s into %s: %s", from.Name, into.Name, model.ErrorMessage(err))
		}
		sum.Phones, sum.Emails = len(into.Phones)-phones, len(into.Emails)-emails
		for _, m := range []struct {
			table string
			n     *int
		}{
			{"notes", &sum.Notes}, {"visits", &sum.Visits}, {"thank_yous", &sum.ThankYous},
			{"feedback", &sum.Feedback}, {"outreach", &sum.Outreach}, {"week_items", &sum.WeekItems},
			{"removed_records", &sum.Removed},
		} {
			res, err := tx.ExecContext(ctx, `UPDATE `+m.table+` SET customer_id = ? WHERE customer_id = ?`, intoID, fromID)
			if err != nil {
				return err
			}
			n, err := res.RowsAffected()
			if err != nil {
				return err
			}
			*m.n = int(n)
		}
		// A draft of a form into already has a draft of is dropped with from.
		if _, err := tx.ExecContext(ctx, `UPDATE OR IGNORE drafts SET customer_id = ? WHERE customer_id = ?`, intoID, fromID); err != nil {
			return err
		}
		if err := mergeReferrals(ctx, tx, from, into); err != nil {
			return err
		}
		if err := saveCustomer(ctx, tx, into); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE customers SET created_at = ? WHERE id = ?`, formatTime(into.Created), intoID); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM customers WHERE id = ?`, fromID); err != nil {
			return err
		}
		sum.Into = *into
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &sum, nil
}

// mergeFields fills into's empty fields from from's, adds from's phones,
// e-mails and tags, and keeps from's names among into's nicknames.
func mergeFields(into, from *model.Customer) {
	var aliases []string
	if model.NameKey(from.Name) != model.NameKey(into.Name) {
		aliases = append(aliases, from.Name)
	}
	if from.Nickname != "" {
		aliases = append(aliases, from.Nickname)
	}
	for _, a := range aliases {
		if strings.Contains(model.NameKey(into.Nickname), model.NameKey(a)) || model.NameKey(a) == model.NameKey(into.Name) {
			continue
		}
		if into.Nickname == "" {
			into.Nickname = a
		} else {
			into.Nickname += ", " + a
		}
	}
	fill := func(dst *string, src string) {
		if strings.TrimSpace(*dst) == "" {
			*dst = src
		}
	}
	fill(&into.Partner, from.Partner)
	fill(&into.Children, from.Children)
	fill(&into.Interests, from.Interests)
	fill(&into.Usual, from.Usual)
	if into.Birthday.IsZero() {
		into.Birthday = from.Birthday
	}
	if into.Anniversary.IsZero() {
		into.Anniversary = from.Anniversary
	}
	if into.Address.IsZero() {
		into.Address = from.Address
	}
	into.Tags = append(into.Tags, from.Tags...)
	// The survivor keeps its preferred phone and e-mail; from's preferred
	// ones become the survivor's when it has none (Validate keeps the
	// first marked one).
	into.Phones = append(into.Phones, from.Phones...)
	into.Emails = append(into.Emails, from.Emails...)
	into.Phone, into.Email = "", ""
	if !from.Created.IsZero() && from.Created.Before(into.Created) {
		into.Created = from.Created // a customer since the earlier of the two
	}
}

// Dupe is a pair of customers that are likely one person.
type Dupe struct {
	A, B         int64 // A < B
	NameA, NameB string
	Why          []string // "same phone", "same e-mail", "same name", "same name but a middle name"
}

// maxDupeGroup bounds how many customers one shared phone, e-mail or name
// may pair up: a shop's own number given by thirty customers is not thirty
// people being one.
const maxDupeGroup = 10

// Dupes lists likely duplicate customers: the same phone digits or e-mail,
// or names that differ only in case, accents or a middle name. Archived
// customers are included (an old card is often the duplicate).
func (s *Store) Dupes(ctx context.Context) ([]Dupe, error) {
	names := map[int64]string{}
	groups := map[string][]int64{} // reason + "\x00" + key → customers
	add := func(why, key string, id int64) {
		if key == "" {
			return
		}
		k := why + "\x00" + key
		if g := groups[k]; len(g) == 0 || g[len(g)-1] != id {
			groups[k] = append(g, id)
		}
	}
	err := s.readTx(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT id, name, phone_digits, lower(email) FROM customers ORDER BY id`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var id int64
			var name, digits, email string
			if err := rows.Scan(&id, &name, &digits, &email); err != nil {
				return err
			}
			names[id] = name
			if len(digits) >= 6 {
				add("same phone", digits, id)
			}
			add("same e-mail", email, id)
			full, short := model.NameKey(name), model.ShortNameKey(name)
			add("same name", full, id)
			if short != full {
				add("same name but a middle name", short, id)
			}
		}
		if err := rows.Err(); err != nil {
			return err
		}
		crows, err := tx.QueryContext(ctx, `SELECT customer_id, kind, CASE kind WHEN 'phone' THEN digits ELSE lower(value) END
			FROM contacts WHERE preferred = 0 ORDER BY customer_id`)
		if err != nil {
			return err
		}
		defer crows.Close()
		for crows.Next() {
			var id int64
			var kind, key string
			if err := crows.Scan(&id, &kind, &key); err != nil {
				return err
			}
			if kind == "phone" && len(key) >= 6 {
				add("same phone", key, id)
			} else if kind == "email" {
				add("same e-mail", key, id)
			}
		}
		return crows.Err()
	})
	if err != nil {
		return nil, err
	}
	// A two-word name pairs with its longer forms: "Anna Schmidt" and
	// "Anna Maria Schmidt".
	for k, ids := range groups {
		why, key, _ := strings.Cut(k, "\x00")
		if why != "same name but a middle name" {
			continue
		}
		if plain := groups["same name\x00"+key]; len(plain) > 0 {
			groups[k] = append(append([]int64{}, ids...), plain...)
		}
	}
	type pair struct{ a, b int64 }
	whys := map[pair][]string{}
	for k, ids := range groups {
		why, _, _ := strings.Cut(k, "\x00")
		ids = uniqueIDs(ids)
		if len(ids) < 2 || len(ids) > maxDupeGroup {
			continue
		}
		for i := range ids {
			for j := i + 1; j < len(ids); j++ {
				p := pair{ids[i], ids[j]}
				if why == "same name but a middle name" && model.NameKey(names[p.a]) == model.NameKey(names[p.b]) {
					continue // said as "same name"
				}
				whys[p] = append(whys[p], why)
			}
		}
	}
	out := make([]Dupe, 0, len(whys))
	for p, w := range whys {
		sort.Strings(w)
		w = uniqueStrings(w)
		out = append(out, Dupe{A: p.a, B: p.b, NameA: names[p.a], NameB: names[p.b], Why: w})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].A != out[j].A {
			return out[i].A < out[j].A
		}
		return out[i].B < out[j].B
	})
	return out, nil
}

func uniqueIDs(ids []int64) []int64 {
	ids = append([]int64{}, ids...)
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	out := ids[:0]
	for i, id := range ids {
		if i == 0 || id != ids[i-1] {
			out = append(out, id)
		}
	}
	return out
}

func uniqueStrings(s []string) []string {
	out := s[:0]
	for i, v := range s {
		if i == 0 || v != s[i-1] {
			out = append(out, v)
		}
	}
	return out
}

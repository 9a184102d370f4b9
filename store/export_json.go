package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"io"
	"strconv"
	"strings"

	"regulars/model"
)

// The JSON format holds the whole notebook: each customer with their notes,
// visits, thank-yous, feedback and outreach nested inside, so the file
// needs no database ids and imports into any notebook. Times are UTC as the
// notebook stores them, days are YYYY-MM-DD, birthdays YYYY-MM-DD or --MM-DD,
// money integer cents. Exporting, importing into an empty notebook and
// exporting again gives the same bytes.

// jsonFormat and jsonVersion mark a Regulars JSON file.
const (
	jsonFormat  = "regulars"
	jsonVersion = 1
)

type jsonNotebook struct {
	Format    string         `json:"format"`
	Version   int            `json:"version"`
	Customers []jsonCustomer `json:"customers"`
}

type jsonCustomer struct {
	Name        string         `json:"name"`
	Nickname    string         `json:"nickname,omitempty"`
	Phone       string         `json:"phone,omitempty"`
	Email       string         `json:"email,omitempty"`
	Birthday    string         `json:"birthday,omitempty"`
	Anniversary string         `json:"anniversary,omitempty"`
	Partner     string         `json:"partner,omitempty"`
	Children    string         `json:"children,omitempty"`
	Interests   string         `json:"interests,omitempty"`
	Usual       string         `json:"usual,omitempty"`
	Tags        []string       `json:"tags,omitempty"`
	Created     string         `json:"created"`
	Archived    string         `json:"archived,omitempty"` // when
	Notes       []jsonNote     `json:"notes,omitempty"`
	Visits      []jsonVisit    `json:"visits,omitempty"`
	ThankYous   []jsonThankYou `json:"thank_yous,omitempty"`
	Feedback    []jsonFeedback `json:"feedback,omitempty"`
	Outreach    []jsonOutreach `json:"outreach,omitempty"`
	Week        []jsonWeekItem `json:"week,omitempty"`
}

// jsonWeekItem is what the owner did about an item of the weekly queue. Its
// id in the notebook ("thank-you:42:17") names the customer and often one of
// their records by database id; the file names them by position instead, so
// the import can build the id anew: Key is the id's last part with a
// record id turned into "thank_you:2", "visit:1", "feedback:1" or "note:3".
type jsonWeekItem struct {
	Kind         string `json:"kind"`
	Key          string `json:"key,omitempty"`
	State        string `json:"state"`
	Week         string `json:"week"`
	Day          string `json:"day"`
	Reason       string `json:"reason"`
	Due          string `json:"due"`
	Outreach     int    `json:"outreach,omitempty"` // 1-based positions in this customer's lists
	ThankYou     int    `json:"thank_you,omitempty"`
	MadeThankYou bool   `json:"made_thank_you,omitempty"`
	Note         int    `json:"note,omitempty"`
	Feedback     int    `json:"feedback,omitempty"`
	Visit        int    `json:"visit,omitempty"`
	Created      string `json:"created"`
}

// weekKeyRecords says which record a week item's key names, by kind.
var weekKeyRecords = map[string]string{"thank-you": "thank_you", "unhappy": "feedback", "follow-up": "note"}

type jsonNote struct {
	Text    string `json:"text"`
	Created string `json:"created"`
	AskOn   string `json:"ask_on,omitempty"`
	Asked   string `json:"asked,omitempty"` // when
	Private bool   `json:"private,omitempty"`
}

type jsonVisit struct {
	On    string `json:"on"`
	Cents int64  `json:"cents"`
	What  string `json:"what,omitempty"`
}

type jsonThankYou struct {
	Reason  string `json:"reason"`
	Due     string `json:"due"`
	Created string `json:"created"`
	Sent    string `json:"sent,omitempty"`  // when
	Visit   int    `json:"visit,omitempty"` // 1-based position in this customer's visits
}

type jsonFeedback struct {
	On      string `json:"on"`
	Rating  int    `json:"rating"`
	Comment string `json:"comment,omitempty"`
	Replied string `json:"replied,omitempty"` // when
}

type jsonOutreach struct {
	On      string `json:"on"`
	Channel string `json:"channel"`
	About   string `json:"about,omitempty"`
	Note    string `json:"note,omitempty"`
	Created string `json:"created"`
}

// ExportJSON writes the whole notebook as JSON, from one consistent snapshot.
func (s *Store) ExportJSON(ctx context.Context, w io.Writer) error {
	nb := jsonNotebook{Format: jsonFormat, Version: jsonVersion, Customers: []jsonCustomer{}}
	err := s.readTx(ctx, func(tx *sql.Tx) error {
		byID := map[int64]*jsonCustomer{}
		// Record id → 1-based position in its customer's list, by table.
		pos := map[string]map[int64]int{"visit": {}, "note": {}, "thank_you": {}, "feedback": {}, "outreach": {}}
		visitPos := pos["visit"]
		rows, err := tx.QueryContext(ctx, `SELECT `+customerCols+` FROM customers ORDER BY id`)
		if err != nil {
			return err
		}
		var ids []int64
		archived := map[int64]string{}
		for rows.Next() {
			c, err := scanCustomer(rows)
			if err != nil {
				rows.Close()
				return err
			}
			ids = append(ids, c.ID)
			nb.Customers = append(nb.Customers, jsonCustomer{
				Name: c.Name, Nickname: c.Nickname, Phone: c.Phone, Email: c.Email,
				Birthday: c.Birthday.String(), Anniversary: c.Anniversary.String(),
				Partner: c.Partner, Children: c.Children, Interests: c.Interests, Usual: c.Usual,
				Tags: c.Tags, Created: formatTime(c.Created),
			})
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		for i, id := range ids {
			byID[id] = &nb.Customers[i]
		}
		if err := eachRow(ctx, tx, `SELECT id, archived_at FROM customers WHERE archived_at IS NOT NULL`, func(r *sql.Rows) error {
			var id int64
			var at string
			if err := r.Scan(&id, &at); err != nil {
				return err
			}
			archived[id] = normTime(at)
			return nil
		}); err != nil {
			return err
		}
		for id, at := range archived {
			byID[id].Archived = at
		}
		if err := eachRow(ctx, tx, `SELECT id, customer_id, text, created_at, coalesce(ask_on, ''), coalesce(asked_at, ''), private FROM notes ORDER BY id`, func(r *sql.Rows) error {
			var nid, id int64
			var n jsonNote
			if err := r.Scan(&nid, &id, &n.Text, &n.Created, &n.AskOn, &n.Asked, &n.Private); err != nil {
				return err
			}
			n.Created, n.Asked = normTime(n.Created), normTime(n.Asked)
			byID[id].Notes = append(byID[id].Notes, n)
			pos["note"][nid] = len(byID[id].Notes)
			return nil
		}); err != nil {
			return err
		}
		if err := eachRow(ctx, tx, `SELECT id, customer_id, day, cents, what FROM visits ORDER BY id`, func(r *sql.Rows) error {
			var vid, id int64
			var v jsonVisit
			if err := r.Scan(&vid, &id, &v.On, &v.Cents, &v.What); err != nil {
				return err
			}
			c := byID[id]
			c.Visits = append(c.Visits, v)
			visitPos[vid] = len(c.Visits)
			return nil
		}); err != nil {
			return err
		}
		if err := eachRow(ctx, tx, `SELECT id, customer_id, reason, due, created_at, coalesce(sent_at, ''), visit_id FROM thank_yous ORDER BY id`, func(r *sql.Rows) error {
			var tid, id int64
			var visit sql.NullInt64
			var t jsonThankYou
			if err := r.Scan(&tid, &id, &t.Reason, &t.Due, &t.Created, &t.Sent, &visit); err != nil {
				return err
			}
			pos["thank_you"][tid] = len(byID[id].ThankYous) + 1
			t.Created, t.Sent = normTime(t.Created), normTime(t.Sent)
			if visit.Valid {
				t.Visit = visitPos[visit.Int64]
			}
			byID[id].ThankYous = append(byID[id].ThankYous, t)
			return nil
		}); err != nil {
			return err
		}
		if err := eachRow(ctx, tx, `SELECT id, customer_id, day, rating, comment, coalesce(replied_at, '') FROM feedback ORDER BY id`, func(r *sql.Rows) error {
			var fid, id int64
			var f jsonFeedback
			if err := r.Scan(&fid, &id, &f.On, &f.Rating, &f.Comment, &f.Replied); err != nil {
				return err
			}
			pos["feedback"][fid] = len(byID[id].Feedback) + 1
			f.Replied = normTime(f.Replied)
			byID[id].Feedback = append(byID[id].Feedback, f)
			return nil
		}); err != nil {
			return err
		}
		if err := eachRow(ctx, tx, `SELECT id, customer_id, day, channel, about, note, created_at FROM outreach ORDER BY id`, func(r *sql.Rows) error {
			var oid, id int64
			var o jsonOutreach
			if err := r.Scan(&oid, &id, &o.On, &o.Channel, &o.About, &o.Note, &o.Created); err != nil {
				return err
			}
			o.Created = normTime(o.Created)
			byID[id].Outreach = append(byID[id].Outreach, o)
			pos["outreach"][oid] = len(byID[id].Outreach)
			return nil
		}); err != nil {
			return err
		}
		if ok, err := hasTable(ctx, tx, "week_items"); err != nil || !ok {
			return err
		}
		return eachRow(ctx, tx, `SELECT id, customer_id, state, week, day, kind, reason, due, coalesce(outreach_id, 0),
			coalesce(thank_you_id, 0), made_thank_you, coalesce(note_id, 0), coalesce(feedback_id, 0),
			coalesce(visit_id, 0), created_at FROM week_items ORDER BY rowid`, func(r *sql.Rows) error {
			var itemID string
			var cid, outreach, thankYou, note, feedback, visit int64
			var w jsonWeekItem
			if err := r.Scan(&itemID, &cid, &w.State, &w.Week, &w.Day, &w.Kind, &w.Reason, &w.Due, &outreach,
				&thankYou, &w.MadeThankYou, &note, &feedback, &visit, &w.Created); err != nil {
				return err
			}
			w.Created = normTime(w.Created)
			w.Outreach, w.ThankYou, w.Note = pos["outreach"][outreach], pos["thank_you"][thankYou], pos["note"][note]
			w.Feedback, w.Visit = pos["feedback"][feedback], pos["visit"][visit]
			// "kind:customer:key": the key may name a record by its id.
			parts := strings.SplitN(itemID, ":", 3)
			if len(parts) == 3 {
				w.Key = parts[2]
				table := weekKeyRecords[w.Kind]
				if strings.HasPrefix(w.Key, "v") && w.Kind == "thank-you" {
					table, w.Key = "visit", w.Key[1:]
				}
				if n, err := strconv.ParseInt(w.Key, 10, 64); err == nil && table != "" && pos[table][n] > 0 {
					w.Key = table + ":" + strconv.Itoa(pos[table][n])
				}
			}
			if c := byID[cid]; c != nil {
				c.Week = append(c.Week, w)
			}
			return nil
		})
	})
	if err != nil {
		return err
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(nb); err != nil {
		return model.Errorf(model.EINTERNAL, "writing the export: %v", err)
	}
	return nil
}

// hasTable reports whether the notebook has a table (newer notebooks have
// more).
func hasTable(ctx context.Context, tx *sql.Tx, name string) (bool, error) {
	var n int
	err := tx.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = ?`, name).Scan(&n)
	return n > 0, err
}

// normTime writes a stored time in the one layout the notebook uses.
func normTime(s string) string {
	if s == "" {
		return ""
	}
	return formatTime(parseTime(s))
}

// eachRow runs fn for every row of a query.
func eachRow(ctx context.Context, tx *sql.Tx, query string, fn func(*sql.Rows) error, args ...any) error {
	rows, err := tx.QueryContext(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := fn(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}

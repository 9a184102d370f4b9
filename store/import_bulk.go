package store

import (
	"context"
	"database/sql"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"

	"regulars/interchange"
	"regulars/model"
)

// An import writes its new customers as the demo does (demo.go): each
// table gets one INSERT … SELECT FROM jsonb_each a chunk of customers, with
// meta 'bulk' set so that the visits and notes insert triggers rest, and
// what they keep is written with the rows: each customer's visit columns
// (bulkVisitStats), spend per year, the shop's amount counts, and the
// words of the notes (recomputeBulk). Statements prepared once a chunk
// instead of once a row (a visit's statement compiles its triggers: that
// was most of an import's time). The triggers that stay on keep the
// search rows of the customers and their other contacts, and log each
// customer in customer_changes, so an open filter index sees them.
// TestImportBulkMatchesTriggers checks what is written against the
// triggers.

// importChunkRows bounds the rows of one chunk (its customers and their
// records): a few tens of milliseconds of writing, so a turn ends near
// importTurn, and a few MB of JSON. (A variable only so that a test can
// make chunks small.)
var importChunkRows = 20000

// importTables are the tables an import fills, parents first.
const (
	iCustomers = iota
	iContacts
	iVisits
	iVisitYears
	iVisitWeeks
	iNotes
	iThankYous
	iFeedback
	iOutreach
	iWeekItems
	iTables
)

func newImportTables() []*demoTable {
	ts := []*demoTable{
		iCustomers: {name: "customers", cols: `id, uid, name, nickname, phone, phone_digits, email,
			bday_year, bday_month, bday_day, anniv_year, anniv_month, anniv_day,
			partner, children, interests, usual, tags, addr_street, addr_postcode, addr_town, addr_country,
			referred_by, created_at, archived_at, source,
			last_visit, first_visit, visit_count, third_visit, gap_median, lapse_on`},
		iContacts:   {name: "contacts", cols: "customer_id, kind, label, value, digits, preferred, position"},
		iVisits:     {name: "visits", cols: "id, customer_id, day, cents, what, author"},
		iVisitYears: {name: "visit_years", cols: "customer_id, year, cents, visits"},
		iVisitWeeks: {name: "visit_weeks", cols: "customer_id, week, cents, visits"},
		iNotes:      {name: "notes", cols: "id, customer_id, text, created_at, ask_on, asked_at, private, author"},
		iThankYous:  {name: "thank_yous", cols: "id, customer_id, visit_id, reason, due, created_at, sent_at, author"},
		iFeedback:   {name: "feedback", cols: "id, customer_id, day, rating, comment, replied_at, author"},
		iOutreach:   {name: "outreach", cols: "id, customer_id, day, channel, about, note, created_at, author"},
		iWeekItems: {name: "week_items", cols: `id, state, week, day, kind, customer_id, reason, due,
			outreach_id, thank_you_id, made_thank_you, note_id, feedback_id, visit_id, created_at`},
	}
	for _, t := range ts {
		t.width = strings.Count(t.cols, ",") + 1
	}
	return ts
}

// importChunk is one chunk of customers being made into rows.
type importChunk struct {
	tables         []*demoTable
	rows           int
	amounts, units map[int64]int
	// The next id of each kind of record, and of customers.
	nextCustomer int64
	next         map[model.RecordKind]int64
	days         []model.Date
}

// importWriter writes records in turns: a transaction open for at most
// importTurn, holding as many chunks as fit, then a pause of importPause
// with the write lock free. Each commit writes every page its chunks
// touched (the visits' index by day, the search rows' segments: pages all
// over the file), so a turn of several chunks writes far fewer pages than
// a transaction a chunk did.
type importWriter struct {
	s       *Store
	ctx     context.Context
	now     time.Time
	tx      *sql.Tx
	end     time.Time
	ch      *importChunk
	written []int64 // the customers written, committed or not
	// turnDone, when set, is called after each commit with the customers
	// committed so far.
	turnDone func(n int)
}

func newImportWriter(ctx context.Context, s *Store) *importWriter {
	return &importWriter{s: s, ctx: ctx, now: s.Now(), ch: &importChunk{tables: newImportTables(), next: map[model.RecordKind]int64{}}}
}

// write writes recs, committing and pausing as turns end; the last turn
// stays open until the next write or close.
func (w *importWriter) write(recs []*interchange.Record) error {
	for len(recs) > 0 {
		if w.tx != nil && !time.Now().Before(w.end) {
			if err := w.commit(); err != nil {
				return err
			}
			select {
			case <-time.After(importPause):
			case <-w.ctx.Done():
				return wrapError(w.ctx.Err())
			}
		}
		if w.tx == nil {
			tx, err := w.s.db.BeginTx(w.ctx, nil)
			if err != nil {
				return wrapError(err)
			}
			w.tx, w.end = tx, time.Now().Add(importTurn)
			// The visits and notes insert triggers rest while 'bulk' is
			// set; the flag never leaves the transaction.
			if _, err := tx.ExecContext(w.ctx, `INSERT INTO meta (key, value) VALUES ('bulk', 'import')`); err != nil {
				return wrapError(err)
			}
		}
		n, err := w.ch.write(w.ctx, w.tx, recs, w.now)
		if err != nil {
			return wrapError(err)
		}
		for _, rec := range recs[:n] {
			w.written = append(w.written, rec.Customer.ID)
		}
		recs = recs[n:]
	}
	return nil
}

// commit ends the open turn.
func (w *importWriter) commit() error {
	tx := w.tx
	w.tx = nil
	if _, err := tx.ExecContext(w.ctx, `DELETE FROM meta WHERE key = 'bulk'`); err != nil {
		tx.Rollback()
		return wrapError(err)
	}
	if err := tx.Commit(); err != nil {
		return wrapError(err)
	}
	if w.turnDone != nil {
		w.turnDone(len(w.written))
	}
	return nil
}

// close commits the last turn.
func (w *importWriter) close() error {
	if w.tx == nil {
		return nil
	}
	return w.commit()
}

// abort rolls the open turn back and removes the customers of the turns
// already committed: an import is all or nothing for the records it keeps.
func (w *importWriter) abort() {
	if w.tx != nil {
		w.tx.Rollback()
		w.tx = nil
	}
	w.s.undoImport(w.written)
	w.written = nil
}

// write makes rows of the first records, up to importChunkRows of them (at
// least one record), inserts them and returns how many records it wrote.
func (ch *importChunk) write(ctx context.Context, tx *sql.Tx, recs []*interchange.Record, now time.Time) (int, error) {
	if err := tx.QueryRowContext(ctx, `SELECT coalesce(max(id), 0) + 1 FROM customers`).Scan(&ch.nextCustomer); err != nil {
		return 0, err
	}
	for _, k := range model.RecordKinds {
		id, err := nextRecordID(ctx, tx, k)
		if err != nil {
			return 0, err
		}
		ch.next[k] = id
	}
	for _, t := range ch.tables {
		t.rows = append(t.rows[:0], '[')
	}
	ch.rows = 0
	ch.amounts, ch.units = map[int64]int{}, map[int64]int{}
	n := 0
	for n < len(recs) && (n == 0 || ch.rows < importChunkRows) {
		rec := recs[n]
		if rec.Customer.ReferredBy != 0 {
			rec.Customer.ID = ch.nextCustomer
			if err := checkReferrer(ctx, tx, &rec.Customer); err != nil {
				return 0, fmt.Errorf("%s: %w", rec.Where, err)
			}
		}
		ch.add(rec, now)
		n++
	}
	first, last := recs[0].Customer.ID, recs[n-1].Customer.ID
	for _, t := range ch.tables {
		if len(t.rows) == 1 {
			continue
		}
		t.rows[len(t.rows)-1] = ']' // the last row's comma
		if _, err := tx.ExecContext(ctx, insertSQL(t), string(t.rows)); err != nil {
			return 0, fmt.Errorf("%s: %w", importSpan(recs[0], recs[n-1]), err)
		}
	}
	if err := recomputeBulk(ctx, tx, first, last); err != nil {
		return 0, err
	}
	for _, q := range []struct {
		sql    string
		counts map[int64]int
	}{
		{`INSERT INTO visit_amounts (cents, visits) SELECT CAST(key AS INTEGER), value FROM json_each(?) WHERE true
			ON CONFLICT (cents) DO UPDATE SET visits = visits + excluded.visits`, ch.amounts},
		{`INSERT INTO visit_amount_units (unit, visits) SELECT CAST(key AS INTEGER), value FROM json_each(?) WHERE true
			ON CONFLICT (unit) DO UPDATE SET visits = visits + excluded.visits`, ch.units},
	} {
		if len(q.counts) == 0 {
			continue
		}
		if _, err := tx.ExecContext(ctx, q.sql, countsJSON(q.counts)); err != nil {
			return 0, err
		}
	}
	return n, nil
}

// importSpan names the records of a failed chunk.
func importSpan(a, b *interchange.Record) string {
	if a == b || b.Where == "" {
		return a.Where
	}
	return a.Where + " to " + b.Where
}

// id takes the next id of a kind of record.
func (ch *importChunk) id(k model.RecordKind) int64 {
	id := ch.next[k]
	ch.next[k] = id + 1
	return id
}

// row queues one row of table t: strings, integers, floats or nil.
func (ch *importChunk) row(t int, row ...any) {
	ch.tables[t].add(row...)
	ch.rows++
}

// add makes the rows of one record, giving it and its records their ids,
// and filling in the times the store's helpers would (now, for what the
// file does not say).
func (ch *importChunk) add(rec *interchange.Record, now time.Time) {
	c := &rec.Customer
	c.ID = ch.nextCustomer
	ch.nextCustomer++
	if c.Created.IsZero() {
		c.Created = now
	}
	var uid, archived any
	if rec.UID != "" {
		uid = rec.UID
	}
	if c.Archived {
		at := rec.ArchivedAt
		if at.IsZero() {
			at = now
		}
		archived = formatTime(at)
	}
	// Visits first: the customer's row carries what their triggers keep.
	ch.days = ch.days[:0]
	years := map[int][2]int64{}
	weeks := map[model.Date][2]int64{}
	for i := range rec.Visits {
		v := &rec.Visits[i]
		v.CustomerID = c.ID
		v.ID = ch.id(model.RecordVisit)
		ch.row(iVisits, v.ID, c.ID, v.On.String(), v.Cents, v.What, v.Author)
		ch.days = append(ch.days, v.On)
		y := years[v.On.Year]
		years[v.On.Year] = [2]int64{y[0] + v.Cents, y[1] + 1}
		w := weeks[model.WeekOf(v.On)]
		weeks[model.WeekOf(v.On)] = [2]int64{w[0] + v.Cents, w[1] + 1}
		ch.amounts[v.Cents]++
		ch.units[v.Cents/100]++
	}
	for _, y := range slices.Sorted(maps.Keys(years)) {
		ch.row(iVisitYears, c.ID, y, years[y][0], years[y][1])
	}
	for _, w := range slices.SortedFunc(maps.Keys(weeks), model.Date.Compare) {
		ch.row(iVisitWeeks, c.ID, w.String(), weeks[w][0], weeks[w][1])
	}
	slices.SortFunc(ch.days, func(a, b model.Date) int { return a.Compare(b) })
	st := bulkVisitStats(ch.days)
	ch.row(iCustomers, c.ID, uid, c.Name, c.Nickname, c.Phone, model.PhoneDigits(c.Phone), c.Email,
		c.Birthday.Year, int(c.Birthday.Month), c.Birthday.Day,
		c.Anniversary.Year, int(c.Anniversary.Month), c.Anniversary.Day,
		c.Partner, c.Children, c.Interests, c.Usual, strings.Join(c.Tags, ","),
		c.Address.Street, c.Address.Postcode, c.Address.Town, c.Address.Country,
		referrerArg(c), formatTime(c.Created), archived, "import",
		st.last, st.first, st.count, st.third, st.gapMedian, st.lapseOn)
	// The contacts, as writeContacts writes them.
	phones, emails := c.Phones, c.Emails
	if len(phones) == 0 && c.Phone != "" {
		phones = []model.Contact{{Label: model.Other, Value: c.Phone, Preferred: true}}
	}
	if len(emails) == 0 && c.Email != "" {
		emails = []model.Contact{{Label: model.Other, Value: c.Email, Preferred: true}}
	}
	for _, kind := range []string{"phone", "email"} {
		list := phones
		if kind == "email" {
			list = emails
		}
		for i, k := range list {
			digits := ""
			if kind == "phone" {
				digits = model.PhoneDigits(k.Value)
			}
			label := k.Label
			if label == "" {
				label = model.Other
			}
			ch.row(iContacts, c.ID, kind, string(label), k.Value, digits, boolInt(k.Preferred), i)
		}
	}
	for i := range rec.Notes {
		n := &rec.Notes[i]
		n.CustomerID = c.ID
		n.ID = ch.id(model.RecordNote)
		if n.Created.IsZero() {
			n.Created = now
		}
		var asked any
		if at, ok := rec.NoteAskedAt[i]; ok {
			asked = formatTime(at)
			n.Asked = true
		} else if n.Asked {
			asked = formatTime(now)
		}
		ch.row(iNotes, n.ID, c.ID, n.Text, formatTime(n.Created), nullDay(n.AskOn), asked, boolInt(n.Private), n.Author)
	}
	for i := range rec.ThankYous {
		t := &rec.ThankYous[i]
		t.CustomerID = c.ID
		t.ID = ch.id(model.RecordThankYou)
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
		if vi, ok := rec.ThankYouVisit[i]; ok && vi >= 0 && vi < len(rec.Visits) {
			visit = rec.Visits[vi].ID
		}
		ch.row(iThankYous, t.ID, c.ID, visit, t.Reason, t.Due.String(), formatTime(t.Created), sent, t.Author)
	}
	for i := range rec.Feedback {
		f := &rec.Feedback[i]
		f.CustomerID = c.ID
		f.ID = ch.id(model.RecordFeedback)
		var replied any
		if f.Replied {
			if f.RepliedAt.IsZero() {
				f.RepliedAt = now
			}
			replied = formatTime(f.RepliedAt)
		}
		ch.row(iFeedback, f.ID, c.ID, f.On.String(), f.Rating, f.Comment, replied, f.Author)
	}
	for i := range rec.Outreach {
		o := &rec.Outreach[i]
		o.CustomerID = c.ID
		o.ID = ch.id(model.RecordOutreach)
		if o.Created.IsZero() {
			o.Created = now
		}
		ch.row(iOutreach, o.ID, c.ID, o.On.String(), string(o.Channel), o.About, o.Note, formatTime(o.Created), o.Author)
	}
	ch.weekItems(rec)
}

// weekItems makes the rows of a JSON record's week state, with the item
// ids and record links rebuilt from positions for this notebook's ids.
func (ch *importChunk) weekItems(rec *interchange.Record) {
	if len(rec.Week) == 0 {
		return
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
		ch.row(iWeekItems, id, w.State, w.Week.String(), w.Day.String(), w.Kind, rec.Customer.ID, w.Reason, w.Due.String(),
			ref("outreach", w.Outreach), ref("thank_you", w.ThankYou), boolInt(w.MadeThankYou),
			ref("note", w.Note), ref("feedback", w.Feedback), ref("visit", w.Visit), formatTime(w.Created))
	}
}

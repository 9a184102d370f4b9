package store

import (
	"context"
	"database/sql"
	"maps"
	"slices"
	"strconv"
	"time"

	"regulars/model"
)

// The weekly queue. Each kind's candidates come from one index range (see
// migrations/0002_week.sql); the rules in model decide on them. Here: the
// API and the queue's one read; each kind's query is in week_queries.go,
// the query builder they share in week_sql.go.

// Week returns the queue on today: the items with their states, the counts
// and the habit streak.
func (s *Store) Week(ctx context.Context, today model.Date) (*model.Week, error) {
	var w *model.Week
	err := s.readTx(ctx, func(tx *sql.Tx) (err error) {
		aside, done := s.weekBeside(ctx, tx)
		defer done()
		w, err = week(ctx, s.preparedTx(tx), today, s.Now().Location(), model.DefaultWeekRules, aside)
		return err
	})
	if err != nil {
		return nil, err
	}
	return w, nil
}

// weekAside are the kinds a second connection gathers while the first
// gathers the others: the two that rank every customer by spend, about
// half of the queue's reading. weekAsideData takes their candidates from
// the second connection's WeekData.
var weekAside = []model.Kind{model.KindTopSpender, model.KindCheckIn}

func weekAsideData(d, aside *model.WeekData) {
	d.WeekSpend, d.YearSpend = aside.WeekSpend, aside.YearSpend
}

// weekBeside is besideTx for the week: its queries through the store's
// prepared statements.
func (s *Store) weekBeside(ctx context.Context, tx *sql.Tx) (queryer, func()) {
	beside, done := s.besideTx(ctx, tx)
	if beside == nil {
		return nil, done
	}
	return s.preparedTx(beside), done
}

// DoneItem marks the item done today: it logs an outreach entry (About is
// the item id) and closes what the item was about — a thank-you is marked
// sent (a suggested one is added as sent), feedback replied, a follow-up
// asked — all in one transaction. It returns the item.
func (s *Store) DoneItem(ctx context.Context, id string, ch model.Channel, note string) (*model.Item, error) {
	now := s.Now()
	today := model.DateOf(now)
	o := model.Outreach{On: today, Channel: ch, About: id, Note: note}
	if err := o.Validate(); err != nil {
		return nil, err
	}
	var done model.Item
	err := s.tx(ctx, func(tx *sql.Tx) error {
		it, err := weekItem(ctx, tx, id, today, now.Location())
		if err != nil {
			return err
		}
		if it.State == model.Done {
			return model.Errorf(model.ECONFLICT, "%s is already done this week", id)
		}
		o.CustomerID = it.CustomerID
		o.Author = s.Author
		if err := insertOutreach(ctx, tx, &o, now); err != nil {
			return err
		}
		if err := closeItem(ctx, tx, it, today, o.ID, s.Author, now); err != nil {
			return err
		}
		done = *it
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &done, nil
}

// closeItem closes what a done item was about — a thank-you is marked sent
// (a suggested one is added as sent), feedback replied, a follow-up asked —
// and records it done with its outreach entry.
func closeItem(ctx context.Context, tx *sql.Tx, it *model.Item, today model.Date, outreachID int64, author string, now time.Time) error {
	var err error
	made := false
	switch {
	case it.ThankYouID != 0:
		err = closeRecord(ctx, tx, "thank_yous", "sent_at", "thank-you", it.ThankYouID, now)
	case it.NoteID != 0:
		err = closeRecord(ctx, tx, "notes", "asked_at", "follow-up", it.NoteID, now)
	case it.FeedbackID != 0:
		err = closeRecord(ctx, tx, "feedback", "replied_at", "feedback", it.FeedbackID, now)
	case it.VisitID != 0:
		t := model.ThankYou{CustomerID: it.CustomerID, Reason: "thank you for the big purchase",
			Due: it.Due, Sent: true, SentAt: now, Author: author}
		err = insertThankYou(ctx, tx, &t, it.VisitID, now)
		it.ThankYouID, made = t.ID, true
	}
	if err != nil {
		return err
	}
	it.State = model.Done
	return saveItemState(ctx, tx, it, today, outreachID, made, now)
}

// SnoozeItem hides the item until the next queue week. It returns the item.
// Unhappy feedback is never put off: it stays on the queue until replied.
func (s *Store) SnoozeItem(ctx context.Context, id string) (*model.Item, error) {
	if kind, _, err := model.ParseItemID(id); err == nil && !model.Snoozable(kind) {
		return nil, model.Errorf(model.ECONFLICT, "%s waits for a reply: unhappy feedback stays on the queue until it is replied to", id)
	}
	now := s.Now()
	today := model.DateOf(now)
	var snoozed model.Item
	err := s.tx(ctx, func(tx *sql.Tx) error {
		it, err := weekItem(ctx, tx, id, today, now.Location())
		if err != nil {
			return err
		}
		switch it.State {
		case model.Done:
			return model.Errorf(model.ECONFLICT, "%s is already done", id)
		case model.Snoozed:
			return model.Errorf(model.ECONFLICT, "%s is already snoozed until next week", id)
		}
		it.State = model.Snoozed
		if err := saveItemState(ctx, tx, it, today, 0, false, now); err != nil {
			return err
		}
		snoozed = *it
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &snoozed, nil
}

// UndoItem takes back what was last done to an item: a done item is
// reopened (its outreach entry removed, its thank-you, feedback or
// follow-up opened again, a thank-you it added removed), a snoozed one
// shown again. It returns the item as it was before the undo.
func (s *Store) UndoItem(ctx context.Context, id string) (*model.Item, error) {
	var it model.Item
	err := s.tx(ctx, func(tx *sql.Tx) error {
		var state, kind, due string
		var outreach, thankYou, note, feedback, visit sql.NullInt64
		var made bool
		err := tx.QueryRowContext(ctx, `SELECT w.state, w.kind, w.customer_id, c.name, w.reason, w.due,
			w.outreach_id, w.thank_you_id, w.made_thank_you, w.note_id, w.feedback_id, w.visit_id
			FROM week_items w JOIN customers c ON c.id = w.customer_id WHERE w.id = ?`, id).Scan(
			&state, &kind, &it.CustomerID, &it.Customer, &it.Reason, &due,
			&outreach, &thankYou, &made, &note, &feedback, &visit)
		if err == sql.ErrNoRows {
			return model.Errorf(model.ENOTFOUND, "%s was neither done nor snoozed: nothing to undo", id)
		}
		if err != nil {
			return err
		}
		it.ID, it.Kind, it.State, it.Due = id, model.Kind(kind), model.State(state), parseDay(due)
		it.ThankYouID, it.NoteID, it.FeedbackID, it.VisitID = thankYou.Int64, note.Int64, feedback.Int64, visit.Int64
		if it.State == model.Done {
			undo := []struct {
				ok    bool
				query string
				id    int64
			}{
				// One outreach entry may cover a person's items (DonePerson):
				// it goes with the last of them.
				{outreach.Valid, `DELETE FROM outreach WHERE id = ?1 AND NOT EXISTS
					(SELECT 1 FROM week_items WHERE outreach_id = ?1 AND id <> ?2)`, outreach.Int64},
				{thankYou.Valid && made, `DELETE FROM thank_yous WHERE id = ?`, thankYou.Int64},
				{thankYou.Valid && !made, `UPDATE thank_yous SET sent_at = NULL WHERE id = ?`, thankYou.Int64},
				{note.Valid, `UPDATE notes SET asked_at = NULL WHERE id = ?`, note.Int64},
				{feedback.Valid, `UPDATE feedback SET replied_at = NULL WHERE id = ?`, feedback.Int64},
			}
			for _, u := range undo {
				if !u.ok {
					continue
				}
				if _, err := tx.ExecContext(ctx, u.query, u.id, id); err != nil {
					return err
				}
			}
		}
		_, err = tx.ExecContext(ctx, `DELETE FROM week_items WHERE id = ?`, id)
		return err
	})
	if err != nil {
		return nil, err
	}
	return &it, nil
}

// weekItem finds one item of the week on today, computing only its kind for
// its customer (and, for the kinds that rank everyone, that ranking), never
// the whole queue: done and snooze stay quick at any size.
func weekItem(ctx context.Context, tx *sql.Tx, id string, today model.Date, loc *time.Location) (*model.Item, error) {
	kind, customer, err := model.ParseItemID(id)
	if err != nil {
		return nil, err
	}
	r := model.DefaultWeekRules
	weekOf := model.WeekOf(today)
	var rec struct {
		state, week string
	}
	err = tx.QueryRowContext(ctx, `SELECT state, week FROM week_items WHERE id = ?`, id).Scan(&rec.state, &rec.week)
	if err != nil && err != sql.ErrNoRows {
		return nil, err
	}
	found := err == nil
	if found && rec.state == string(model.Done) && rec.week != weekOf.String() {
		return nil, model.Errorf(model.ECONFLICT, "%s was already done in an earlier week", id)
	}
	items, err := kindItems(ctx, tx, kind, customer, today, loc, r)
	if err != nil {
		return nil, err
	}
	for i := range items {
		if items[i].ID != id {
			continue
		}
		it := items[i]
		it.State = model.Open
		if found && rec.week == weekOf.String() {
			it.State = model.State(rec.state)
		}
		return &it, nil
	}
	if found && rec.state == string(model.Done) {
		// Done this week, and what it was about is closed since: it stays
		// on the queue as done.
		records, err := itemRecords(ctx, tx, weekOf, id)
		if err != nil {
			return nil, err
		}
		if len(records) == 1 {
			it := records[0].Item
			it.State = model.Done
			return &it, nil
		}
	}
	return nil, model.Errorf(model.ENOTFOUND, "%s is not on the queue for the week of %s; 'regulars week' lists it", id, today.Short())
}

// kindItems computes the items of one kind for one customer on today, as
// the whole queue would have them (open; states are the caller's).
func kindItems(ctx context.Context, tx *sql.Tx, kind model.Kind, customer int64, today model.Date, loc *time.Location, r model.WeekRules) ([]model.Item, error) {
	var d model.WeekData
	on := weekFor{today: today, loc: loc, r: r, sc: weekScope{customer: customer, weekOf: model.WeekOf(today)}}
	if _, err := gatherKind(ctx, tx, kind, on, &d); err != nil {
		return nil, err
	}
	items := r.KindItems(today, kind, &d)
	out := items[:0]
	for _, it := range items {
		if it.CustomerID == customer {
			out = append(out, it)
		}
	}
	return out, nil
}

func saveItemState(ctx context.Context, tx *sql.Tx, it *model.Item, today model.Date, outreachID int64, made bool, now time.Time) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO week_items (id, state, week, day, kind, customer_id, reason, due,
		outreach_id, thank_you_id, made_thank_you, note_id, feedback_id, visit_id, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (id) DO UPDATE SET state = excluded.state, week = excluded.week, day = excluded.day,
			kind = excluded.kind, customer_id = excluded.customer_id, reason = excluded.reason, due = excluded.due,
			outreach_id = excluded.outreach_id, thank_you_id = excluded.thank_you_id,
			made_thank_you = excluded.made_thank_you, note_id = excluded.note_id,
			feedback_id = excluded.feedback_id, visit_id = excluded.visit_id, created_at = excluded.created_at`,
		it.ID, string(it.State), model.WeekOf(today).String(), today.String(), string(it.Kind), it.CustomerID,
		it.Reason, it.Due.String(), nullID(outreachID), nullID(it.ThankYouID), boolInt(made),
		nullID(it.NoteID), nullID(it.FeedbackID), nullID(it.VisitID), formatTime(now))
	return err
}

func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

// week computes the queue on today inside tx: it reads every kind's
// candidates, the week's records and the weeks worked, and hands them to
// the rules once. The lists that can run to thousands at a large shop
// (birthdays, anniversaries, thank-yous, new customers, lapsed regulars,
// unhappy feedback, follow-ups) are cut in SQL at PerKindLimit open items
// each, the soonest due first, and the rest only counted; items already
// done, or acted on this week, are left out of them and come from the
// records instead.
//
// With beside (a second transaction on the same notebook; see
// Store.weekBeside), the kinds of weekAside are gathered through it at
// the same time as the others.
func week(ctx context.Context, tx queryer, today model.Date, loc *time.Location, r model.WeekRules, beside queryer) (*model.Week, error) {
	weekOf := model.WeekOf(today)
	on := weekFor{today: today, loc: loc, r: r, sc: weekScope{limit: r.PerKindLimit, weekOf: weekOf}}
	d := model.WeekData{Beyond: map[model.Kind]int{}}
	var aside model.WeekData
	asideBeyond := map[model.Kind]int{}
	asideErr := make(chan error, 1)
	if beside != nil {
		go func() {
			for _, kind := range weekAside {
				n, err := gatherKind(ctx, beside, kind, on, &aside)
				if err != nil {
					asideErr <- err
					return
				}
				asideBeyond[kind] = n
			}
			asideErr <- nil
		}()
	}
	var err error
	for _, kind := range model.Kinds {
		if beside != nil && slices.Contains(weekAside, kind) {
			continue
		}
		n, gerr := gatherKind(ctx, tx, kind, on, &d)
		if gerr != nil {
			err = gerr
			break
		}
		d.Beyond[kind] = n
	}
	if beside != nil {
		if aerr := <-asideErr; err == nil {
			err = aerr
		}
		weekAsideData(&d, &aside)
		maps.Copy(d.Beyond, asideBeyond)
	}
	if err != nil {
		return nil, err
	}
	if d.Records, err = itemRecords(ctx, tx, weekOf, ""); err != nil {
		return nil, err
	}
	// The lists left out what was snoozed this week: the rules look for
	// it among its customer's candidates.
	for _, rec := range d.Records {
		q, ok := kindQueries[rec.Kind]
		if rec.State != model.Snoozed || !ok || q.ranks {
			continue
		}
		one := &model.WeekData{}
		on := weekFor{today: today, loc: loc, r: r, sc: weekScope{customer: rec.CustomerID, weekOf: weekOf}}
		if _, err := q.gather(ctx, tx, on, one); err != nil {
			return nil, err
		}
		if d.Snoozed == nil {
			d.Snoozed = map[string]*model.WeekData{}
		}
		d.Snoozed[rec.ID] = one
	}
	if d.Worked, err = workedWeeks(ctx, tx); err != nil {
		return nil, err
	}
	w := r.BuildWeek(today, d)
	if w.Recipients, err = recipients(ctx, tx, beside, w.Items); err != nil {
		return nil, err
	}
	if w.Templates, err = templates(ctx, tx); err != nil {
		return nil, err
	}
	if w.WonBack, err = wonBack(ctx, tx, today, loc); err != nil {
		return nil, err
	}
	if err := cameBack(ctx, tx, w); err != nil {
		return nil, err
	}
	return w, nil
}

// itemRecords returns what was done or snoozed in the queue week starting
// weekOf (only the item id, if one is given). Items done in earlier weeks
// are left out of the candidate lists in SQL, so they are not read here.
// A follow-up's privacy is read from its note: the record keeps its words.
func itemRecords(ctx context.Context, tx queryer, weekOf model.Date, id string) ([]model.ItemRecord, error) {
	only := ""
	args := []any{weekOf.String()}
	if id != "" {
		only = " AND w.id = ?"
		args = append(args, id)
	}
	rows, err := tx.QueryContext(ctx, `SELECT w.id, w.state, w.week, w.day, w.kind, w.customer_id, c.name, w.reason, w.due,
			coalesce(w.thank_you_id, 0), coalesce(w.note_id, 0), coalesce(w.feedback_id, 0), coalesce(w.visit_id, 0),
			coalesce((SELECT n.private FROM notes n WHERE n.id = w.note_id), 0)
		FROM week_items w JOIN customers c ON c.id = w.customer_id
		WHERE w.week = ?`+only, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []model.ItemRecord
	for rows.Next() {
		var rec model.ItemRecord
		var state, week, on, kind, due string
		if err := rows.Scan(&rec.ID, &state, &week, &on, &kind, &rec.CustomerID, &rec.Customer, &rec.Reason, &due,
			&rec.ThankYouID, &rec.NoteID, &rec.FeedbackID, &rec.VisitID, &rec.Private); err != nil {
			return nil, err
		}
		rec.State, rec.Week, rec.On, rec.Kind, rec.Due = model.State(state), day(week), day(on), model.Kind(kind), day(due)
		out = append(out, rec)
	}
	return out, rows.Err()
}

// day reads a stored YYYY-MM-DD day, quickly: the queue reads thousands.
func day(s string) model.Date {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return parseDay(s)
	}
	y, err1 := strconv.Atoi(s[:4])
	m, err2 := strconv.Atoi(s[5:7])
	d, err3 := strconv.Atoi(s[8:])
	if err1 != nil || err2 != nil || err3 != nil {
		return parseDay(s)
	}
	return model.Date{Year: y, Month: time.Month(m), Day: d}
}

// workedWeeks lists the queue weeks in which something was done, for the
// streak.
func workedWeeks(ctx context.Context, tx queryer) ([]model.Date, error) {
	rows, err := tx.QueryContext(ctx, `SELECT DISTINCT week FROM week_items INDEXED BY week_items_week WHERE state = 'done'`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []model.Date
	for rows.Next() {
		var w string
		if err := rows.Scan(&w); err != nil {
			return nil, err
		}
		out = append(out, day(w))
	}
	return out, rows.Err()
}

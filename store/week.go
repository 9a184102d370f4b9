package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"strconv"
	"time"

	"regulars/model"
)

// The weekly queue. Each kind's candidates come from one index range (see
// migrations/0002_week.sql); the rules in model decide on them.

// Week returns the queue on today: the items with their states, the counts
// and the habit streak.
func (s *Store) Week(ctx context.Context, today model.Date) (*model.Week, error) {
	var w *model.Week
	err := s.readTx(ctx, func(tx *sql.Tx) (err error) {
		w, err = week(ctx, tx, today, s.Now().Location(), model.DefaultWeekRules)
		return err
	})
	if err != nil {
		return nil, err
	}
	return w, nil
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
		if err := insertOutreach(ctx, tx, &o, now); err != nil {
			return err
		}
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
				Due: it.Due, Sent: true, SentAt: now}
			err = insertThankYou(ctx, tx, &t, it.VisitID, now)
			it.ThankYouID, made = t.ID, true
		}
		if err != nil {
			return err
		}
		it.State = model.Done
		if err := saveItemState(ctx, tx, it, today, o.ID, made, now); err != nil {
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

// SnoozeItem hides the item until the next queue week. It returns the item.
func (s *Store) SnoozeItem(ctx context.Context, id string) (*model.Item, error) {
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
				{outreach.Valid, `DELETE FROM outreach WHERE id = ?`, outreach.Int64},
				{thankYou.Valid && made, `DELETE FROM thank_yous WHERE id = ?`, thankYou.Int64},
				{thankYou.Valid && !made, `UPDATE thank_yous SET sent_at = NULL WHERE id = ?`, thankYou.Int64},
				{note.Valid, `UPDATE notes SET asked_at = NULL WHERE id = ?`, note.Int64},
				{feedback.Valid, `UPDATE feedback SET replied_at = NULL WHERE id = ?`, feedback.Int64},
			}
			for _, u := range undo {
				if !u.ok {
					continue
				}
				if _, err := tx.ExecContext(ctx, u.query, u.id); err != nil {
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
	sc := weekScope{customer: customer, weekOf: model.WeekOf(today)}
	aheadFrom, aheadTo := r.Ahead(today)
	behindFrom, behindTo := r.Behind(today)
	var items []model.Item
	switch kind {
	case model.KindBirthday, model.KindAnniversary:
		col := "bday"
		if kind == model.KindAnniversary {
			col = "anniv"
		}
		cs, _, err := yearlyCandidates(ctx, tx, col, kind, aheadFrom, aheadTo, sc)
		if err != nil {
			return nil, err
		}
		items = r.YearlyItems(today, kind, cs)
	case model.KindThankYou:
		cs, _, err := thankYouCandidates(ctx, tx, aheadTo, sc)
		if err != nil {
			return nil, err
		}
		items = r.ThankYouItems(today, cs)
		median, err := medianVisitCents(ctx, tx)
		if err != nil {
			return nil, err
		}
		if median > 0 {
			ps, err := purchaseCandidates(ctx, tx, behindFrom, behindTo, int64(r.BigPurchaseFactor)*median, customer)
			if err != nil {
				return nil, err
			}
			items = append(items, r.BigPurchaseItems(today, ps, median)...)
		}
	case model.KindTopSpender:
		cs, err := weekSpendCandidates(ctx, tx, behindFrom, behindTo)
		if err != nil {
			return nil, err
		}
		items = r.TopSpenderItems(today, cs)
	case model.KindNewCustomer:
		cs, _, err := newCandidates(ctx, tx, behindFrom, behindTo, loc, sc)
		if err != nil {
			return nil, err
		}
		items = r.NewCustomerItems(today, cs)
	case model.KindCheckIn:
		cs, err := checkInCandidates(ctx, tx, today, r)
		if err != nil {
			return nil, err
		}
		items = r.CheckInItems(today, cs)
	case model.KindLapsed:
		cs, _, err := lapsedCandidates(ctx, tx, today, r, sc)
		if err != nil {
			return nil, err
		}
		items = r.LapsedItems(today, cs)
	case model.KindUnhappy:
		cs, _, err := feedbackCandidates(ctx, tx, sc)
		if err != nil {
			return nil, err
		}
		items = r.UnhappyItems(cs)
	case model.KindFollowUp:
		cs, _, err := followUpCandidates(ctx, tx, aheadTo, sc)
		if err != nil {
			return nil, err
		}
		items = r.FollowUpItems(today, cs)
	}
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

// week computes the queue on today inside tx. The lists that can run to
// thousands at a large shop (birthdays, anniversaries, thank-yous, new
// customers, lapsed regulars, unhappy feedback, follow-ups) are cut in SQL
// at PerKindLimit open items each, the soonest due first, and the rest only
// counted; items already done, or acted on this week, are left out of them
// and come from the records instead.
func week(ctx context.Context, tx *sql.Tx, today model.Date, loc *time.Location, r model.WeekRules) (*model.Week, error) {
	var d model.WeekData
	var err error
	weekOf := model.WeekOf(today)
	sc := weekScope{limit: r.PerKindLimit, weekOf: weekOf}
	beyond := map[model.Kind]int{}
	var n int
	aheadFrom, aheadTo := r.Ahead(today)
	behindFrom, behindTo := r.Behind(today)
	if d.Birthdays, n, err = yearlyCandidates(ctx, tx, "bday", model.KindBirthday, aheadFrom, aheadTo, sc); err != nil {
		return nil, err
	}
	beyond[model.KindBirthday] += n
	if d.Anniversaries, n, err = yearlyCandidates(ctx, tx, "anniv", model.KindAnniversary, aheadFrom, aheadTo, sc); err != nil {
		return nil, err
	}
	beyond[model.KindAnniversary] += n
	if d.ThankYous, n, err = thankYouCandidates(ctx, tx, aheadTo, sc); err != nil {
		return nil, err
	}
	beyond[model.KindThankYou] += n
	if d.MedianCents, err = medianVisitCents(ctx, tx); err != nil {
		return nil, err
	}
	if d.MedianCents > 0 {
		min := int64(r.BigPurchaseFactor) * d.MedianCents
		if d.Purchases, err = purchaseCandidates(ctx, tx, behindFrom, behindTo, min, 0); err != nil {
			return nil, err
		}
	}
	if d.WeekSpend, err = weekSpendCandidates(ctx, tx, behindFrom, behindTo); err != nil {
		return nil, err
	}
	if d.New, n, err = newCandidates(ctx, tx, behindFrom, behindTo, loc, sc); err != nil {
		return nil, err
	}
	beyond[model.KindNewCustomer] += n
	if d.YearSpend, err = checkInCandidates(ctx, tx, today, r); err != nil {
		return nil, err
	}
	if d.Lapsed, n, err = lapsedCandidates(ctx, tx, today, r, sc); err != nil {
		return nil, err
	}
	beyond[model.KindLapsed] += n
	if d.Feedback, n, err = feedbackCandidates(ctx, tx, sc); err != nil {
		return nil, err
	}
	beyond[model.KindUnhappy] += n
	if d.FollowUps, n, err = followUpCandidates(ctx, tx, aheadTo, sc); err != nil {
		return nil, err
	}
	beyond[model.KindFollowUp] += n
	items := r.BuildItems(today, d)
	records, err := itemRecords(ctx, tx, weekOf, "")
	if err != nil {
		return nil, err
	}
	// The lists left out what was snoozed this week: an item snoozed that
	// still applies is on the queue, hidden, and counted as snoozed.
	have := make(map[string]bool, len(items))
	for _, it := range items {
		have[it.ID] = true
	}
	added := false
	for _, rec := range records {
		if rec.State != model.Snoozed || have[rec.ID] {
			continue
		}
		found, err := kindItems(ctx, tx, rec.Kind, rec.CustomerID, today, loc, r)
		if err != nil {
			return nil, err
		}
		for _, it := range found {
			if it.ID == rec.ID {
				it.State = model.Open
				items = append(items, it)
				have[it.ID], added = true, true
			}
		}
	}
	if added {
		model.SortByKind(items)
	}
	worked, err := workedWeeks(ctx, tx)
	if err != nil {
		return nil, err
	}
	w := r.ApplyStates(today, items, records, worked)
	r.Cap(w, beyond)
	return w, nil
}

// yearlyCandidates finds birthdays (col "bday") or anniversaries ("anniv")
// whose month and day fall from..to, one index range per month, the soonest
// first, and how many more the scope's limit left out. A Feb 29 date falls
// on Feb 28 in other years, so it comes along when Feb 28 does.
func yearlyCandidates(ctx context.Context, tx *sql.Tx, col string, kind model.Kind, from, to model.Date, sc weekScope) ([]model.YearlyCandidate, int, error) {
	type month struct {
		q kindQuery
		m time.Month
	}
	var months []month
	for d := from; !d.After(to); {
		first, last := d.Day, d.Day
		for e := d.AddDays(1); !e.After(to) && e.Month == d.Month; e = e.AddDays(1) {
			last = e.Day
		}
		if d.Month == time.February && last == 28 && !model.IsLeap(d.Year) {
			last = 29
		}
		q := kindQuery{
			cols:  `id, name, ` + col + `_year, ` + col + `_day`,
			from:  `customers` + indexed(sc, `customers_`+col+`_week`),
			where: col + `_month > 0 AND archived_at IS NULL AND ` + col + `_month = ? AND ` + col + `_day BETWEEN ? AND ?`,
			order: col + `_day, name, id`,
			args:  []any{int(d.Month), first, last},
		}
		q.scope(sc, "id", `'`+string(kind)+`:' || customers.id || ':' || ?`, d.Year)
		months = append(months, month{q, d.Month})
		d = model.MakeDate(d.Year, d.Month+1, 1)
	}
	var out []model.YearlyCandidate
	for _, m := range months {
		msc := sc
		if sc.customer == 0 && sc.limit > 0 {
			if msc.limit = sc.limit - len(out); msc.limit <= 0 {
				break
			}
		}
		rows, err := m.q.rows(ctx, tx, msc)
		if err != nil {
			return nil, 0, err
		}
		var uncounted int
		for rows.Next() {
			c := model.YearlyCandidate{Date: model.MonthDay{Month: m.m}}
			if err := rows.Scan(&c.CustomerID, &c.Name, &c.Date.Year, &c.Date.Day, &uncounted); err != nil {
				rows.Close()
				return nil, 0, err
			}
			out = append(out, c)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, 0, err
		}
	}
	if sc.customer != 0 || sc.limit <= 0 || len(out) < sc.limit {
		return out, 0, nil
	}
	total := 0
	for _, m := range months {
		n, err := m.q.count(ctx, tx)
		if err != nil {
			return nil, 0, err
		}
		total += n
	}
	return out, max(total-len(out), 0), nil
}

func thankYouCandidates(ctx context.Context, tx *sql.Tx, to model.Date, sc weekScope) ([]model.ThankYouCandidate, int, error) {
	q := kindQuery{
		cols:  `t.id, t.customer_id, c.name, t.reason, t.due`,
		from:  `thank_yous t JOIN customers c INDEXED BY customers_active_name ON c.id = t.customer_id`,
		where: `t.sent_at IS NULL AND t.due <= ? AND c.archived_at IS NULL`,
		order: `t.due, c.name, t.id`,
		args:  []any{to.String()},
	}
	q.scope(sc, "t.customer_id", `'thank-you:' || t.customer_id || ':' || t.id`)
	return collect(ctx, tx, q, sc, func(rows *sql.Rows, c *model.ThankYouCandidate, total *int) error {
		var due string
		if err := rows.Scan(&c.ID, &c.CustomerID, &c.Name, &c.Reason, &due, total); err != nil {
			return err
		}
		c.Due = day(due)
		return nil
	})
}

// medianVisitCents is the median of all visit amounts (the mean of the two
// middle ones when their number is even), from the amounts' histograms:
// walk the whole units of money to the ones holding the middle visits, then
// the amounts within those units.
func medianVisitCents(ctx context.Context, tx *sql.Tx) (int64, error) {
	type bucket struct{ key, visits int64 }
	read := func(q string, args ...any) ([]bucket, error) {
		rows, err := tx.QueryContext(ctx, q, args...)
		if err != nil {
			return nil, err
		}
		defer rows.Close()
		var out []bucket
		for rows.Next() {
			var b bucket
			if err := rows.Scan(&b.key, &b.visits); err != nil {
				return nil, err
			}
			out = append(out, b)
		}
		return out, rows.Err()
	}
	units, err := read(`SELECT unit, visits FROM visit_amount_units WHERE visits > 0 ORDER BY unit`)
	if err != nil {
		return 0, err
	}
	var n int64
	for _, u := range units {
		n += u.visits
	}
	if n == 0 {
		return 0, nil
	}
	// at returns the amount of the p-th smallest visit (1-based).
	at := func(p int64) (int64, error) {
		for _, u := range units {
			if p > u.visits {
				p -= u.visits
				continue
			}
			amounts, err := read(`SELECT cents, visits FROM visit_amounts WHERE cents BETWEEN ? AND ? ORDER BY cents`,
				u.key*100, u.key*100+99)
			if err != nil {
				return 0, err
			}
			for _, a := range amounts {
				if p <= a.visits {
					return a.key, nil
				}
				p -= a.visits
			}
			break
		}
		return 0, model.Errorf(model.EINTERNAL, "the visit amount counts disagree; run an integrity check")
	}
	lo, err := at((n + 1) / 2)
	if err != nil {
		return 0, err
	}
	hi := lo
	if n%2 == 0 {
		if hi, err = at(n/2 + 1); err != nil {
			return 0, err
		}
	}
	return (lo + hi) / 2, nil
}

// purchaseCandidates finds visits from..to of at least min cents that no
// thank-you covers: none made for the visit, and none for the customer due
// on or after its day. With a customer, only theirs.
func purchaseCandidates(ctx context.Context, tx *sql.Tx, from, to model.Date, min int64, customer int64) ([]model.PurchaseCandidate, error) {
	only := ""
	args := []any{from.String(), to.String(), min}
	if customer != 0 {
		only = " AND v.customer_id = ?"
		args = append(args, customer)
	}
	rows, err := tx.QueryContext(ctx, `SELECT v.id, v.customer_id, c.name, v.day, v.cents
		FROM visits v INDEXED BY visits_day JOIN customers c INDEXED BY customers_active_name ON c.id = v.customer_id
		WHERE v.day BETWEEN ? AND ? AND v.cents >= ? AND c.archived_at IS NULL`+only+`
		AND NOT EXISTS (SELECT 1 FROM thank_yous t WHERE t.visit_id = v.id)
		AND NOT EXISTS (SELECT 1 FROM thank_yous t WHERE t.customer_id = v.customer_id AND t.due >= v.day)
		ORDER BY v.day, v.id`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []model.PurchaseCandidate
	for rows.Next() {
		var c model.PurchaseCandidate
		var on string
		if err := rows.Scan(&c.VisitID, &c.CustomerID, &c.Name, &on, &c.Cents); err != nil {
			return nil, err
		}
		c.On = day(on)
		out = append(out, c)
	}
	return out, rows.Err()
}

// weekSpendCandidates returns the leading spenders from..to: the rule wants
// the top one and anyone tied with them.
func weekSpendCandidates(ctx context.Context, tx *sql.Tx, from, to model.Date) ([]model.SpendCandidate, error) {
	rows, err := tx.QueryContext(ctx, `SELECT w.customer_id, c.name, w.cents FROM (
			SELECT customer_id, sum(cents) AS cents FROM visits INDEXED BY visits_day
			WHERE day BETWEEN ? AND ? GROUP BY customer_id ORDER BY cents DESC LIMIT 100
		) w JOIN customers c INDEXED BY customers_active_name ON c.id = w.customer_id
		WHERE c.archived_at IS NULL ORDER BY w.cents DESC`, from.String(), to.String())
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []model.SpendCandidate
	for rows.Next() {
		var c model.SpendCandidate
		if err := rows.Scan(&c.CustomerID, &c.Name, &c.Cents); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// newCandidates finds customers whose first visit was from..to, and those
// who never visited and were added then (in the owner's time zone), by
// name.
func newCandidates(ctx context.Context, tx *sql.Tx, from, to model.Date, loc *time.Location, sc weekScope) ([]model.NewCandidate, int, error) {
	q := kindQuery{
		cols: `u.id, u.name, u.first_visit, u.created_at`,
		from: `(SELECT id, name, first_visit, created_at FROM customers INDEXED BY customers_first_visit
			WHERE first_visit IS NOT NULL AND archived_at IS NULL AND first_visit BETWEEN ? AND ?
			UNION ALL
			SELECT id, name, first_visit, created_at FROM customers INDEXED BY customers_created
			WHERE created_at >= ? AND created_at < ? AND first_visit IS NULL AND archived_at IS NULL) u`,
		where: `1`,
		order: `u.name, u.id`,
		sorts: true,
		args:  []any{from.String(), to.String(), formatTime(from.Time(loc)), formatTime(to.AddDays(1).Time(loc))},
	}
	q.scope(sc, "u.id", `'new-customer:' || u.id`)
	return collect(ctx, tx, q, sc, func(rows *sql.Rows, c *model.NewCandidate, total *int) error {
		var first sql.NullString
		var created string
		if err := rows.Scan(&c.CustomerID, &c.Name, &first, &created, total); err != nil {
			return err
		}
		if first.Valid {
			c.FirstVisit = day(first.String)
		}
		c.Added = model.DateOf(parseTime(created).In(loc))
		return nil
	})
}

// checkInCandidates finds the customers with the most spend over the last
// CheckInSpendDays without reading a year of visits. The spend per calendar
// year (visit_years, kept by triggers) bounds it: the window spans this year
// and last, so nobody can have spent more in it than their two years'
// totals. Walking both years' lists from the top, each customer met gets
// their exact spend; once the CheckIns best eligible beat the sum of the two
// lists' current values, nobody unmet can catch up (the threshold
// algorithm).
func checkInCandidates(ctx context.Context, tx *sql.Tx, today model.Date, r model.WeekRules) ([]model.SpendCandidate, error) {
	from := today.AddDays(-(r.CheckInSpendDays - 1))
	seen := map[int64]bool{}
	var out []model.SpendCandidate
	for k := 4 * r.CheckIns; ; k *= 2 {
		var ids []int64
		bound := int64(0)
		exhausted := true
		for _, year := range []int{today.Year, today.Year - 1} {
			rows, err := tx.QueryContext(ctx, `SELECT customer_id, cents FROM visit_years INDEXED BY visit_years_year
				WHERE year = ? ORDER BY cents DESC LIMIT ?`, year, k)
			if err != nil {
				return nil, err
			}
			n, last := 0, int64(0)
			for rows.Next() {
				var id int64
				if err := rows.Scan(&id, &last); err != nil {
					rows.Close()
					return nil, err
				}
				n++
				if !seen[id] {
					seen[id] = true
					ids = append(ids, id)
				}
			}
			rows.Close()
			if err := rows.Err(); err != nil {
				return nil, err
			}
			if n == k {
				exhausted = false
				bound += last
			}
		}
		more, err := spendOf(ctx, tx, ids, from, today, model.WeekOf(today))
		if err != nil {
			return nil, err
		}
		out = append(out, more...)
		picks := r.CheckInPicks(today, out)
		if exhausted || (len(picks) == r.CheckIns && picks[len(picks)-1].Cents > bound) {
			return out, nil
		}
	}
}

// spendOf returns the spend from..to and last outreach before the queue
// week of the given customers that are not archived.
func spendOf(ctx context.Context, tx *sql.Tx, ids []int64, from, to, week model.Date) ([]model.SpendCandidate, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	list, err := json.Marshal(ids)
	if err != nil {
		return nil, err
	}
	rows, err := tx.QueryContext(ctx, `SELECT c.id, c.name,
			coalesce((SELECT sum(v.cents) FROM visits v WHERE v.customer_id = c.id AND v.day BETWEEN ?2 AND ?3), 0),
			coalesce((SELECT max(o.day) FROM outreach o WHERE o.customer_id = c.id AND o.day < ?4), '')
		FROM customers c WHERE c.id IN (SELECT value FROM json_each(?1)) AND c.archived_at IS NULL`,
		string(list), from.String(), to.String(), week.String())
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []model.SpendCandidate
	for rows.Next() {
		var c model.SpendCandidate
		var last string
		if err := rows.Scan(&c.CustomerID, &c.Name, &c.Cents, &last); err != nil {
			return nil, err
		}
		if last != "" {
			c.LastOutreach = day(last)
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// lapsedCandidates finds regulars whose lapse day (kept by the visits
// triggers) has come and whose third latest visit is in the lookback: the
// lapse day is after the last visit, so a customer whose day has come has
// no visit after today, and the third latest visit is the third latest up
// to today. The SQL applies the whole rule, so a limit cuts exactly.
func lapsedCandidates(ctx context.Context, tx *sql.Tx, today model.Date, r model.WeekRules, sc weekScope) ([]model.LapsedCandidate, int, error) {
	lookback := today.AddDays(-(r.LapsedLookback - 1))
	q := kindQuery{
		cols: `id, name, last_visit, coalesce(third_visit, ''), gap_median`,
		from: `customers` + indexed(sc, `customers_lapse_on`),
		where: `lapse_on IS NOT NULL AND archived_at IS NULL AND lapse_on BETWEEN ? AND ? AND last_visit >= ?
			AND third_visit >= ?`,
		order: `name, id`,
		sorts: true,
		args: []any{lookback.AddDays(r.LapsedMinDays + 1).String(), today.String(), lookback.String(),
			lookback.String()},
	}
	q.scope(sc, "id", `'lapsed:' || customers.id || ':' || customers.last_visit`)
	return collect(ctx, tx, q, sc, func(rows *sql.Rows, c *model.LapsedCandidate, total *int) error {
		var last, nth string
		if err := rows.Scan(&c.CustomerID, &c.Name, &last, &nth, &c.MedianGap, total); err != nil {
			return err
		}
		c.LastVisit = day(last)
		if nth != "" {
			c.NthLastVisit = day(nth)
		}
		return nil
	})
}

func feedbackCandidates(ctx context.Context, tx *sql.Tx, sc weekScope) ([]model.FeedbackCandidate, int, error) {
	// Notebooks made while migration 2 was being written may lack
	// feedback_unhappy; they get the slower unreplied index.
	index := "feedback_unhappy"
	var have int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = ?`, index).Scan(&have); err != nil {
		return nil, 0, err
	}
	if have == 0 {
		index = "feedback_unreplied"
	}
	q := kindQuery{
		cols: `f.id, f.customer_id, c.name, f.day, f.rating, f.comment`,
		from: `feedback f` + indexed(sc, index) + ` JOIN customers c INDEXED BY customers_active_name ON c.id = f.customer_id`,
		// The rating is written out so SQLite sees the partial index applies.
		where: `f.replied_at IS NULL AND f.rating <= ` + strconv.Itoa(model.UnhappyRating) + ` AND c.archived_at IS NULL`,
		order: `f.day, c.name, f.id`,
	}
	q.scope(sc, "f.customer_id", `'unhappy:' || f.customer_id || ':' || f.id`)
	return collect(ctx, tx, q, sc, func(rows *sql.Rows, c *model.FeedbackCandidate, total *int) error {
		var on string
		if err := rows.Scan(&c.ID, &c.CustomerID, &c.Name, &on, &c.Rating, &c.Comment, total); err != nil {
			return err
		}
		c.On = day(on)
		return nil
	})
}

func followUpCandidates(ctx context.Context, tx *sql.Tx, to model.Date, sc weekScope) ([]model.FollowUpCandidate, int, error) {
	q := kindQuery{
		cols:  `n.id, n.customer_id, c.name, n.ask_on, n.text, n.private`,
		from:  `notes n INDEXED BY notes_followup JOIN customers c INDEXED BY customers_active_name ON c.id = n.customer_id`,
		where: `n.ask_on IS NOT NULL AND n.asked_at IS NULL AND n.ask_on <= ? AND c.archived_at IS NULL`,
		order: `n.ask_on, c.name, n.id`,
		args:  []any{to.String()},
	}
	q.scope(sc, "n.customer_id", `'follow-up:' || n.customer_id || ':' || n.id`)
	return collect(ctx, tx, q, sc, func(rows *sql.Rows, c *model.FollowUpCandidate, total *int) error {
		var on string
		if err := rows.Scan(&c.NoteID, &c.CustomerID, &c.Name, &on, &c.Text, &c.Private, total); err != nil {
			return err
		}
		c.AskOn = day(on)
		return nil
	})
}

// itemRecords returns what was done or snoozed in the queue week starting
// weekOf (only the item id, if one is given). Items done in earlier weeks
// are left out of the candidate lists in SQL, so they are not read here.
// A follow-up's privacy is read from its note: the record keeps its words.
func itemRecords(ctx context.Context, tx *sql.Tx, weekOf model.Date, id string) ([]model.ItemRecord, error) {
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

// weekScope narrows a candidate query: to one customer, to act on one item;
// or, for the whole queue, to the first limit by due day and name, leaving
// out the items done (for good) or acted on in the queue week weekOf.
type weekScope struct {
	customer int64      // only this customer (0: everyone)
	limit    int        // at most this many (0: all); whole queue only
	weekOf   model.Date // the queue week
}

// kindQuery is one candidate query in parts, so that the rows a limit
// leaves out can be counted with the same filter.
type kindQuery struct {
	cols, from, where, order string
	args                     []any
	sorts                    bool // the order is not the index's: every row is sorted
}

// scope adds the scope's filter: the customer (col is their id), or the
// items with a record left out (itemID is the SQL for the item's id).
func (q *kindQuery) scope(sc weekScope, col, itemID string, idArgs ...any) {
	if sc.customer != 0 {
		q.where += " AND " + col + " = ?"
		q.args = append(q.args, sc.customer)
		return
	}
	q.where += ` AND NOT EXISTS (SELECT 1 FROM week_items wi WHERE wi.id = ` + itemID + ` AND (wi.state = 'done' OR wi.week = ?))`
	q.args = append(append(q.args, idArgs...), sc.weekOf.String())
}

// rows runs the query for at most the scope's limit of rows. The last
// column is the number of rows the filter matches, the limit aside, when
// the order needs every row sorted anyway (count(*) OVER (), in the same
// pass); when the index gives the order, SQLite stops at the limit, and the
// column is -1: beyond counts then, if the limit cut.
func (q *kindQuery) rows(ctx context.Context, tx *sql.Tx, sc weekScope) (*sql.Rows, error) {
	limit := sc.limit
	if limit <= 0 || sc.customer != 0 {
		limit = -1
	}
	total := "-1"
	if q.sorts {
		total = "count(*) OVER ()"
	}
	args := append(append([]any{}, q.args...), limit)
	return tx.QueryContext(ctx, `SELECT `+q.cols+`, `+total+` FROM `+q.from+` WHERE `+q.where+
		` ORDER BY `+q.order+` LIMIT ?`, args...)
}

// count counts the rows the filter matches.
func (q *kindQuery) count(ctx context.Context, tx *sql.Tx) (int, error) {
	var n int
	err := tx.QueryRowContext(ctx, `SELECT count(*) FROM `+q.from+` WHERE `+q.where, q.args...).Scan(&n)
	return n, err
}

// beyond is how many rows the scope's limit left out of total (-1: not
// counted yet), when got reached it.
func (q *kindQuery) beyond(ctx context.Context, tx *sql.Tx, sc weekScope, total, got int) (int, error) {
	if sc.customer != 0 || sc.limit <= 0 || got < sc.limit {
		return 0, nil
	}
	if total < 0 {
		var err error
		if total, err = q.count(ctx, tx); err != nil {
			return 0, err
		}
	}
	return max(total-got, 0), nil
}

// indexed forces an index for the whole queue; for one customer their row
// is found by id.
func indexed(sc weekScope, index string) string {
	if sc.customer != 0 {
		return ""
	}
	return " INDEXED BY " + index
}

// workedWeeks lists the queue weeks in which something was done, for the
// streak.
func workedWeeks(ctx context.Context, tx *sql.Tx) ([]model.Date, error) {
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

// collect reads every row of a kind's query with scan, which also reads the
// kind's total (the query's last column), and returns the candidates and
// how many more lie beyond the cut.
func collect[T any](ctx context.Context, tx *sql.Tx, q kindQuery, sc weekScope, scan func(rows *sql.Rows, c *T, total *int) error) ([]T, int, error) {
	rows, err := q.rows(ctx, tx, sc)
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	var out []T
	var total int
	for rows.Next() {
		var c T
		if err := scan(rows, &c, &total); err != nil {
			return nil, 0, err
		}
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, 0, err
	}
	n, err := q.beyond(ctx, tx, sc, total, len(out))
	return out, n, err
}

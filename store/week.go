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
	return s.DoneItemOn(ctx, model.Date{}, id, ch, note)
}

// DoneItemOn is DoneItem as if today were day (zero: the clock's today), at
// the clock's time of day: the interface's --today acts on that day.
func (s *Store) DoneItemOn(ctx context.Context, day model.Date, id string, ch model.Channel, note string) (*model.Item, error) {
	now := s.nowOn(day)
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
	return s.SnoozeItemOn(ctx, model.Date{}, id)
}

// SnoozeItemOn is SnoozeItem as if today were day (zero: the clock's today).
func (s *Store) SnoozeItemOn(ctx context.Context, day model.Date, id string) (*model.Item, error) {
	now := s.nowOn(day)
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

// nowOn is the clock's time of day on day, or the clock itself for a zero
// day.
func (s *Store) nowOn(day model.Date) time.Time {
	t := s.Now()
	if day.IsZero() {
		return t
	}
	return time.Date(day.Year, day.Month, day.Day, t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), t.Location())
}

// weekItem finds one item of the week on today.
func weekItem(ctx context.Context, tx *sql.Tx, id string, today model.Date, loc *time.Location) (*model.Item, error) {
	if _, _, err := model.ParseItemID(id); err != nil {
		return nil, err
	}
	w, err := week(ctx, tx, today, loc, model.DefaultWeekRules)
	if err != nil {
		return nil, err
	}
	it := w.Item(id)
	if it == nil {
		var state string
		err := tx.QueryRowContext(ctx, `SELECT state FROM week_items WHERE id = ?`, id).Scan(&state)
		if err == nil && state == string(model.Done) {
			return nil, model.Errorf(model.ECONFLICT, "%s was already done in an earlier week", id)
		}
		return nil, model.Errorf(model.ENOTFOUND, "%s is not on the queue for the week of %s; 'regulars week' lists it", id, today.Short())
	}
	return it, nil
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

// week computes the queue on today inside tx.
func week(ctx context.Context, tx *sql.Tx, today model.Date, loc *time.Location, r model.WeekRules) (*model.Week, error) {
	var d model.WeekData
	var err error
	aheadFrom, aheadTo := r.Ahead(today)
	behindFrom, behindTo := r.Behind(today)
	if d.Birthdays, err = yearlyCandidates(ctx, tx, "bday", aheadFrom, aheadTo); err != nil {
		return nil, err
	}
	if d.Anniversaries, err = yearlyCandidates(ctx, tx, "anniv", aheadFrom, aheadTo); err != nil {
		return nil, err
	}
	if d.ThankYous, err = thankYouCandidates(ctx, tx, aheadTo); err != nil {
		return nil, err
	}
	if d.MedianCents, err = medianVisitCents(ctx, tx); err != nil {
		return nil, err
	}
	if d.MedianCents > 0 {
		min := int64(r.BigPurchaseFactor) * d.MedianCents
		if d.Purchases, err = purchaseCandidates(ctx, tx, behindFrom, behindTo, min); err != nil {
			return nil, err
		}
	}
	if d.WeekSpend, err = weekSpendCandidates(ctx, tx, behindFrom, behindTo); err != nil {
		return nil, err
	}
	if d.New, err = newCandidates(ctx, tx, behindFrom, behindTo, loc); err != nil {
		return nil, err
	}
	if d.YearSpend, err = checkInCandidates(ctx, tx, today, r); err != nil {
		return nil, err
	}
	if d.Lapsed, err = lapsedCandidates(ctx, tx, today, r); err != nil {
		return nil, err
	}
	if d.Feedback, err = feedbackCandidates(ctx, tx); err != nil {
		return nil, err
	}
	if d.FollowUps, err = followUpCandidates(ctx, tx, aheadTo); err != nil {
		return nil, err
	}
	items := r.BuildItems(today, d)
	records, worked, err := itemRecords(ctx, tx, model.WeekOf(today))
	if err != nil {
		return nil, err
	}
	return r.ApplyStates(today, items, records, worked), nil
}

// yearlyCandidates finds birthdays (col "bday") or anniversaries ("anniv")
// whose month and day fall from..to, one index range per month. A Feb 29
// date falls on Feb 28 in other years, so it comes along when Feb 28 does.
func yearlyCandidates(ctx context.Context, tx *sql.Tx, col string, from, to model.Date) ([]model.YearlyCandidate, error) {
	var out []model.YearlyCandidate
	for d := from; !d.After(to); {
		first, last := d.Day, d.Day
		for e := d.AddDays(1); !e.After(to) && e.Month == d.Month; e = e.AddDays(1) {
			last = e.Day
		}
		if d.Month == time.February && last == 28 && !model.IsLeap(d.Year) {
			last = 29
		}
		rows, err := tx.QueryContext(ctx, `SELECT id, name, `+col+`_year, `+col+`_day FROM customers INDEXED BY customers_`+col+`_week
			WHERE `+col+`_month > 0 AND archived_at IS NULL AND `+col+`_month = ? AND `+col+`_day BETWEEN ? AND ?`,
			int(d.Month), first, last)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			c := model.YearlyCandidate{Date: model.MonthDay{Month: d.Month}}
			if err := rows.Scan(&c.CustomerID, &c.Name, &c.Date.Year, &c.Date.Day); err != nil {
				rows.Close()
				return nil, err
			}
			out = append(out, c)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
		d = model.MakeDate(d.Year, d.Month+1, 1)
	}
	return out, nil
}

func thankYouCandidates(ctx context.Context, tx *sql.Tx, to model.Date) ([]model.ThankYouCandidate, error) {
	rows, err := tx.QueryContext(ctx, `SELECT t.id, t.customer_id, c.name, t.reason, t.due
		FROM thank_yous t JOIN customers c INDEXED BY customers_active_name ON c.id = t.customer_id
		WHERE t.sent_at IS NULL AND t.due <= ? AND c.archived_at IS NULL`, to.String())
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []model.ThankYouCandidate
	for rows.Next() {
		var c model.ThankYouCandidate
		var due string
		if err := rows.Scan(&c.ID, &c.CustomerID, &c.Name, &c.Reason, &due); err != nil {
			return nil, err
		}
		c.Due = day(due)
		out = append(out, c)
	}
	return out, rows.Err()
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
// on or after its day.
func purchaseCandidates(ctx context.Context, tx *sql.Tx, from, to model.Date, min int64) ([]model.PurchaseCandidate, error) {
	rows, err := tx.QueryContext(ctx, `SELECT v.id, v.customer_id, c.name, v.day, v.cents
		FROM visits v INDEXED BY visits_day JOIN customers c INDEXED BY customers_active_name ON c.id = v.customer_id
		WHERE v.day BETWEEN ? AND ? AND v.cents >= ? AND c.archived_at IS NULL
		AND NOT EXISTS (SELECT 1 FROM thank_yous t WHERE t.visit_id = v.id)
		AND NOT EXISTS (SELECT 1 FROM thank_yous t WHERE t.customer_id = v.customer_id AND t.due >= v.day)
		ORDER BY v.day, v.id`, from.String(), to.String(), min)
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
// who never visited and were added then (in the owner's time zone).
func newCandidates(ctx context.Context, tx *sql.Tx, from, to model.Date, loc *time.Location) ([]model.NewCandidate, error) {
	rows, err := tx.QueryContext(ctx, `SELECT id, name, first_visit, created_at FROM customers INDEXED BY customers_first_visit
		WHERE first_visit IS NOT NULL AND archived_at IS NULL AND first_visit BETWEEN ?1 AND ?2
		UNION ALL
		SELECT id, name, first_visit, created_at FROM customers INDEXED BY customers_created
		WHERE created_at >= ?3 AND created_at < ?4 AND first_visit IS NULL AND archived_at IS NULL`,
		from.String(), to.String(), formatTime(from.Time(loc)), formatTime(to.AddDays(1).Time(loc)))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []model.NewCandidate
	for rows.Next() {
		var c model.NewCandidate
		var first sql.NullString
		var created string
		if err := rows.Scan(&c.CustomerID, &c.Name, &first, &created); err != nil {
			return nil, err
		}
		if first.Valid {
			c.FirstVisit = day(first.String)
		}
		c.Added = model.DateOf(parseTime(created).In(loc))
		out = append(out, c)
	}
	return out, rows.Err()
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
	for k := 4 * r.CheckIns; ; k *= 4 {
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
// triggers) has come, with the day of their third latest visit. The lapse
// day is after the last visit, so a customer whose day has come has no visit
// after today, and the third latest visit is the third latest up to today.
func lapsedCandidates(ctx context.Context, tx *sql.Tx, today model.Date, r model.WeekRules) ([]model.LapsedCandidate, error) {
	lookback := today.AddDays(-(r.LapsedLookback - 1))
	rows, err := tx.QueryContext(ctx, `SELECT id, name, last_visit, coalesce(third_visit, ''), gap_median
		FROM customers INDEXED BY customers_lapse_on
		WHERE lapse_on IS NOT NULL AND archived_at IS NULL AND lapse_on BETWEEN ?3 AND ?2 AND last_visit >= ?1`,
		lookback.String(), today.String(), lookback.AddDays(r.LapsedMinDays+1).String())
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []model.LapsedCandidate
	for rows.Next() {
		var c model.LapsedCandidate
		var last, nth string
		if err := rows.Scan(&c.CustomerID, &c.Name, &last, &nth, &c.MedianGap); err != nil {
			return nil, err
		}
		c.LastVisit = day(last)
		if nth != "" {
			c.NthLastVisit = day(nth)
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

func feedbackCandidates(ctx context.Context, tx *sql.Tx) ([]model.FeedbackCandidate, error) {
	rows, err := tx.QueryContext(ctx, `SELECT f.id, f.customer_id, c.name, f.day, f.rating, f.comment
		FROM feedback f INDEXED BY feedback_unreplied JOIN customers c INDEXED BY customers_active_name ON c.id = f.customer_id
		WHERE f.replied_at IS NULL AND f.rating <= ? AND c.archived_at IS NULL`, model.UnhappyRating)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []model.FeedbackCandidate
	for rows.Next() {
		var c model.FeedbackCandidate
		var on string
		if err := rows.Scan(&c.ID, &c.CustomerID, &c.Name, &on, &c.Rating, &c.Comment); err != nil {
			return nil, err
		}
		c.On = day(on)
		out = append(out, c)
	}
	return out, rows.Err()
}

func followUpCandidates(ctx context.Context, tx *sql.Tx, to model.Date) ([]model.FollowUpCandidate, error) {
	rows, err := tx.QueryContext(ctx, `SELECT n.id, n.customer_id, c.name, n.ask_on, n.text, n.private
		FROM notes n INDEXED BY notes_followup JOIN customers c INDEXED BY customers_active_name ON c.id = n.customer_id
		WHERE n.ask_on IS NOT NULL AND n.asked_at IS NULL AND n.ask_on <= ? AND c.archived_at IS NULL`, to.String())
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []model.FollowUpCandidate
	for rows.Next() {
		var c model.FollowUpCandidate
		var on string
		if err := rows.Scan(&c.NoteID, &c.CustomerID, &c.Name, &on, &c.Text, &c.Private); err != nil {
			return nil, err
		}
		c.AskOn = day(on)
		out = append(out, c)
	}
	return out, rows.Err()
}

// itemRecords returns what was done or snoozed that matters in the queue
// week starting weekOf: this week's records, and earlier done ones (done is
// for good); and the weeks in which something was done, for the streak.
func itemRecords(ctx context.Context, tx *sql.Tx, weekOf model.Date) ([]model.ItemRecord, []model.Date, error) {
	rows, err := tx.QueryContext(ctx, `SELECT w.id, w.state, w.week, w.day, w.kind, w.customer_id, c.name, w.reason, w.due,
			coalesce(w.thank_you_id, 0), coalesce(w.note_id, 0), coalesce(w.feedback_id, 0), coalesce(w.visit_id, 0)
		FROM week_items w JOIN customers c ON c.id = w.customer_id
		WHERE w.week = ? OR w.state = 'done'`, weekOf.String())
	if err != nil {
		return nil, nil, err
	}
	defer rows.Close()
	var out []model.ItemRecord
	workedSet := map[model.Date]bool{}
	var worked []model.Date
	for rows.Next() {
		var rec model.ItemRecord
		var state, week, on, kind, due string
		if err := rows.Scan(&rec.ID, &state, &week, &on, &kind, &rec.CustomerID, &rec.Customer, &rec.Reason, &due,
			&rec.ThankYouID, &rec.NoteID, &rec.FeedbackID, &rec.VisitID); err != nil {
			return nil, nil, err
		}
		rec.State, rec.Week, rec.On, rec.Kind, rec.Due = model.State(state), day(week), day(on), model.Kind(kind), day(due)
		if rec.State == model.Done && !workedSet[rec.Week] {
			workedSet[rec.Week] = true
			worked = append(worked, rec.Week)
		}
		out = append(out, rec)
	}
	return out, worked, rows.Err()
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

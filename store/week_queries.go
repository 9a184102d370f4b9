package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"sort"
	"strconv"
	"strings"
	"time"

	"regulars/model"
)

// The SQL of each kind of week item: kindQueries says which query fills
// which candidates; the queries follow in queue order. Their text, as they
// run, is in testdata/week-sql/<kind>.sql (TestWeekSQL rewrites it with
// REGULARS_UPDATE_GOLDEN=1).

// weekFor is what a kind's query needs besides the transaction: the day,
// the owner's time zone, the rules and the scope.
type weekFor struct {
	today model.Date
	loc   *time.Location
	r     model.WeekRules
	sc    weekScope
}

// kindGather fills one kind's candidates in d and returns how many open
// items the scope's limit left out.
type kindGather func(ctx context.Context, tx queryer, on weekFor, d *model.WeekData) (beyond int, err error)

// kindQueries is each kind's query (model's kind table has the rest). A
// kind whose query ranks everyone leaves nothing out (ranks): an item of
// it snoozed this week is among its candidates already.
var kindQueries = map[model.Kind]struct {
	gather kindGather
	ranks  bool
}{
	model.KindBirthday: {gather: func(ctx context.Context, tx queryer, on weekFor, d *model.WeekData) (n int, err error) {
		from, to := on.r.Ahead(on.today)
		d.Birthdays, n, err = yearlyCandidates(ctx, tx, "bday", model.KindBirthday, from, to, on.sc)
		return n, err
	}},
	model.KindAnniversary: {gather: func(ctx context.Context, tx queryer, on weekFor, d *model.WeekData) (n int, err error) {
		from, to := on.r.Ahead(on.today)
		d.Anniversaries, n, err = yearlyCandidates(ctx, tx, "anniv", model.KindAnniversary, from, to, on.sc)
		return n, err
	}},
	model.KindThankYou: {gather: func(ctx context.Context, tx queryer, on weekFor, d *model.WeekData) (n int, err error) {
		_, to := on.r.Ahead(on.today)
		if d.ThankYous, n, err = thankYouCandidates(ctx, tx, to, on.sc); err != nil {
			return 0, err
		}
		if d.MedianCents, err = medianVisitCents(ctx, tx); err != nil || d.MedianCents <= 0 {
			return n, err
		}
		from, to := on.r.Behind(on.today)
		min := int64(on.r.BigPurchaseFactor) * d.MedianCents
		d.Purchases, err = purchaseCandidates(ctx, tx, from, to, min, on.sc.customer)
		return n, err
	}},
	model.KindReferral: {gather: func(ctx context.Context, tx queryer, on weekFor, d *model.WeekData) (n int, err error) {
		from, to := on.r.Behind(on.today)
		d.Referrals, n, err = referralCandidates(ctx, tx, from, to, on.sc)
		return n, err
	}},
	model.KindTopSpender: {ranks: true, gather: func(ctx context.Context, tx queryer, on weekFor, d *model.WeekData) (n int, err error) {
		from, to := on.r.Behind(on.today)
		d.WeekSpend, err = weekSpendCandidates(ctx, tx, from, to)
		return 0, err
	}},
	model.KindNewCustomer: {gather: func(ctx context.Context, tx queryer, on weekFor, d *model.WeekData) (n int, err error) {
		from, to := on.r.Behind(on.today)
		d.New, n, err = newCandidates(ctx, tx, from, to, on.loc, on.sc)
		return n, err
	}},
	model.KindCheckIn: {ranks: true, gather: func(ctx context.Context, tx queryer, on weekFor, d *model.WeekData) (n int, err error) {
		d.YearSpend, err = checkInCandidates(ctx, tx, on.today, on.r)
		return 0, err
	}},
	model.KindLapsed: {gather: func(ctx context.Context, tx queryer, on weekFor, d *model.WeekData) (n int, err error) {
		d.Lapsed, n, err = lapsedCandidates(ctx, tx, on.today, on.r, on.sc)
		return n, err
	}},
	model.KindUnhappy: {gather: func(ctx context.Context, tx queryer, on weekFor, d *model.WeekData) (n int, err error) {
		d.Feedback, n, err = feedbackCandidates(ctx, tx, on.sc)
		return n, err
	}},
	model.KindFollowUp: {gather: func(ctx context.Context, tx queryer, on weekFor, d *model.WeekData) (n int, err error) {
		d.FollowUps, n, err = followUpCandidates(ctx, tx, on.r.FollowUpDue(on.today), on.sc)
		return n, err
	}},
}

// gatherKind fills kind's candidates in d.
func gatherKind(ctx context.Context, tx queryer, kind model.Kind, on weekFor, d *model.WeekData) (int, error) {
	q, ok := kindQueries[kind]
	if !ok {
		return 0, model.Errorf(model.EINTERNAL, "the store has no query for week items of kind %q", kind)
	}
	return q.gather(ctx, tx, on, d)
}

// yearlyCandidates finds birthdays (col "bday") or anniversaries ("anniv")
// whose month and day fall from..to, one index range per month, the soonest
// first, and how many more the scope's limit left out. A Feb 29 date falls
// on Feb 28 in other years, so it comes along when Feb 28 does.
func yearlyCandidates(ctx context.Context, tx queryer, col string, kind model.Kind, from, to model.Date, sc weekScope) ([]model.YearlyCandidate, int, error) {
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
		q.scope(sc, "id", kind, `'`+string(kind)+`:' || customers.id || ':' || ?`, d.Year)
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
		for rows.Next() {
			c := model.YearlyCandidate{Date: model.MonthDay{Month: m.m}}
			if err := rows.Scan(&c.CustomerID, &c.Name, &c.Date.Year, &c.Date.Day); err != nil {
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

func thankYouCandidates(ctx context.Context, tx queryer, to model.Date, sc weekScope) ([]model.ThankYouCandidate, int, error) {
	q := kindQuery{
		cols:       `t.id, t.customer_id, c.name, t.reason, t.due`,
		from:       `thank_yous t JOIN customers c INDEXED BY customers_active_name ON c.id = t.customer_id`,
		where:      `t.sent_at IS NULL AND t.due <= ? AND c.archived_at IS NULL`,
		order:      `t.due, c.name, t.id`,
		args:       []any{to.String()},
		countFrom:  `thank_yous t INDEXED BY thank_yous_open`,
		countWhere: `t.sent_at IS NULL AND t.due <= ? AND ` + notArchived("t.customer_id"),
		countArgs:  []any{to.String()},
	}
	q.scope(sc, "t.customer_id", model.KindThankYou, `'thank-you:' || t.customer_id || ':' || t.id`)
	return collect(ctx, tx, q, sc, func(rows *sql.Rows, c *model.ThankYouCandidate) error {
		var due string
		if err := rows.Scan(&c.ID, &c.CustomerID, &c.Name, &c.Reason, &due); err != nil {
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
func medianVisitCents(ctx context.Context, tx queryer) (int64, error) {
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
func purchaseCandidates(ctx context.Context, tx queryer, from, to model.Date, min int64, customer int64) ([]model.PurchaseCandidate, error) {
	// Day by day, so that the index (day, cents) finds the big ones
	// without passing over the rest.
	var days []string
	var args []any
	for d := from; !d.After(to); d = d.AddDays(1) {
		days = append(days, "?")
		args = append(args, d.String())
	}
	args = append(args, min)
	only := ""
	if customer != 0 {
		only = " AND v.customer_id = ?"
		args = append(args, customer)
	}
	rows, err := tx.QueryContext(ctx, `SELECT v.id, v.customer_id, c.name, v.day, v.cents
		FROM visits v INDEXED BY visits_day JOIN customers c INDEXED BY customers_active_name ON c.id = v.customer_id
		WHERE v.day IN (`+strings.Join(days, ", ")+`) AND v.cents >= ? AND c.archived_at IS NULL`+only+`
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

// weekSpendCandidates returns the top spender from..to and anyone tied
// with them, with their spend in it.
//
// The window (seven days) touches one queue week or two. Each part of it
// is read as a list of spenders, largest first: a part of three days or
// fewer by totalling its visits; a larger one from the spend per queue week
// (visit_weeks, kept by triggers), which is never less than the spend in
// the part and at most three days off. Walking the lists together, each
// customer met gets their exact spend in the window; once the best of them
// beats the sum of the lists' current values, nobody unmet can reach it,
// nor tie (the threshold algorithm, as for the check-ins). Totalling a
// whole week of visits sorts every customer who came; this sorts at most
// three days' worth.
func weekSpendCandidates(ctx context.Context, tx queryer, from, to model.Date) ([]model.SpendCandidate, error) {
	var lists []*spendList
	defer func() {
		for _, l := range lists {
			l.rows.Close()
		}
	}()
	for w := model.WeekOf(from); !w.After(to); w = w.AddDays(7) {
		lo, hi := w, w.AddDays(6)
		if lo.Before(from) {
			lo = from
		}
		if hi.After(to) {
			hi = to
		}
		var rows *sql.Rows
		var err error
		if lo.DaysUntil(hi) < 3 {
			rows, err = tx.QueryContext(ctx, `SELECT customer_id, sum(cents) AS spend FROM visits INDEXED BY visits_day
				WHERE day BETWEEN ? AND ? GROUP BY customer_id ORDER BY spend DESC`, lo.String(), hi.String())
		} else {
			rows, err = tx.QueryContext(ctx, `SELECT customer_id, cents FROM visit_weeks INDEXED BY visit_weeks_week
				WHERE week = ? ORDER BY cents DESC`, w.String())
		}
		if err != nil {
			return nil, err
		}
		lists = append(lists, &spendList{rows: rows})
	}
	seen := map[int64]bool{}
	var out []model.SpendCandidate
	var best int64
	for n := 16; ; n *= 2 {
		var ids []int64
		bound := int64(0)
		for _, l := range lists {
			met, err := l.next(n)
			if err != nil {
				return nil, err
			}
			for _, id := range met {
				if !seen[id] {
					seen[id] = true
					ids = append(ids, id)
				}
			}
			if !l.done {
				bound += l.last
			}
		}
		more, err := spendOf(ctx, tx, ids, from, to, true)
		if err != nil {
			return nil, err
		}
		for _, c := range more {
			best = max(best, c.Cents)
		}
		out = append(out, more...)
		if best > bound {
			break
		}
		done := true
		for _, l := range lists {
			done = done && l.done
		}
		if done {
			break
		}
	}
	// The rule takes the top one and those tied with them: only they need
	// their names.
	var top []model.SpendCandidate
	for _, c := range out {
		if best > 0 && c.Cents == best {
			top = append(top, c)
		}
	}
	sort.Slice(top, func(i, j int) bool { return top[i].CustomerID < top[j].CustomerID })
	return top, namesOf(ctx, tx, top)
}

// spendList is one part of the window's spenders, largest first, read a
// few at a time.
type spendList struct {
	rows *sql.Rows
	last int64 // the spend of the last one read
	done bool  // all read
}

// next reads up to n more spenders and returns their ids.
func (l *spendList) next(n int) ([]int64, error) {
	var ids []int64
	for ; n > 0 && !l.done; n-- {
		if !l.rows.Next() {
			l.done = true
			break
		}
		var id int64
		if err := l.rows.Scan(&id, &l.last); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	if l.done {
		return ids, l.rows.Err()
	}
	return ids, nil
}

// newCandidates finds customers whose first visit was from..to, and those
// who never visited and were added then by hand (in the owner's time zone;
// not by import), by name.
func newCandidates(ctx context.Context, tx queryer, from, to model.Date, loc *time.Location, sc weekScope) ([]model.NewCandidate, int, error) {
	q := kindQuery{
		cols: `u.id, u.name, u.first_visit, u.created_at`,
		from: `(SELECT id, name, first_visit, created_at FROM customers INDEXED BY customers_first_visit
			WHERE first_visit IS NOT NULL AND archived_at IS NULL AND first_visit BETWEEN ? AND ?
			UNION ALL
			SELECT id, name, first_visit, created_at FROM customers INDEXED BY customers_new_typed
			WHERE first_visit IS NULL AND archived_at IS NULL AND source = 'typed' AND created_at >= ? AND created_at < ?) u`,
		where: `1`,
		order: `u.name, u.id`,
		args:  []any{from.String(), to.String(), formatTime(from.Time(loc)), formatTime(to.AddDays(1).Time(loc))},
	}
	q.scope(sc, "u.id", model.KindNewCustomer, `'new-customer:' || u.id`)
	return collect(ctx, tx, q, sc, func(rows *sql.Rows, c *model.NewCandidate) error {
		var first sql.NullString
		var created string
		if err := rows.Scan(&c.CustomerID, &c.Name, &first, &created); err != nil {
			return err
		}
		if first.Valid {
			c.FirstVisit = day(first.String)
		}
		c.Added = model.DateOf(parseTime(created).In(loc))
		return nil
	})
}

// referralCandidates finds the customers someone sent us whose first visit
// fell from..to, with the one who sent them (the item is the sender's).
func referralCandidates(ctx context.Context, tx queryer, from, to model.Date, sc weekScope) ([]model.ReferralCandidate, int, error) {
	q := kindQuery{
		cols: `r.id, r.name, c.id, c.name, c.first_visit`,
		from: `customers c INDEXED BY customers_referred_first
			JOIN customers r INDEXED BY customers_active_name ON r.id = c.referred_by`,
		where: `c.referred_by IS NOT NULL AND c.first_visit IS NOT NULL AND c.archived_at IS NULL
	AND c.first_visit BETWEEN ? AND ? AND r.archived_at IS NULL`,
		order: `r.name, r.id, c.id`,
		args:  []any{from.String(), to.String()},
	}
	q.scope(sc, "r.id", model.KindReferral, `'referral:' || r.id || ':' || c.id`)
	return collect(ctx, tx, q, sc, func(rows *sql.Rows, c *model.ReferralCandidate) error {
		var first string
		if err := rows.Scan(&c.CustomerID, &c.Name, &c.ReferredID, &c.Referred, &first); err != nil {
			return err
		}
		c.FirstVisit = day(first)
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
func checkInCandidates(ctx context.Context, tx queryer, today model.Date, r model.WeekRules) ([]model.SpendCandidate, error) {
	from := today.AddDays(-(r.CheckInSpendDays - 1))
	future, err := visitsAfter(ctx, tx, today)
	if err != nil {
		return nil, err
	}
	seen, asked := map[int64]bool{}, map[int64]bool{}
	var out []model.SpendCandidate
	for k := 8 * r.CheckIns; ; k += k / 2 {
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
		more, err := spendOf(ctx, tx, ids, from, today, future)
		if err != nil {
			return nil, err
		}
		out = append(out, more...)
		picks, err := checkInPicks(ctx, tx, r, today, out, asked)
		if err != nil {
			return nil, err
		}
		if exhausted || (len(picks) == r.CheckIns && picks[len(picks)-1].Cents > bound) {
			// The rule picks the same from its picks: only they need
			// their names.
			return picks, namesOf(ctx, tx, picks)
		}
	}
}

// checkInPicks returns the rule's picks among cs (which it sorts), asking
// the last outreach of only as many of them, biggest spenders first, as it
// takes: the rule passes over those contacted lately, and picks the rest in
// that order. asked holds those whose outreach cs holds.
func checkInPicks(ctx context.Context, tx queryer, r model.WeekRules, today model.Date, cs []model.SpendCandidate, asked map[int64]bool) ([]model.SpendCandidate, error) {
	sort.Slice(cs, func(i, j int) bool {
		if cs[i].Cents != cs[j].Cents {
			return cs[i].Cents > cs[j].Cents
		}
		return cs[i].CustomerID < cs[j].CustomerID
	})
	for n := 0; ; {
		picks := r.CheckInPicks(today, cs[:n])
		if len(picks) == r.CheckIns || n == len(cs) {
			return picks, nil
		}
		next := min(len(cs), n+r.CheckIns-len(picks))
		if err := outreachOf(ctx, tx, cs[n:next], asked, model.WeekOf(today), today); err != nil {
			return nil, err
		}
		n = next
	}
}

// outreachOf fills in the last outreach before the queue week week, and up
// to to, of those of cs not yet in asked.
func outreachOf(ctx context.Context, tx queryer, cs []model.SpendCandidate, asked map[int64]bool, week, to model.Date) error {
	at := map[int64]int{}
	var ids []int64
	for i, c := range cs {
		if !asked[c.CustomerID] {
			asked[c.CustomerID] = true
			at[c.CustomerID] = i
			ids = append(ids, c.CustomerID)
		}
	}
	if len(ids) == 0 {
		return nil
	}
	list, err := json.Marshal(ids)
	if err != nil {
		return err
	}
	rows, err := tx.QueryContext(ctx, `SELECT j.value,
			coalesce((SELECT max(o.day) FROM outreach o WHERE o.customer_id = j.value AND o.day < ?2), ''),
			coalesce((SELECT max(o.day) FROM outreach o WHERE o.customer_id = j.value AND o.day <= ?3), '')
		FROM json_each(?1) j`, string(list), week.String(), to.String())
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var last, contact string
		if err := rows.Scan(&id, &last, &contact); err != nil {
			return err
		}
		c := &cs[at[id]]
		if last != "" {
			c.LastOutreach = day(last)
		}
		if contact != "" {
			c.LastContact = day(contact)
		}
	}
	return rows.Err()
}

// visitsAfter says whether any visit is dated after to (planned ahead, or
// entered with a wrong year): if none is, a year's total holds none either.
func visitsAfter(ctx context.Context, tx queryer, to model.Date) (bool, error) {
	var after bool
	err := tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM visits INDEXED BY visits_day WHERE day > ?)`, to.String()).Scan(&after)
	return after, err
}

// spendOf returns the spend from..to of the given customers that are not
// archived (without their names: see namesOf). future says whether any
// visit is dated after to (visitsAfter).
func spendOf(ctx context.Context, tx queryer, ids []int64, from, to model.Date, future bool) ([]model.SpendCandidate, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	list, err := json.Marshal(ids)
	if err != nil {
		return nil, err
	}
	spend, args := spendSQL("j.value", from, to, future, []any{string(list)})
	rows, err := tx.QueryContext(ctx, `SELECT j.value, `+spend+`
		FROM json_each(?1) j WHERE `+notArchived("j.value"), args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []model.SpendCandidate
	for rows.Next() {
		var c model.SpendCandidate
		if err := rows.Scan(&c.CustomerID, &c.Cents); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// spendSQL is the SQL for the spend from..to of the customer whose id is
// col, and args with its arguments appended (args come first, numbered ?1
// on); future says whether any visit is dated after to. It reads as few of their visits as it can: per calendar year of the
// span, a whole year is their total in visit_years, less than half of one
// the visits in it, and more than half the year's total less the visits
// outside it (a year of check-ins reads the five weeks at its ends, not
// fifty-two).
func spendSQL(col string, from, to model.Date, future bool, args []any) (string, []any) {
	var terms []string
	visits := func(sign string, lo, hi model.Date) {
		if lo.After(hi) {
			return
		}
		args = append(args, lo.String(), hi.String())
		terms = append(terms, sign+`coalesce((SELECT sum(v.cents) FROM visits v INDEXED BY visits_customer_day
				WHERE v.customer_id = `+col+` AND v.day BETWEEN ?`+strconv.Itoa(len(args)-1)+` AND ?`+strconv.Itoa(len(args))+`), 0)`)
	}
	for y := from.Year; y <= to.Year; y++ {
		first, last := model.MakeDate(y, time.January, 1), model.MakeDate(y, time.December, 31)
		lo, hi := first, last
		if lo.Before(from) {
			lo = from
		}
		if hi.After(to) {
			hi = to
		}
		if lo.DaysUntil(hi)*2 < first.DaysUntil(last) {
			visits(" + ", lo, hi)
			continue
		}
		args = append(args, y)
		terms = append(terms, ` + coalesce((SELECT y.cents FROM visit_years y WHERE y.customer_id = `+col+` AND y.year = ?`+
			strconv.Itoa(len(args))+`), 0)`)
		visits(" - ", first, lo.AddDays(-1))
		if future {
			visits(" - ", hi.AddDays(1), last)
		}
	}
	return "(0" + strings.Join(terms, "\n\t\t\t") + ")", args
}

// namesOf fills in the names of the given customers.
func namesOf(ctx context.Context, tx queryer, cs []model.SpendCandidate) error {
	if len(cs) == 0 {
		return nil
	}
	at := map[int64]int{}
	ids := make([]int64, len(cs))
	for i, c := range cs {
		at[c.CustomerID], ids[i] = i, c.CustomerID
	}
	list, err := json.Marshal(ids)
	if err != nil {
		return err
	}
	rows, err := tx.QueryContext(ctx, `SELECT id, name FROM customers INDEXED BY customers_active_name
		WHERE id IN (SELECT value FROM json_each(?)) AND archived_at IS NULL`, string(list))
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var name string
		if err := rows.Scan(&id, &name); err != nil {
			return err
		}
		cs[at[id]].Name = name
	}
	return rows.Err()
}

// notArchived is the SQL that says the customer whose id is col is not
// archived, from the small index of those who are: quicker than finding
// every row's customer among all the others.
func notArchived(col string) string {
	return `NOT EXISTS (SELECT 1 FROM customers a INDEXED BY customers_archived
			WHERE a.id = ` + col + ` AND a.archived_at IS NOT NULL)`
}

// lapsedCandidates finds regulars whose lapse day (kept by the visits
// triggers) has come and whose third latest visit is in the lookback: the
// lapse day is after the last visit, so a customer whose day has come has
// no visit after today, and the third latest visit is the third latest up
// to today. The SQL applies the whole rule, so a limit cuts exactly: it
// mirrors model's LapsedItems (see model/week_lapsed.go), and
// TestWeekRhythmMatchesModel guards the triggers' part of the mirror.
func lapsedCandidates(ctx context.Context, tx queryer, today model.Date, r model.WeekRules, sc weekScope) ([]model.LapsedCandidate, int, error) {
	lookback := today.AddDays(-(r.LapsedLookback - 1))
	q := kindQuery{
		cols: `id, name, last_visit, coalesce(third_visit, ''), gap_median`,
		from: `customers` + indexed(sc, `customers_lapse_on`),
		where: `lapse_on IS NOT NULL AND archived_at IS NULL AND lapse_on BETWEEN ? AND ? AND last_visit >= ?
			AND third_visit >= ?`,
		order: `name, id`,
		args: []any{lookback.AddDays(r.LapsedMinDays + 1).String(), today.String(), lookback.String(),
			lookback.String()},
	}
	q.scope(sc, "id", model.KindLapsed, `'lapsed:' || customers.id || ':' || customers.last_visit`)
	return collect(ctx, tx, q, sc, func(rows *sql.Rows, c *model.LapsedCandidate) error {
		var last, nth string
		if err := rows.Scan(&c.CustomerID, &c.Name, &last, &nth, &c.MedianGap); err != nil {
			return err
		}
		c.LastVisit = day(last)
		if nth != "" {
			c.NthLastVisit = day(nth)
		}
		return nil
	})
}

func feedbackCandidates(ctx context.Context, tx queryer, sc weekScope) ([]model.FeedbackCandidate, int, error) {
	// Every notebook Open accepts has this index: its schema is checked
	// against the migrations' (schema.go).
	index := "feedback_unhappy"
	q := kindQuery{
		cols: `f.id, f.customer_id, c.name, f.day, f.rating, f.comment`,
		from: `feedback f` + indexed(sc, index) + ` JOIN customers c INDEXED BY customers_active_name ON c.id = f.customer_id`,
		// The rating is written out so SQLite sees the partial index applies.
		where:     `f.replied_at IS NULL AND f.rating <= ` + strconv.Itoa(model.UnhappyRating) + ` AND c.archived_at IS NULL`,
		order:     `f.day, c.name, f.id`,
		countFrom: `feedback f INDEXED BY ` + index,
		countWhere: `f.replied_at IS NULL AND f.rating <= ` + strconv.Itoa(model.UnhappyRating) + ` AND ` +
			notArchived("f.customer_id"),
	}
	q.scope(sc, "f.customer_id", model.KindUnhappy, `'unhappy:' || f.customer_id || ':' || f.id`)
	return collect(ctx, tx, q, sc, func(rows *sql.Rows, c *model.FeedbackCandidate) error {
		var on string
		if err := rows.Scan(&c.ID, &c.CustomerID, &c.Name, &on, &c.Rating, &c.Comment); err != nil {
			return err
		}
		c.On = day(on)
		return nil
	})
}

// followUpCandidates finds follow-ups asked on or before to (a week ago)
// whose customer has not visited since the ask-on day, as the rule wants
// (model/week_followups.go), so a limit cuts exactly.
func followUpCandidates(ctx context.Context, tx queryer, to model.Date, sc weekScope) ([]model.FollowUpCandidate, int, error) {
	q := kindQuery{
		cols: `n.id, n.customer_id, c.name, n.ask_on, n.text, n.private, coalesce(c.last_visit, '')`,
		from: `notes n INDEXED BY notes_followup JOIN customers c INDEXED BY customers_active_name ON c.id = n.customer_id`,
		where: `n.ask_on IS NOT NULL AND n.asked_at IS NULL AND n.ask_on <= ? AND c.archived_at IS NULL
	AND (c.last_visit IS NULL OR c.last_visit < n.ask_on)`,
		order: `n.ask_on, c.name, n.id`,
		args:  []any{to.String()},
	}
	q.scope(sc, "n.customer_id", model.KindFollowUp, `'follow-up:' || n.customer_id || ':' || n.id`)
	return collect(ctx, tx, q, sc, func(rows *sql.Rows, c *model.FollowUpCandidate) error {
		var on, last string
		if err := rows.Scan(&c.NoteID, &c.CustomerID, &c.Name, &on, &c.Text, &c.Private, &last); err != nil {
			return err
		}
		c.AskOn = day(on)
		if last != "" {
			c.LastVisit = day(last)
		}
		return nil
	})
}

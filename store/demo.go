package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"time"

	"regulars/model"
)

// DemoOptions says how much demo data to make.
type DemoOptions struct {
	Customers int
	Seed      uint64
	Today     model.Date
	// Progress, when set, is called after each batch of customers.
	Progress func(done, total int)
}

// demoBatch is how many customers go into one transaction. Each table gets
// one statement a batch, so larger batches copy fewer index pages to the
// statement journal but hold more rows as JSON. Two batches are held at
// once (one made while the other is inserted); at 5,000 with a 40 MB page
// cache, 100,000 customers peak at about 165 MB.
var demoBatch = 5000 // a variable only so that a test can make batches small

// GenerateDemo fills the notebook with realistic, deterministic demo data:
// the same options give the same notebook. Customers have partners,
// children, interests and usual orders; some have birthdays in the coming
// week; regulars keep a weekly or monthly rhythm over the past year, some
// of them have lately stopped coming; there are notes with follow-ups,
// pending thank-yous and a few unhappy ratings.
func GenerateDemo(ctx context.Context, s *Store, opts DemoOptions) error {
	if opts.Customers < 0 || opts.Customers > 1_000_000 {
		return model.Errorf(model.EINVALID, "--customers must be between 0 and 1000000")
	}
	if opts.Today.IsZero() {
		opts.Today = s.Today()
	}
	g := &demoGen{
		rng:    rand.New(rand.NewPCG(opts.Seed, opts.Seed^0x9e3779b97f4a7c15)),
		today:  opts.Today,
		now:    s.Now(),
		tables: newDemoTables(),
	}
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return wrapError(err)
	}
	defer conn.Close()
	// Demo data is made in bulk on a connection of its own, closed
	// afterwards rather than returned to the pool: in WAL mode NORMAL still
	// leaves a consistent file if the machine stops half-way; a 40 MB cache
	// keeps the most used index pages (at 100,000 customers, 47 s with
	// 16 MB and 10,000 a batch, 36 s now; the statement journal stays in a
	// temporary file: in memory it was slower, its chunks freed one by one,
	// and larger); and foreign keys go unchecked, because every id a demo row
	// refers to is one the generator has just made (the demo tests run
	// foreign_key_check). Checked keys would also make every multi-row
	// INSERT keep a statement journal, copying each index page it changes.
	defer conn.Raw(func(any) error { return driver.ErrBadConn })
	for _, p := range []string{"PRAGMA cache_size = -40960", "PRAGMA synchronous = NORMAL", "PRAGMA foreign_keys = OFF"} {
		if _, err := conn.ExecContext(ctx, p); err != nil {
			return wrapError(err)
		}
	}
	if err := conn.QueryRowContext(ctx, `SELECT coalesce(max(id), 0) FROM customers`).Scan(&g.nextCustomer); err != nil {
		return wrapError(err)
	}
	if err := conn.QueryRowContext(ctx, `SELECT coalesce(max(id), 0) FROM visits`).Scan(&g.nextVisit); err != nil {
		return wrapError(err)
	}
	// Two stages on two cores: the generator makes the next batch's rows
	// while SQLite inserts this one. Two batches' buffers take turns.
	free, full := make(chan *demoBatchRows, 2), make(chan *demoBatchRows)
	free <- &demoBatchRows{tables: g.tables}
	free <- &demoBatchRows{tables: newDemoTables()}
	stop := make(chan struct{})
	defer close(stop)
	go func() {
		defer close(full)
		for done := 0; done < opts.Customers; {
			var b *demoBatchRows
			select {
			case b = <-free:
			case <-stop:
				return
			}
			n := min(demoBatch, opts.Customers-done)
			g.fill(b, done, n)
			done += n
			b.done = done
			select {
			case full <- b:
			case <-stop:
				return
			}
		}
	}()
	for b := range full {
		if err := b.write(ctx, conn); err != nil {
			return wrapError(err)
		}
		if opts.Progress != nil {
			opts.Progress(b.done, opts.Customers)
		}
		free <- b
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	return wrapError(settleFTS(ctx, conn))
}

type demoGen struct {
	rng   *rand.Rand
	today model.Date
	now   time.Time

	nextCustomer, nextVisit int64

	// Full names are drawn without replacement from every first × last
	// pair: names[drawn % len(names)] after a shuffle each round.
	names []int32
	drawn int

	// Each table's rows for the batch, as JSON: each table gets one
	// INSERT a batch, whose size bounds what is held.
	tables []*demoTable

	days  []model.Date // the current customer's visit days and amounts, reused
	cents []int64

	// How many of the batch's visits there are of each amount and unit,
	// added to visit_amounts and visit_amount_units at its end.
	amounts, units map[int64]int
}

func (g *demoGen) pick(list []string) string { return list[g.rng.IntN(len(list))] }
func (g *demoGen) chance(p float64) bool     { return g.rng.Float64() < p }

// demoTable is one table's rows waiting to be inserted, as a JSON array of
// arrays.
type demoTable struct {
	name, cols string
	width      int
	rows       []byte
}

// The tables filled in bulk, parents first: each gets one INSERT … SELECT
// from jsonb_each a batch, in this order (see insertSQL for why one).
const (
	tCustomers = iota
	tVisits
	tVisitYears
	tVisitWeeks
	tNotes
	tThankYous
	tFeedback
	tOutreach
)

func newDemoTables() []*demoTable {
	ts := []*demoTable{
		tCustomers: {name: "customers", cols: `id, name, nickname, phone, phone_digits, email,
			bday_year, bday_month, bday_day, anniv_year, anniv_month, anniv_day,
			partner, children, interests, usual, tags, created_at,
			last_visit, first_visit, visit_count, third_visit, gap_median, lapse_on`},
		tVisits:     {name: "visits", cols: "id, customer_id, day, cents, what"},
		tVisitYears: {name: "visit_years", cols: "customer_id, year, cents, visits"},
		tVisitWeeks: {name: "visit_weeks", cols: "customer_id, week, cents, visits"},
		tNotes:      {name: "notes", cols: "customer_id, text, created_at, ask_on, asked_at, private"},
		tThankYous:  {name: "thank_yous", cols: "customer_id, visit_id, reason, due, created_at, sent_at"},
		tFeedback:   {name: "feedback", cols: "customer_id, day, rating, comment, replied_at"},
		tOutreach:   {name: "outreach", cols: "customer_id, day, channel, about, note, created_at"},
	}
	for _, t := range ts {
		t.width = strings.Count(t.cols, ",") + 1
	}
	return ts
}

// demoBatchRows is one batch of demo customers, made and waiting to be
// inserted: each table's rows, the ids they take and the visits' amounts.
type demoBatchRows struct {
	tables         []*demoTable
	first, last    int64 // the batch's customer ids
	amounts, units map[int64]int
	done           int // customers made with this batch
}

// fill makes customers start … start+n-1 into b.
func (g *demoGen) fill(b *demoBatchRows, start, n int) {
	g.tables = b.tables
	g.amounts, g.units = map[int64]int{}, map[int64]int{}
	for _, t := range g.tables {
		t.rows = append(t.rows[:0], '[')
	}
	b.first = g.nextCustomer + 1
	for i := start; i < start+n; i++ {
		g.customer(i)
	}
	b.last = g.nextCustomer
	b.amounts, b.units = g.amounts, g.units
}

// write inserts the batch in one transaction.
func (b *demoBatchRows) write(ctx context.Context, conn *sql.Conn) error {
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	// The visits and notes insert triggers do nothing while 'bulk' is set:
	// what they keep is written with the rows, and the notes' words once
	// per customer below (rhythm.go). The flag never leaves this
	// transaction.
	if _, err := tx.ExecContext(ctx, `INSERT INTO meta (key, value) VALUES ('bulk', 'demo')`); err != nil {
		return err
	}
	for _, t := range b.tables {
		if len(t.rows) == 1 {
			continue
		}
		t.rows[len(t.rows)-1] = ']' // the last row's comma
		if _, err := tx.ExecContext(ctx, insertSQL(t), string(t.rows)); err != nil {
			return fmt.Errorf("demo %s: %w", t.name, err)
		}
	}
	if err := recomputeBulk(ctx, tx, b.first, b.last); err != nil {
		return err
	}
	for _, q := range []struct {
		sql    string
		counts map[int64]int
	}{
		{`INSERT INTO visit_amounts (cents, visits) SELECT CAST(key AS INTEGER), value FROM json_each(?) WHERE true
			ON CONFLICT (cents) DO UPDATE SET visits = visits + excluded.visits`, b.amounts},
		{`INSERT INTO visit_amount_units (unit, visits) SELECT CAST(key AS INTEGER), value FROM json_each(?) WHERE true
			ON CONFLICT (unit) DO UPDATE SET visits = visits + excluded.visits`, b.units},
	} {
		if _, err := tx.ExecContext(ctx, q.sql, countsJSON(q.counts)); err != nil {
			return err
		}
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM meta WHERE key = 'bulk'`); err != nil {
		return err
	}
	return tx.Commit()
}

// countsJSON is {"350": 12, …}, for json_each.
func countsJSON(counts map[int64]int) string {
	b := []byte{'{'}
	for k, v := range counts {
		if len(b) > 1 {
			b = append(b, ',')
		}
		b = append(b, '"')
		b = strconv.AppendInt(b, k, 10)
		b = append(b, '"', ':')
		b = strconv.AppendInt(b, int64(v), 10)
	}
	return string(append(b, '}'))
}

// insertSQL inserts the rows of t, a JSON array of arrays in its one
// parameter. OR FAIL: a statement that fails need not undo its own rows,
// since the whole batch is rolled back; so SQLite keeps no statement
// journal for it, unless a trigger on the table might abort (those of
// customers, visits and notes: a statement journal copies each index page
// the statement changes, once per statement, which is why a batch has one
// statement per table).
func insertSQL(t *demoTable) string {
	var b strings.Builder
	b.WriteString("INSERT OR FAIL INTO " + t.name + " (" + t.cols + ") SELECT ")
	for i := range t.width {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "value ->> %d", i)
	}
	b.WriteString(" FROM jsonb_each(?)")
	return b.String()
}

// add queues one row of table t: strings, integers, floats or nil.
func (g *demoGen) add(t int, row ...any) { g.tables[t].add(row...) }

// add queues one row as a JSON array: strings, integers, floats or nil.
func (tb *demoTable) add(row ...any) {
	b := append(tb.rows, '[')
	for i, v := range row {
		if i > 0 {
			b = append(b, ',')
		}
		switch v := v.(type) {
		case nil:
			b = append(b, "null"...)
		case string:
			b = appendJSONString(b, v)
		case int:
			b = strconv.AppendInt(b, int64(v), 10)
		case int64:
			b = strconv.AppendInt(b, v, 10)
		case float64:
			b = strconv.AppendFloat(b, v, 'g', -1, 64)
		default:
			panic(fmt.Sprintf("bulk insert into %s: a %T", tb.name, v))
		}
	}
	tb.rows = append(b, ']', ',')
}

func appendJSONString(b []byte, s string) []byte {
	b = append(b, '"')
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '"' || c == '\\':
			b = append(b, '\\', c)
		case c < 0x20:
			b = fmt.Appendf(b, `\u%04x`, c)
		default:
			b = append(b, c)
		}
	}
	return append(b, '"')
}

// rhythm is how often a demo customer comes in.
type rhythm struct {
	every  int // days between visits on average
	visits int // visits in the last year
}

// name draws a full name no other customer has. The first len(demoFirst) ×
// len(demoLast) customers get each pair at most once; after that the pairs
// come round again with a middle initial that differs for each round
// ("Anna Smith", "Anna J. Smith", "Anna M. Smith", …), so that even in a
// notebook of 100,000 no two customers show the same line in the list.
func (g *demoGen) name() (first, last, full string) {
	if g.names == nil {
		g.names = make([]int32, len(demoFirst)*len(demoLast))
		for i := range g.names {
			g.names[i] = int32(i)
		}
	}
	k := g.drawn % len(g.names)
	if k == 0 {
		g.rng.Shuffle(len(g.names), func(i, j int) { g.names[i], g.names[j] = g.names[j], g.names[i] })
	}
	round := g.drawn / len(g.names)
	g.drawn++
	pair := int(g.names[k])
	first, last = demoFirst[pair/len(demoLast)], demoLast[pair%len(demoLast)]
	if round == 0 {
		return first, last, first + " " + last
	}
	// Round r's initials are r-1 in base 26, the letters starting at a
	// place that depends on the pair so that not every second name is a J.
	var initials string
	for r := round - 1; ; r = r/26 - 1 {
		initials = string(demoInitials[(r+pair)%26]) + ". " + initials
		if r < 26 {
			break
		}
	}
	return first, last, first + " " + initials + last
}

const demoInitials = "JMAERSLCDTKBPHGNWFOVIYQUXZ"

func (g *demoGen) customer(i int) {
	first, last, name := g.name()
	var nickname string
	if len(first) > 4 && g.chance(0.15) {
		nickname = first[:3] // Valentina → Val
	}
	var phone, digits, email string
	if g.chance(0.8) {
		phone = fmt.Sprintf("+44 7%03d %06d", g.rng.IntN(1000), g.rng.IntN(1_000_000))
		digits = model.PhoneDigits(phone)
	}
	if g.chance(0.6) {
		email = strings.ToLower(strings.ReplaceAll(first+"."+last, "'", "")) + fmt.Sprintf("%d@", i) + g.pick(demoMailHosts)
	}
	// Birthdays: most customers told us; the first few have one in the
	// coming week so the weekly queue has something to show.
	var bday model.MonthDay
	switch {
	case i%100 == 7 || i < 2:
		d := g.today.AddDays(1 + g.rng.IntN(6))
		bday = model.MonthDay{Month: d.Month, Day: d.Day}
	case g.chance(0.7):
		d := model.MakeDate(2001, 1, 1).AddDays(g.rng.IntN(365))
		bday = model.MonthDay{Month: d.Month, Day: d.Day}
	}
	if !bday.IsZero() && g.chance(0.5) {
		bday.Year = g.today.Year - 18 - g.rng.IntN(60)
		if bday.Month == 2 && bday.Day == 29 && !model.IsLeap(bday.Year) {
			bday.Year = 1988
		}
	}
	var anniv model.MonthDay
	var partner, children string
	if g.chance(0.55) {
		partner = g.pick(demoFirst)
		if g.chance(0.3) {
			d := model.MakeDate(2001, 1, 1).AddDays(g.rng.IntN(365))
			anniv = model.MonthDay{Year: g.today.Year - 1 - g.rng.IntN(30), Month: d.Month, Day: d.Day}
		}
		if g.chance(0.5) {
			var kids []string
			for k := 0; k < 1+g.rng.IntN(3); k++ {
				kid := g.pick(demoFirst)
				if g.chance(0.6) {
					kid += fmt.Sprintf(" (%d)", 1+g.rng.IntN(16))
				}
				kids = append(kids, kid)
			}
			children = strings.Join(kids, ", ")
		}
	}
	var interests []string
	for k := 0; k < g.rng.IntN(4); k++ {
		interests = append(interests, g.pick(demoInterests))
	}
	usual := ""
	if g.chance(0.8) {
		usual = g.pick(demoUsual)
	}
	// Rhythm: a few weekly regulars, more monthly ones, many occasional.
	var r rhythm
	var tags []string
	switch x := g.rng.Float64(); {
	case x < 0.12:
		r = rhythm{every: 7, visits: 52}
		tags = append(tags, "regular")
	case x < 0.42:
		r = rhythm{every: 30, visits: 12}
	default:
		r = rhythm{every: 120, visits: 1 + g.rng.IntN(4)}
	}
	if g.chance(0.08) {
		tags = append(tags, g.pick(demoTags))
	}
	created := g.now.AddDate(0, 0, -400-g.rng.IntN(800))
	isNew := i%97 == 5 // a few brand-new customers this week
	if isNew {
		created = g.today.AddDays(-1 - g.rng.IntN(6)).Time(time.Local).Add(time.Duration(9+g.rng.IntN(9)) * time.Hour)
		r = rhythm{every: 7, visits: 1}
	}
	g.nextCustomer++
	id := g.nextCustomer
	// Visits over the past year, at the customer's rhythm; some regulars
	// stopped coming a while ago.
	lapsed := r.every <= 30 && g.chance(0.06)
	day := g.today.AddDays(-365 + g.rng.IntN(max(r.every, 1)))
	if isNew {
		day = model.DateOf(created)
	}
	end := g.today.AddDays(-1)
	if lapsed {
		end = g.today.AddDays(-(3*r.every + 14 + g.rng.IntN(30)))
	}
	var lastVisit, lastCents int64
	var lastVisitDay model.Date
	g.days, g.cents = g.days[:0], g.cents[:0]
	for v := 0; v < r.visits && !day.After(end); v++ {
		cents := int64(350 + g.rng.IntN(900))
		what := g.pick(demoUsual)
		if g.chance(0.03) {
			cents = int64(4000 + g.rng.IntN(12000))
			what = g.pick(demoBig)
		}
		g.nextVisit++
		g.add(tVisits, g.nextVisit, id, day.String(), cents, what)
		g.days, g.cents = append(g.days, day), append(g.cents, cents)
		g.amounts[cents]++
		g.units[cents/100]++
		lastVisit, lastVisitDay, lastCents = g.nextVisit, day, cents
		jitter := r.every / 4
		day = day.AddDays(r.every - jitter + g.rng.IntN(2*jitter+1))
	}

	st := bulkVisitStats(g.days)
	g.add(tCustomers, id, name, nickname, phone, digits, email, bday.Year, int(bday.Month), bday.Day,
		anniv.Year, int(anniv.Month), anniv.Day, partner, children, strings.Join(interests, ", "), usual,
		strings.Join(tags, ","), formatTime(created),
		st.last, st.first, st.count, st.third, st.gapMedian, st.lapseOn)
	for k := 0; k < len(g.days); {
		year, cents, visits := g.days[k].Year, int64(0), 0
		for ; k < len(g.days) && g.days[k].Year == year; k++ {
			cents += g.cents[k]
			visits++
		}
		g.add(tVisitYears, id, year, cents, visits)
	}
	for k := 0; k < len(g.days); {
		week, cents, visits := model.WeekOf(g.days[k]), int64(0), 0
		for ; k < len(g.days) && model.WeekOf(g.days[k]) == week; k++ {
			cents += g.cents[k]
			visits++
		}
		g.add(tVisitWeeks, id, week.String(), cents, visits)
	}

	// Notes: about one for every three to five visits, each written on a
	// visit day; someone with a partner or children to talk about has one
	// even after a single visit, and so do some others. A few notes are
	// private, and about one customer in twenty told us of a trip to ask
	// about (a follow-up).
	notes := len(g.days) / (3 + g.rng.IntN(3))
	if notes == 0 && (partner != "" || children != "" || g.chance(0.4)) {
		notes = 1
	}
	followUp := -1
	if notes > 0 && g.chance(0.05) {
		followUp = g.rng.IntN(notes)
	}
	for k := 0; k < notes; k++ {
		at := created
		if len(g.days) > 0 {
			d := g.days[g.rng.IntN(len(g.days))]
			at = d.Time(time.Local).Add(time.Duration(8*60+g.rng.IntN(10*60)) * time.Minute)
		}
		if at.Before(created) {
			at = created
		}
		if at.After(g.now) {
			at = g.now
		}
		text := g.noteText(first, partner)
		var askOn, asked any
		if k == followUp {
			text = fmt.Sprintf("Off to %s soon. Ask how it went.", g.pick(demoTrips))
			due := g.today.AddDays(-10 + g.rng.IntN(24))
			askOn = due.String()
			at = due.AddDays(-14).Time(time.Local).Add(11 * time.Hour)
			if due.Before(g.today) && g.chance(0.6) {
				asked = formatTime(due.Time(time.Local).Add(12 * time.Hour))
			}
		}
		private := 0
		if k != followUp && g.chance(0.06) {
			text = g.pick(demoPrivate)
			private = 1
		}
		g.add(tNotes, id, text, formatTime(at), askOn, asked, private)
	}

	// A thank-you owed now and then, mostly after a big purchase.
	if lastVisit != 0 && (lastCents >= 4000 || g.chance(0.015)) && lastVisitDay.After(g.today.AddDays(-20)) {
		g.add(tThankYous, id, lastVisit, "thank you for the "+strings.ToLower(g.pick(demoBig)),
			lastVisitDay.AddDays(7).String(), formatTime(lastVisitDay.Time(time.Local).Add(18*time.Hour)), nil)
	}

	// Feedback from some; a few were unhappy and await a reply.
	if g.chance(0.1) {
		on := g.today.AddDays(-g.rng.IntN(120))
		rating := 4 + g.rng.IntN(2)
		comment := g.pick(demoPraise)
		var replied any
		if g.chance(0.15) {
			rating = 1 + g.rng.IntN(3)
			comment = g.pick(demoComplaints)
		} else {
			replied = formatTime(on.AddDays(1).Time(time.Local).Add(10 * time.Hour))
		}
		g.add(tFeedback, id, on.String(), rating, comment, replied)
	}

	// Some past outreach.
	if r.every <= 30 && g.chance(0.3) {
		on := g.today.AddDays(-1 - g.rng.IntN(120))
		ch := model.Channels[g.rng.IntN(len(model.Channels))]
		g.add(tOutreach, id, on.String(), string(ch), "check-in", "", formatTime(on.Time(time.Local).Add(15*time.Hour)))
	}
}

func (g *demoGen) noteText(first, partner string) string {
	t := g.pick(demoNotes)
	t = strings.ReplaceAll(t, "{partner}", partner)
	if partner == "" {
		t = strings.ReplaceAll(t, "{partnerOr}", "their friend")
	} else {
		t = strings.ReplaceAll(t, "{partnerOr}", partner)
	}
	t = strings.ReplaceAll(t, "{name}", first)
	t = strings.ReplaceAll(t, "{trip}", g.pick(demoTrips))
	t = strings.ReplaceAll(t, "{interest}", g.pick(demoInterests))
	return t
}

var demoFirst = strings.Fields(`Anna Ben Clara David Emma Felix Grace Hugo Isla Jonas Katie Leo Maria Noah Olivia Paul
	Queenie Rosa Sam Tom Uma Victor Wendy Xavier Yara Zoe Amir Bea Chen Dara Elif Farah Gus Hana Ivan Jamal Kira
	Luca Mina Nadia Omar Priya Rafael Sofia Tariq Ursula Vera Will Ximena Yusuf Zara Aiden Bronwyn Callum Deepa
	Eamon Fiona Gareth Helen Imogen Jack Kenji Lena Mateo Niamh Oscar Petra Quinn Ravi Sinead Theo Una Valentina
	Wei Yasmin Alice Bruno Carmen Declan Esther Francesca George Harriet Ines Joseph Kasia Liam Maeve Nikolai Orla
	Pedro Rhian Stefan Tamsin Ulrich Vikram Wanda Aoife Bilal Cerys Dominik Ewa Florian Gemma Hamza Ingrid Joanna
	Kwame Lucia Marek Nell Ottilie Piotr Rory Saoirse Tobias Ugo Violet Wojtek Yannick Zainab`)

var demoLast = strings.Fields(`Smith Jones Taylor Brown Williams Wilson Johnson Davies Patel Wright Robinson Thompson
	Evans Walker White Roberts Green Hall Wood Jackson Clarke Khan Lewis Harris Martin Cooper King Lee Baker Hill
	Moore Ward Turner Morgan Murphy Kelly Schmidt Müller Schneider Fischer Weber Meyer Wagner Becker Hoffmann Rossi
	Russo Ferrari Esposito Bianchi Romano Colombo García Fernández López Martínez Sánchez Pérez Gómez Dubois Lefebvre
	Moreau Laurent Simon Michel Nowak Kowalski Wiśniewski Novák Horváth Nagy Kovač Andersen Nielsen Hansen Jensen
	Larsen Johansson Karlsson Nilsson Virtanen Korhonen Papadopoulos Yılmaz Kaya Demir Ahmed Ali Hussain Begum
	Chowdhury Nguyen Tran Le Pham Wang Li Zhang Liu Chen Tanaka Suzuki Sato Kim Park Choi Okafor Mensah Adeyemi
	O'Brien O'Connor McCarthy Byrne Walsh Doyle Ryan Quinn Fitzgerald Gallagher Lynch`)

var demoMailHosts = []string{"example.com", "example.org", "example.net", "mail.example.com"}

var demoInterests = []string{"cycling", "jazz", "gardening", "the allotment", "football (Arsenal)", "football (Spurs)",
	"baking", "crosswords", "knitting", "photography", "running", "sea swimming", "birdwatching", "chess",
	"vinyl records", "hiking", "pottery", "the local choir", "rugby", "classic cars", "yoga", "board games",
	"sourdough", "fly fishing", "salsa dancing", "sci-fi novels", "climbing", "dog shows", "opera", "tennis"}

var demoUsual = []string{"flat white, extra hot", "oat latte", "double espresso", "cappuccino with cinnamon",
	"black americano, no sugar", "chai latte, oat milk", "decaf cortado", "pot of Earl Grey", "hot chocolate, no cream",
	"iced latte", "macchiato", "mocha, half sweet", "green tea", "almond croissant and a flat white",
	"cheese scone and builder's tea", "skinny latte", "long black", "piccolo", "matcha latte", "english breakfast, splash of milk"}

var demoBig = []string{"Birthday cake", "Catering platter", "Gift hamper", "Office coffee order", "Christmas cake",
	"Espresso machine", "Party order", "Wedding favours", "Coffee subscription", "Tasting menu for six"}

var demoTrips = []string{"Germany", "Lisbon", "the Lake District", "Japan", "Cornwall", "New York", "Crete",
	"the Highlands", "Barcelona", "Iceland", "Amsterdam", "Kerala", "Vienna", "Marrakesh", "Norway"}

var demoNotes = []string{
	"Came in with {partnerOr} today, both in good spirits.",
	"Mentioned {partnerOr}'s new job; ask how it is going.",
	"Loves talking about {interest}.",
	"Just back from {trip}, showed me photos.",
	"Planning a trip to {trip} next year.",
	"Training for a half marathon.",
	"Prefers the window table.",
	"Asked whether we could do oat milk in the hot chocolate.",
	"Recommended us to a colleague.",
	"Moving house next month.",
	"Their dog is called Biscuit.",
	"Starting a new job across town, may come in less often.",
	"Celebrating a promotion this week.",
	"Said the new seasonal blend is their favourite.",
	"Bringing the kids in on Saturday.",
	"Had a cold last week; check they are feeling better.",
	"Collects vintage postcards of {trip}.",
	"Big fan of {interest}; we chatted for ages.",
	"Asked us to save the last almond croissant on Fridays.",
	"Grandmother turned 90 this month.",
}

var demoPrivate = []string{
	"Going through a divorce; do not ask about the partner.",
	"Mentioned health worries; be gentle.",
	"Lost their job recently; offer the loyalty discount quietly.",
	"Was upset about a late order in the spring; fixed now.",
}

var demoPraise = []string{"Lovely as always.", "Best flat white in town.", "Friendly staff, quick service.",
	"The new cakes are great.", "Always a warm welcome."}

var demoComplaints = []string{"Waited twenty minutes for a coffee.", "Cake was stale.", "Order was wrong twice this week.",
	"Too noisy on Saturday morning.", "Card machine was down and nobody told me."}

var demoTags = []string{"vip", "neighbour", "staff friend", "wholesale", "student", "dog owner"}

package store

import (
	"bytes"
	"cmp"
	"context"
	"database/sql"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"runtime/debug"
	"slices"
	"strings"
	"sync"

	"regulars/model"
)

// buildFilterSnapshot reads, in one read transaction, what the filter's
// SQL reads (customers, their contacts, this year's spends, every note) and
// makes the in-memory index of it. The words are those the triggers put in
// customer_fts, phone_fts and customer_notes_fts, made from the same rows.
//
// It reads with a small page cache: the pool's connections keep 32 MB
// caches, and a scan of the whole notebook would leave one full (70 MB
// resident at 100,000 customers). The connection's own size is put back,
// empty, after.
func buildFilterSnapshot(ctx context.Context, s *Store) (*filterSnapshot, error) {
	defer tightGC()()
	today := s.Today()
	x := &filterSnapshot{today: today, year: today.Year}
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return nil, wrapError(err)
	}
	defer conn.Close()
	var cache int64
	if err := conn.QueryRowContext(ctx, `PRAGMA cache_size`).Scan(&cache); err != nil {
		return nil, wrapError(err)
	}
	if _, err := conn.ExecContext(ctx, `PRAGMA cache_size = -2000`); err != nil {
		return nil, wrapError(err)
	}
	defer func() {
		bg := context.Background()
		conn.ExecContext(bg, `PRAGMA shrink_memory`)
		conn.ExecContext(bg, fmt.Sprintf(`PRAGMA cache_size = %d`, cache))
	}()
	err = func() error {
		tx, err := conn.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
		if err != nil {
			return err
		}
		defer tx.Rollback()
		if err := tx.QueryRowContext(ctx, `SELECT coalesce(max(seq), 0) FROM customer_changes`).Scan(&x.seq); err != nil {
			return err
		}
		return x.read(ctx, tx, nil)
	}()
	if err != nil {
		return nil, wrapError(err)
	}
	return x, nil
}

// termBuilder gathers one termIndex. Each term's slots are kept as varint
// steps from the slot before (zigzag, since the notes come in the order
// they were written, not by customer): one to three bytes a slot while the
// index is built, where a slice of slots took four and grew by doubling.
// They are sorted and packed as gaps when the index is finished.
type termBuilder struct {
	ids      map[string]uint32
	steps    [][]byte // each term's slots, as zigzag varint steps
	next     []uint32 // each term's last slot + 1; 0 when it has none
	unsorted bitset   // the terms whose slots did not all come in order
}

func (b *termBuilder) add(word []byte, slot uint32) {
	id, ok := b.ids[string(word)]
	if !ok {
		if b.ids == nil {
			b.ids = map[string]uint32{}
		}
		id = uint32(len(b.steps))
		b.ids[string(word)] = id
		b.steps = append(b.steps, nil)
		b.next = append(b.next, 0)
	}
	n := b.next[id]
	if n == slot+1 { // the same slot again
		return
	}
	prev := int64(max(n, 1) - 1)
	if n > 0 && slot < n-1 {
		for int(id/64) >= len(b.unsorted) {
			b.unsorted = append(b.unsorted, 0)
		}
		b.unsorted.set(id)
	}
	b.steps[id] = binary.AppendVarint(b.steps[id], int64(slot)-prev)
	b.next[id] = slot + 1
}

func (b *termBuilder) finish() termIndex {
	var t termIndex
	terms := make([]string, 0, len(b.ids))
	for w := range b.ids {
		terms = append(terms, w)
	}
	slices.Sort(terms)
	total := 0
	for _, p := range b.steps {
		total += len(p)
	}
	t.start = make([]uint32, 0, len(terms)+1)
	t.post = make([]byte, 0, total)
	var slots []uint32
	for _, w := range terms {
		t.terms.add(w)
		id := b.ids[w]
		t.start = append(t.start, uint32(len(t.post)))
		slots = slots[:0]
		slot := int64(0)
		for p := b.steps[id]; len(p) > 0; {
			v, n := binary.Varint(p)
			slot += v
			slots = append(slots, uint32(slot))
			p = p[n:]
		}
		if int(id/64) < len(b.unsorted) && b.unsorted.has(id) {
			slices.Sort(slots)
			slots = slices.Compact(slots)
		}
		last := uint32(0)
		for _, s := range slots {
			t.post = binary.AppendUvarint(t.post, uint64(s-last))
			last = s
		}
		b.steps[id] = nil
	}
	t.start = append(t.start, uint32(len(t.post)))
	if cap(t.post)-len(t.post) > len(t.post)/8 {
		// Steps out of order took more bytes than the packed gaps.
		t.post = append([]byte(nil), t.post...)
	}
	t.terms.clip()
	b.ids, b.steps, b.next, b.unsorted = nil, nil, nil, nil
	return t
}

// pairBuilder gathers one termIndex as (word, slot) pairs, the words in
// one buffer, sorted when finished: for words mostly found once (the
// customers' phone digits and e-mail names) a pair is 12 bytes and the
// word's own, where termBuilder keeps a map entry, a string and a slice
// each (about 80 bytes).
type pairBuilder struct {
	text  []byte
	pairs []wordSlot
}

type wordSlot struct{ off, n, slot uint32 }

func (b *pairBuilder) add(word []byte, slot uint32) {
	b.pairs = append(b.pairs, wordSlot{uint32(len(b.text)), uint32(len(word)), slot})
	b.text = append(b.text, word...)
}

func (b *pairBuilder) finish() termIndex {
	word := func(p wordSlot) []byte { return b.text[p.off : p.off+p.n] }
	slices.SortFunc(b.pairs, func(p, q wordSlot) int {
		return cmp.Or(bytes.Compare(word(p), word(q)), cmp.Compare(p.slot, q.slot))
	})
	var t termIndex
	for i := 0; i < len(b.pairs); {
		w := word(b.pairs[i])
		t.terms.add(string(w))
		t.start = append(t.start, uint32(len(t.post)))
		last := uint32(0)
		first := true
		for ; i < len(b.pairs) && bytes.Equal(word(b.pairs[i]), w); i++ {
			s := b.pairs[i].slot
			if !first && s == last {
				continue
			}
			t.post = binary.AppendUvarint(t.post, uint64(s-last))
			last, first = s, false
		}
	}
	t.start = append(t.start, uint32(len(t.post)))
	t.start, t.post = slices.Clip(t.start), slices.Clip(t.post)
	t.terms.clip()
	b.text, b.pairs = nil, nil
	return t
}

type buildCustomer struct {
	name, nickname, email, phone, tags string
	lastVisit                          sql.NullString
	cents                              int64
	bdayYear, bdayMonth, bdayDay       int
	// Other (not preferred) contacts, as the triggers join them.
	otherLocal, otherDigits []string
}

// read reads the customers of the given ids (every customer when ids is
// nil) and what the filter needs of them.
func (x *filterSnapshot) read(ctx context.Context, tx *sql.Tx, ids []int64) error {
	// Each query reads all its rows, or those of the ids (a JSON array in
	// the query's first parameter), looked up one customer at a time: the
	// CROSS JOIN keeps SQLite from scanning a whole index of open items or
	// of the year's spends instead.
	var only []any
	from := func(table, col string) string { return table }
	if ids != nil {
		list, err := json.Marshal(ids)
		if err != nil {
			return err
		}
		only = []any{string(list)}
		from = func(table, col string) string {
			return "(SELECT value AS only_id FROM json_each(?)) CROSS JOIN " + table + " ON " + table + "." + col + " = only_id"
		}
	}
	args := func(a ...any) []any { return append(slices.Clone(only), a...) }
	rows, err := tx.QueryContext(ctx, `SELECT id, name, nickname, email, phone_digits, tags, archived_at IS NOT NULL, last_visit,
		bday_year, bday_month, bday_day
		FROM `+from("customers", "id")+` ORDER BY id`, args()...)
	if err != nil {
		return err
	}
	// The customers are held whole until the index is made, so their slice
	// is made once at its size: grown by doubling it was the build's
	// largest allocation (100 MB at 100,000 customers).
	size := len(ids)
	if ids == nil {
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM customers`).Scan(&size); err != nil {
			rows.Close()
			return err
		}
	}
	cs := make([]buildCustomer, 0, size)
	archived := make([]bool, 0, size)
	x.ids = slices.Grow(x.ids, size)
	for rows.Next() {
		cs = append(cs, buildCustomer{})
		c := &cs[len(cs)-1]
		var id int64
		var arch bool
		if err := rows.Scan(&id, &c.name, &c.nickname, &c.email, &c.phone, &c.tags, &arch, &c.lastVisit,
			&c.bdayYear, &c.bdayMonth, &c.bdayDay); err != nil {
			rows.Close()
			return err
		}
		x.ids = append(x.ids, id)
		archived = append(archived, arch)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	x.n = len(cs)
	slotOf := func(id int64) (uint32, bool) {
		i, ok := slices.BinarySearch(x.ids, id)
		return uint32(i), ok
	}
	x.archived, x.active = newBitset(x.n), newBitset(x.n)
	for i, a := range archived {
		if a {
			x.archived.set(uint32(i))
		} else {
			x.active.set(uint32(i))
		}
	}

	type email struct {
		e    string
		slot uint32
	}
	var emails []email
	for i, c := range cs {
		if c.email != "" {
			emails = append(emails, email{asciiLower(c.email), uint32(i)})
		}
	}
	rows, err = tx.QueryContext(ctx, `SELECT customer_id, kind, value, digits, preferred FROM `+from("contacts", "customer_id"), args()...)
	if err != nil {
		return err
	}
	for rows.Next() {
		var id int64
		var kind, value, digits string
		var preferred bool
		if err := rows.Scan(&id, &kind, &value, &digits, &preferred); err != nil {
			rows.Close()
			return err
		}
		slot, ok := slotOf(id)
		if !ok {
			continue
		}
		c := &cs[slot]
		switch kind {
		case "email":
			emails = append(emails, email{asciiLower(value), slot})
			if !preferred {
				// substr(value, 1, instr(value, '@') - 1): "" without an "@".
				local, _, _ := strings.Cut(value, "@")
				if !strings.Contains(value, "@") {
					local = ""
				}
				c.otherLocal = append(c.otherLocal, local)
			}
		case "phone":
			if !preferred {
				c.otherDigits = append(c.otherDigits, digits)
			}
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	slices.SortFunc(emails, func(a, b email) int { return cmp.Or(strings.Compare(a.e, b.e), cmp.Compare(a.slot, b.slot)) })
	x.emailOf = make([]uint32, len(emails))
	for i, e := range emails {
		x.emails.add(e.e)
		x.emailOf[i] = e.slot
	}
	x.emails.clip()

	rows, err = tx.QueryContext(ctx, `SELECT customer_id, cents FROM `+from("visit_years", "customer_id")+` WHERE year = ? AND cents > 0`, args(x.year)...)
	if err != nil {
		return err
	}
	for rows.Next() {
		var id, cents int64
		if err := rows.Scan(&id, &cents); err != nil {
			rows.Close()
			return err
		}
		if slot, ok := slotOf(id); ok {
			cs[slot].cents = cents
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}

	// What the list shows of each customer, as matchesByID reads it.
	x.rows = make([]indexRow, x.n)
	for i := range cs {
		c := &cs[i]
		r := &x.rows[i]
		x.rowText.add(c.name)
		x.rowText.add(c.nickname)
		x.rowText.add(c.tags)
		r.spendYear = c.cents
		if c.bdayMonth > 0 {
			r.bdayYear, r.bdayMonth, r.bdayDay = int16(c.bdayYear), uint8(c.bdayMonth), uint8(c.bdayDay)
		}
		if c.lastVisit.Valid {
			d := parseDay(c.lastVisit.String)
			r.last = uint32(d.Year*10000 + int(d.Month)*100 + d.Day)
		}
	}
	x.rowText.clip()
	soon := x.today.AddDays(6).String()
	for _, open := range []struct {
		query string
		arg   any
	}{
		{`SELECT customer_id, count(*) FROM ` + from("thank_yous", "customer_id") + ` WHERE sent_at IS NULL AND due <= ? GROUP BY customer_id`, soon},
		{`SELECT customer_id, count(*) FROM ` + from("notes", "customer_id") + ` WHERE ask_on <= ? AND asked_at IS NULL GROUP BY customer_id`, soon},
		{`SELECT customer_id, count(*) FROM ` + from("feedback", "customer_id") + ` WHERE rating <= ? AND replied_at IS NULL GROUP BY customer_id`, model.UnhappyRating},
	} {
		rows, err := tx.QueryContext(ctx, open.query, args(open.arg)...)
		if err != nil {
			return err
		}
		for rows.Next() {
			var id int64
			var n int
			if err := rows.Scan(&id, &n); err != nil {
				rows.Close()
				return err
			}
			if slot, ok := slotOf(id); ok {
				x.rows[slot].open += uint16(min(n, 1<<16-1-int(x.rows[slot].open)))
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
	}

	// The customers' own words and phones.
	// Their characters outside ASCII are learnt a thousand customers at a
	// time (a list of every field at once took 64 MB at a million).
	var some []string
	for i, c := range cs {
		some = append(some, c.name, c.nickname, c.email, c.tags)
		some = append(some, c.otherLocal...)
		if len(some) >= 4000 || i == len(cs)-1 {
			if err := learnFolds(some...); err != nil {
				return err
			}
			some = some[:0]
		}
	}
	tok := newTokenizer()
	// Most of these words are the customer's own (phone digits, e-mail
	// names): they are gathered as pairs and sorted, not a map entry each.
	fields := pairBuilder{pairs: make([]wordSlot, 0, 6*len(cs))}
	var phones strings.Builder
	x.phoneEnd = make([]uint32, x.n)
	for i, c := range cs {
		slot := uint32(i)
		add := func(w []byte) { fields.add(w, slot) }
		local := c.email
		if at := strings.Index(local, "@"); at >= 0 {
			local = local[:at]
		}
		digits := strings.TrimSpace(strings.Join(append([]string{c.phone}, c.otherDigits...), " "))
		mail := strings.TrimSpace(strings.Join(append([]string{local}, c.otherLocal...), " "))
		for _, f := range []string{c.name, c.nickname, mail, digits, strings.ReplaceAll(c.tags, ",", " ")} {
			tok.words(f, add)
		}
		phones.WriteString(digits)
		phones.WriteByte('\n')
		x.phoneEnd[i] = uint32(phones.Len())
	}
	x.phones = phones.String()
	x.fields = fields.finish()

	// The notes' words, public and private apart.
	var public, private termBuilder
	rows, err = tx.QueryContext(ctx, `SELECT customer_id, private, text FROM `+from("notes", "customer_id"), args()...)
	if err != nil {
		return err
	}
	var text sql.RawBytes
	for rows.Next() {
		var id int64
		var priv bool
		if err := rows.Scan(&id, &priv, &text); err != nil {
			rows.Close()
			return err
		}
		slot, ok := slotOf(id)
		if !ok {
			continue
		}
		b := &public
		if priv {
			b = &private
		}
		t := string(text)
		if !isASCII(t) {
			if err := learnFolds(t); err != nil {
				rows.Close()
				return err
			}
			odd := tok.odd
			tok = newTokenizer()
			tok.odd = odd
		}
		tok.words(t, func(w []byte) { b.add(w, slot) })
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	x.public, x.private = public.finish(), private.finish()
	if tok.odd {
		// A character the tokenizer treats in a way the index does not
		// copy: leave this notebook to SQL.
		return errOddText
	}

	// The list's orders.
	byName := make([]uint32, x.n)
	for i := range byName {
		byName[i] = uint32(i)
	}
	slices.SortFunc(byName, func(a, b uint32) int {
		return cmp.Or(compareNocase(cs[a].name, cs[b].name), cmp.Compare(x.ids[a], x.ids[b]))
	})
	x.orders[ByName] = makeOrder(byName)
	nameRank := x.orders[ByName].rank
	head := func(in func(s uint32) bool, cmpHead func(a, b uint32) int) listOrder {
		var h, t []uint32
		for _, s := range byName {
			if in(s) {
				h = append(h, s)
			} else {
				t = append(t, s)
			}
		}
		slices.SortStableFunc(h, func(a, b uint32) int {
			return cmp.Or(cmpHead(a, b), cmp.Compare(nameRank[a], nameRank[b]))
		})
		return makeOrder(append(h, t...))
	}
	// As compareKeys, which merges the overlay's customers in.
	x.orders[ByLastVisit] = head(func(s uint32) bool { return x.rows[s].last != 0 },
		func(a, b uint32) int { return cmp.Compare(x.rows[b].last, x.rows[a].last) })
	x.orders[BySpendYear] = head(func(s uint32) bool { return x.rows[s].spendYear > 0 },
		func(a, b uint32) int { return cmp.Compare(x.rows[b].spendYear, x.rows[a].spendYear) })
	return nil
}

// buildGC keeps the collector tight while indexes are built: the build's
// garbage is large, and the default target (the heap doubling between
// collections) would make the process twice the index's size for the
// build's few seconds.
var buildGC struct {
	sync.Mutex
	n       int
	percent int
}

// tightGC lowers the collector's target until the returned func is called.
func tightGC() func() {
	buildGC.Lock()
	defer buildGC.Unlock()
	if buildGC.n == 0 {
		buildGC.percent = debug.SetGCPercent(25)
	}
	buildGC.n++
	return func() {
		buildGC.Lock()
		defer buildGC.Unlock()
		if buildGC.n--; buildGC.n == 0 {
			debug.SetGCPercent(buildGC.percent)
		}
	}
}

// errOddText keeps a notebook with text the index cannot fold for certain
// on the SQL path.
var errOddText = errors.New("the filter index cannot fold some text")

func makeOrder(slots []uint32) listOrder {
	o := listOrder{slots: slots, rank: make([]uint32, len(slots))}
	for i, s := range slots {
		o.rank[s] = uint32(i)
	}
	return o
}

func uvarintLen(v uint32) int {
	n := 1
	for v >= 0x80 {
		v >>= 7
		n++
	}
	return n
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

package store

import (
	"context"
	"math/bits"
	"runtime/debug"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unsafe"

	"regulars/model"
)

// FilterIndex answers the list's filter from memory: the words the
// full-text tables hold (names, nicknames, e-mails' local parts, phone
// digits, tags; public and private note words apart), the phones' digits
// and the whole e-mails, each customer a slot, and the list's three orders
// as permutations of the slots. A keystroke then walks the list's order
// until a page is full, and the count is a population count; SQLite only
// loads the page's rows.
//
// It is built in the background (Start) and serves only while the notebook
// is as it was read: every question first asks a Watch (PRAGMA
// data_version, any connection of any process) and, on a write, drops the
// index, answers through the SQL path and rebuilds in the background.
type FilterIndex struct {
	s *Store
	w *Watch

	mu       sync.Mutex
	snap     *filterSnapshot
	gen      uint64 // writes seen
	building bool
	closed   bool
	ready    chan struct{} // closed when the first build ends
	readyOne sync.Once
	err      error // the last build's error

	fallbacks atomic.Int64 // filters the index left to SQL though current

	// Stats of the last build, for benchmarks and the README.
	BuildTime  time.Duration
	IndexBytes int
}

// NewFilterIndex returns an index over s, empty until Start. It closes
// when ctx is done.
func NewFilterIndex(ctx context.Context, s *Store) *FilterIndex {
	x := &FilterIndex{s: s, w: s.Watch(), ready: make(chan struct{})}
	if ctx.Done() != nil {
		go func() { <-ctx.Done(); x.Close() }()
	}
	return x
}

// FilterIndexMin is the notebook size from which the list builds its
// index: below it SQL answers a keystroke in a millisecond or two, and a
// rebuild after every write (one per person, when the notebook is served)
// would cost more than it saves.
const FilterIndexMin = 5000

// StartIfLarge starts the index when the notebook holds at least min
// customers; otherwise the store answers every question.
func (x *FilterIndex) StartIfLarge(min int) {
	go func() {
		n, err := x.s.Count(context.Background(), SearchQuery{})
		if err == nil && n >= min {
			x.Start()
		}
	}()
}

// Start builds the index in the background; until it is ready, and after
// a write until it is rebuilt, questions are answered by SQL.
func (x *FilterIndex) Start() {
	x.mu.Lock()
	defer x.mu.Unlock()
	x.startLocked()
}

func (x *FilterIndex) startLocked() {
	if x.building || x.closed {
		return
	}
	x.building = true
	go x.build()
}

// Wait waits until the first build has ended, and returns its error.
func (x *FilterIndex) Wait(ctx context.Context) error {
	select {
	case <-x.ready:
	case <-ctx.Done():
		return ctx.Err()
	}
	x.mu.Lock()
	defer x.mu.Unlock()
	return x.err
}

// Ready reports whether the index would answer now.
func (x *FilterIndex) Ready() bool {
	x.mu.Lock()
	defer x.mu.Unlock()
	return x.snap != nil
}

// Close drops the index and its Watch.
func (x *FilterIndex) Close() error {
	x.mu.Lock()
	defer x.mu.Unlock()
	x.closed, x.snap = true, nil
	return x.w.Close()
}

func (x *FilterIndex) build() {
	defer x.readyOne.Do(func() { close(x.ready) })
	for {
		x.mu.Lock()
		if x.closed {
			x.building = false
			x.mu.Unlock()
			return
		}
		// The measure is taken before the snapshot is read: a write after
		// it shows as a change and another build.
		if changed, err := x.w.Changed(context.Background()); err == nil && changed {
			x.gen++
		}
		gen := x.gen
		x.mu.Unlock()

		start := time.Now()
		snap, err := buildFilterSnapshot(context.Background(), x.s)
		took := time.Since(start)

		x.mu.Lock()
		x.err = err
		if err == nil && gen == x.gen && !x.closed {
			x.snap, x.BuildTime, x.IndexBytes = snap, took, snap.bytes()
		}
		again := err == nil && gen != x.gen && !x.closed
		if !again {
			x.building = false
		}
		x.mu.Unlock()
		// The build's garbage is several times the index: give it back
		// now rather than hold it as resident memory.
		debug.FreeOSMemory()
		x.readyOne.Do(func() { close(x.ready) })
		if !again {
			return
		}
	}
}

// current returns the index if the notebook has not changed since it was
// read, else nil (and starts a rebuild).
func (x *FilterIndex) current(ctx context.Context) *filterSnapshot {
	x.mu.Lock()
	defer x.mu.Unlock()
	if x.closed || (x.snap == nil && !x.building) {
		return nil
	}
	// Not cancelled with the question (a keystroke cancels the one it
	// overtakes): a Watch that fails forgets its measure, so a failure
	// counts as a write.
	changed, err := x.w.Changed(context.WithoutCancel(ctx))
	// A new day changes the spends of "this year" and what is due.
	if err != nil || changed || (x.snap != nil && x.snap.today != x.s.Today()) {
		x.gen++
		x.snap = nil
		x.startLocked()
		return nil
	}
	return x.snap
}

// ListPage is Store.ListPage, from the index when it is current.
func (x *FilterIndex) ListPage(ctx context.Context, q SearchQuery) (Page, error) {
	if q.Limit <= 0 {
		q.Limit = 50
	}
	q.Offset = max(q.Offset, 0)
	// An overtaken question ends as the SQL path's would: cancelled.
	if err := ctx.Err(); err != nil {
		return Page{}, wrapError(err)
	}
	snap := x.current(ctx)
	if snap == nil {
		return x.s.ListPage(ctx, q)
	}
	set, ok, err := snap.match(q)
	if err != nil || !ok {
		x.fallbacks.Add(1)
		return x.s.ListPage(ctx, q)
	}
	slots := snap.page(set, q.Sort, q.Offset, q.Limit+1)
	var page Page
	if len(slots) > q.Limit {
		slots, page.More = slots[:q.Limit], true
	}
	if len(slots) > 0 {
		page.Rows = make([]Match, len(slots))
		for i, s := range slots {
			page.Rows[i] = snap.row(s)
		}
	}
	return page, nil
}

// Count is Store.Count, from the index when it is current.
func (x *FilterIndex) Count(ctx context.Context, q SearchQuery) (int, error) {
	if err := ctx.Err(); err != nil {
		return 0, wrapError(err)
	}
	snap := x.current(ctx)
	if snap == nil {
		return x.s.Count(ctx, q)
	}
	set, ok, err := snap.match(q)
	if err != nil || !ok {
		return x.s.Count(ctx, q)
	}
	return set.count(), nil
}

// bitset is a set of slots.
type bitset []uint64

func newBitset(n int) bitset       { return make(bitset, (n+63)/64) }
func (b bitset) set(i uint32)      { b[i/64] |= 1 << (i % 64) }
func (b bitset) has(i uint32) bool { return b[i/64]&(1<<(i%64)) != 0 }

func (b bitset) count() int {
	n := 0
	for _, w := range b {
		n += bits.OnesCount64(w)
	}
	return n
}

func (b bitset) and(o bitset) {
	for i := range b {
		b[i] &= o[i]
	}
}

func (b bitset) or(o bitset) {
	for i := range b {
		b[i] |= o[i]
	}
}

// termIndex is a sorted dictionary of words with, for each, the slots of
// the customers who have it.
type termIndex struct {
	terms strTable // sorted
	start []uint32 // postings of term i: post[start[i]:start[i+1]]
	post  []byte   // ascending slots, each as a varint of its gap from the one before
}

// prefixRange returns the terms that begin with p.
func (t *termIndex) prefixRange(p string) (lo, hi int) {
	n := t.terms.len()
	lo = sort.Search(n, func(i int) bool { return t.terms.at(i) >= p })
	hi = lo
	for hi < n && strings.HasPrefix(t.terms.at(hi), p) {
		hi++
	}
	return lo, hi
}

// orWord adds to b the slots having a word that begins with p.
func (t *termIndex) orWord(b bitset, p string) {
	lo, hi := t.prefixRange(p)
	for i := lo; i < hi; i++ {
		post := t.post[t.start[i]:t.start[i+1]]
		var slot uint32
		for j := 0; j < len(post); {
			// A varint, inline: most gaps take one byte.
			var gap uint32
			for shift := 0; ; shift += 7 {
				c := post[j]
				j++
				gap |= uint32(c&0x7f) << shift
				if c < 0x80 {
					break
				}
			}
			slot += gap
			b.set(slot)
		}
	}
}

// listOrder is one of the list's orders: the slots in order, and each
// slot's place in it.
type listOrder struct {
	slots []uint32
	rank  []uint32
}

// filterSnapshot is the index as of one read of the notebook.
type filterSnapshot struct {
	today    model.Date // of the spends, the spend order and the open items
	year     int
	n        int
	rows     []indexRow // slot → what the list shows of the customer
	rowText  strTable   // slot*3+0, 1, 2: name, nickname, tags (as stored)
	ids      []int64    // slot → customer id, ascending
	archived bitset
	active   bitset
	fields   termIndex // customer_fts: name, nickname, e-mail local parts, phone digits, tags
	public   termIndex // customer_notes_fts: public notes
	private  termIndex // … private notes
	phones   string    // each slot's phone_fts text, "\n"-separated
	phoneEnd []uint32  // end of each slot's text in phones
	emails   strTable  // every e-mail, ASCII lower-cased, sorted
	emailOf  []uint32  // the slot of e-mail i
	orders   [3]listOrder
}

// indexRow is one customer's row of the list, as of the snapshot's day.
type indexRow struct {
	spendYear          int64
	last               uint32 // YYYYMMDD, 0 when they never visited
	bdayYear           int16
	bdayMonth, bdayDay uint8
	open               uint16
}

// row returns slot's row as Store.ListPage gives it.
func (x *filterSnapshot) row(slot uint32) Match {
	r := &x.rows[slot]
	text := func(k int) string { return strings.Clone(x.rowText.at(int(slot)*3 + k)) }
	m := Match{ID: x.ids[slot], Name: text(0), Nickname: text(1), Tags: splitTags(text(2)), SpendYear: r.spendYear, OpenItems: int(r.open)}
	if r.bdayMonth > 0 {
		m.Birthday = model.MonthDay{Year: int(r.bdayYear), Month: time.Month(r.bdayMonth), Day: int(r.bdayDay)}
	}
	if r.last != 0 {
		m.LastVisit = model.Date{Year: int(r.last / 10000), Month: time.Month(r.last / 100 % 100), Day: int(r.last % 100)}
	}
	return m
}

func (x *filterSnapshot) bytes() int {
	n := len(x.rows)*int(unsafe.Sizeof(indexRow{})) + x.rowText.bytes() + x.emails.bytes()
	n += len(x.ids)*8 + len(x.archived)*16 + len(x.phones) + len(x.phoneEnd)*4 + len(x.emailOf)*4
	for _, t := range []*termIndex{&x.fields, &x.public, &x.private} {
		n += len(t.post) + len(t.start)*4 + t.terms.bytes()
	}
	for _, o := range x.orders {
		n += len(o.slots)*4 + len(o.rank)*4
	}
	return n
}

// strTable is a list of strings in one buffer: the index holds no pointer
// per string, so the collector has nothing to trace in it.
type strTable struct {
	data []byte
	end  []uint32
}

func (t *strTable) add(s string) {
	t.data = append(t.data, s...)
	t.end = append(t.end, uint32(len(t.data)))
}

func (t *strTable) len() int { return len(t.end) }

// at returns string i, sharing the table's memory: never to be kept.
func (t *strTable) at(i int) string {
	start := uint32(0)
	if i > 0 {
		start = t.end[i-1]
	}
	if t.end[i] == start {
		return ""
	}
	return unsafe.String(&t.data[start], int(t.end[i]-start))
}

func (t *strTable) bytes() int { return len(t.data) + len(t.end)*4 }

// clip drops the spare capacity of a table built by appending.
func (t *strTable) clip() {
	t.data, t.end = slices.Clone(t.data), slices.Clone(t.end)
}

// match returns the slots q's filter matches, exactly as searchFilter's
// SQL does: every word begins a word of the customer's own fields; or the
// words, run together, are digits found in one of their phones; or the
// filter begins one of their e-mails; or (unless q.NamesOnly, and when a
// word has three letters) every word begins a word of their notes (public
// ones only with q.HidePrivate). ok is false when a word folds to something
// the index cannot answer for certain.
func (x *filterSnapshot) match(q SearchQuery) (bitset, bool, error) {
	state := x.active
	if q.Archived {
		state = x.archived
	}
	words := searchWords(q.Text)
	if len(words) == 0 {
		return slices.Clone(state), true, nil
	}
	folded, ok, err := foldWords(words)
	if err != nil || !ok {
		return nil, false, err
	}
	res := x.allWords(folded, &x.fields, nil)
	if digits := phoneWord(words); digits != "" {
		x.orPhones(res, digits)
	}
	if at := emailPrefix(q.Text); at != "" {
		x.orEmails(res, at)
	}
	if !q.NamesOnly && longestWord(words) >= 3 {
		private := &x.private
		if q.HidePrivate {
			private = nil
		}
		res.or(x.allWords(folded, &x.public, private))
	}
	res.and(state)
	return res, true, nil
}

// allWords returns the slots in which every word begins a word of t (or
// of also, when given).
func (x *filterSnapshot) allWords(words []string, t, also *termIndex) bitset {
	var res bitset
	for _, w := range words {
		b := newBitset(x.n)
		t.orWord(b, w)
		if also != nil {
			also.orWord(b, w)
		}
		if res == nil {
			res = b
		} else {
			res.and(b)
		}
	}
	return res
}

// orPhones adds the slots with a phone holding digits (phone_fts's
// trigram match of a phrase of digits: a substring).
func (x *filterSnapshot) orPhones(b bitset, digits string) {
	from := 0
	for {
		i := strings.Index(x.phones[from:], digits)
		if i < 0 {
			return
		}
		at := from + i
		slot, _ := slices.BinarySearch(x.phoneEnd, uint32(at+1))
		b.set(uint32(slot))
		from = int(x.phoneEnd[slot])
	}
}

// orEmails adds the slots with an e-mail in [at, at+U+10FFFF) under
// NOCASE, as the SQL's range does.
func (x *filterSnapshot) orEmails(b bitset, at string) {
	lo := asciiLower(at)
	hi := lo + "\U0010FFFF"
	n := x.emails.len()
	i := sort.Search(n, func(i int) bool { return x.emails.at(i) >= lo })
	for ; i < n && x.emails.at(i) < hi; i++ {
		b.set(x.emailOf[i])
	}
}

// page returns up to want slots of the set in the order's place offset on.
func (x *filterSnapshot) page(set bitset, sort Sort, offset, want int) []uint32 {
	o := &x.orders[sort]
	n := set.count()
	if offset >= n {
		return nil
	}
	var slots []uint32
	if n*16 < x.n {
		// Few matches: sort them rather than walk every customer.
		slots = make([]uint32, 0, n)
		for i, w := range set {
			for w != 0 {
				slots = append(slots, uint32(i*64+bits.TrailingZeros64(w)))
				w &= w - 1
			}
		}
		slices.SortFunc(slots, func(a, b uint32) int { return int(o.rank[a]) - int(o.rank[b]) })
		slots = slots[offset:min(offset+want, len(slots))]
	} else {
		skip := offset
		for _, s := range o.slots {
			if !set.has(s) {
				continue
			}
			if skip > 0 {
				skip--
				continue
			}
			slots = append(slots, s)
			if len(slots) == want {
				break
			}
		}
	}
	return slots
}

// asciiLower folds A-Z only, as SQLite's NOCASE does.
func asciiLower(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 'A' && c <= 'Z' {
			b := []byte(s)
			for j := i; j < len(b); j++ {
				if c := b[j]; c >= 'A' && c <= 'Z' {
					b[j] = c + 'a' - 'A'
				}
			}
			return string(b)
		}
	}
	return s
}

// compareNocase orders as SQLite's NOCASE collation.
func compareNocase(a, b string) int {
	n := min(len(a), len(b))
	for i := 0; i < n; i++ {
		ca, cb := a[i], b[i]
		if ca >= 'A' && ca <= 'Z' {
			ca += 'a' - 'A'
		}
		if cb >= 'A' && cb <= 'Z' {
			cb += 'a' - 'A'
		}
		if ca != cb {
			return int(ca) - int(cb)
		}
	}
	return len(a) - len(b)
}

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
// It is built in the background (Start) and then kept in step with every
// write: each question first asks a Watch (PRAGMA data_version, any
// connection of any process) and, after a write, reads the customers the
// change log (customer_changes, kept by triggers) names since the index's
// last look, and answers from the built snapshot with those customers
// masked out and re-read into a small overlay. When the overlay grows past
// filterOverlayMax customers, or on a new day, the snapshot is rebuilt in
// the background.
type FilterIndex struct {
	s *Store
	w *Watch

	mu       sync.Mutex
	view     *filterView
	stale    bool // the view may be behind the change log (a build was just swapped in)
	building bool
	closed   bool
	ready    chan struct{} // closed when the first build ends
	readyOne sync.Once
	err      error // the last build's error

	fallbacks atomic.Int64 // filters the index left to SQL though current
	builds    atomic.Int64 // builds of the snapshot
	refreshes atomic.Int64 // overlays read after a write

	// Stats of the last build, for benchmarks and the README.
	BuildTime  time.Duration
	IndexBytes int
}

// filterOverlayMax is how many changed customers the overlay holds before
// the snapshot is rebuilt: each write re-reads them all (at 100,000
// customers, about 2 ms for one, 4 ms for 100, 16 ms for 1,000 in
// BenchmarkFilterOverlay), and the next question waits for it. A busy
// day's customers fit.
const filterOverlayMax = 500

// filterView is a snapshot with the customers changed since it was read:
// their slots masked out of it and their current data in a small snapshot
// of their own. It is never changed once made.
type filterView struct {
	base    *filterSnapshot
	seq     int64           // the change log's last seq this view has read
	changed []int64         // ids of the customers changed since base, ascending
	dirty   bitset          // base's slots of the changed customers
	over    *filterSnapshot // the changed customers that still exist, as of seq; nil when none changed
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
// index: below it SQL answers a keystroke in a millisecond or two.
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
// a new day until it is rebuilt, questions are answered by SQL.
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
	return x.view != nil
}

// Close drops the index and its Watch.
func (x *FilterIndex) Close() error {
	x.mu.Lock()
	defer x.mu.Unlock()
	x.closed, x.view = true, nil
	return x.w.Close()
}

func (x *FilterIndex) build() {
	defer x.readyOne.Do(func() { close(x.ready) })
	start := time.Now()
	snap, err := buildFilterSnapshot(context.Background(), x.s)
	took := time.Since(start)
	x.builds.Add(1)

	x.mu.Lock()
	x.err, x.building = err, false
	switch {
	case x.closed:
	case err != nil:
		// A notebook the index cannot read for certain stays with SQL.
		x.view = nil
	default:
		// Writes during the build are in the change log after snap.seq:
		// the next question reads them.
		x.view = &filterView{base: snap, seq: snap.seq}
		x.stale = true
		x.BuildTime, x.IndexBytes = took, snap.bytes()
	}
	x.mu.Unlock()
	// The build's garbage is several times the index: give it back now
	// rather than hold it as resident memory.
	debug.FreeOSMemory()
}

// current returns the index as of now, reading what changed since it last
// looked, or nil when SQL must answer (not built yet, or being rebuilt
// after a new day).
func (x *FilterIndex) current(ctx context.Context) *filterView {
	x.mu.Lock()
	defer x.mu.Unlock()
	if x.closed || (x.view == nil && !x.building) {
		return nil
	}
	// Not cancelled with the question (a keystroke cancels the one it
	// overtakes): a Watch that fails forgets its measure, so a failure
	// counts as a write.
	ctx = context.WithoutCancel(ctx)
	changed, err := x.w.Changed(ctx)
	if x.view == nil {
		return nil // building; the build reads the change log from its own seq
	}
	// A new day changes the spends of "this year" and what is due.
	if x.view.base.today != x.s.Today() {
		x.view = nil
		x.startLocked()
		return nil
	}
	if err != nil || changed || x.stale {
		v, err := x.view.refresh(ctx, x.s)
		if err != nil {
			x.view = nil
			x.startLocked()
			return nil
		}
		if v != x.view {
			x.refreshes.Add(1)
		}
		x.view, x.stale = v, false
		if len(v.changed) > filterOverlayMax {
			x.startLocked()
		}
	}
	return x.view
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
	v := x.current(ctx)
	if v == nil {
		return x.s.ListPage(ctx, q)
	}
	base, over, ok, err := v.match(q)
	if err != nil || !ok {
		x.fallbacks.Add(1)
		return x.s.ListPage(ctx, q)
	}
	picks := v.page(base, over, q.Sort, q.Offset, q.Limit+1)
	var page Page
	if len(picks) > q.Limit {
		picks, page.More = picks[:q.Limit], true
	}
	if len(picks) > 0 {
		page.Rows = make([]Match, len(picks))
		for i, p := range picks {
			if p.over {
				page.Rows[i] = v.over.row(p.slot)
			} else {
				page.Rows[i] = v.base.row(p.slot)
			}
		}
	}
	return page, nil
}

// Count is Store.Count, from the index when it is current.
func (x *FilterIndex) Count(ctx context.Context, q SearchQuery) (int, error) {
	if err := ctx.Err(); err != nil {
		return 0, wrapError(err)
	}
	v := x.current(ctx)
	if v == nil {
		return x.s.Count(ctx, q)
	}
	base, over, ok, err := v.match(q)
	if err != nil || !ok {
		return x.s.Count(ctx, q)
	}
	return base.count() + over.count(), nil
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

func (b bitset) andNot(o bitset) {
	for i := range b {
		b[i] &^= o[i]
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
	seq      int64 // customer_changes' last seq when read
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
	var slots []uint32
	x.walk(set, sort, offset, func(s uint32) bool {
		slots = append(slots, s)
		return len(slots) < want
	})
	return slots
}

// walk calls fn with the set's slots in the order, from its place offset
// on, until fn returns false.
func (x *filterSnapshot) walk(set bitset, sort Sort, offset int, fn func(uint32) bool) {
	o := &x.orders[sort]
	n := set.count()
	if offset >= n {
		return
	}
	if n*16 < x.n {
		// Few matches: sort them rather than walk every customer.
		slots := make([]uint32, 0, n)
		for i, w := range set {
			for w != 0 {
				slots = append(slots, uint32(i*64+bits.TrailingZeros64(w)))
				w &= w - 1
			}
		}
		slices.SortFunc(slots, func(a, b uint32) int { return int(o.rank[a]) - int(o.rank[b]) })
		for _, s := range slots[offset:] {
			if !fn(s) {
				return
			}
		}
		return
	}
	skip := offset
	for _, s := range o.slots {
		if !set.has(s) {
			continue
		}
		if skip > 0 {
			skip--
			continue
		}
		if !fn(s) {
			return
		}
	}
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

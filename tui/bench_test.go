package tui

import (
	"context"
	"encoding/binary"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"charm.land/bubbles/v2/list"
	tea "charm.land/bubbletea/v2"

	"regulars/store"
	"regulars/store/storetest"
)

// The benchmarks run over the shared benchmark notebook
// (storetest.BenchNotebook): plain "go test" never pays for it.
var bench struct{ n int }

func benchNotebook(b *testing.B) *store.Store {
	b.Helper()
	path, n := storetest.BenchNotebook(b)
	bench.n = n
	s, err := store.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	s.Now = func() time.Time { return testNow }
	b.Cleanup(func() { s.Close() })
	return s
}

// benchModel is the root model over the benchmark notebook, sized and with
// its first page loaded.
func benchModel(b *testing.B, s *store.Store, w, h int) *Model {
	b.Helper()
	hr := &harness{t: b, s: s}
	hr.m = hr.model()
	hr.send(tea.WindowSizeMsg{Width: w, Height: h})
	hr.run(hr.m.Init())
	if hr.m.list.total != bench.n {
		b.Fatalf("list counts %d customers, want %d", hr.m.list.total, bench.n)
	}
	// The filter index is built after the first page; measure with it.
	if x := hr.m.list.index; x != nil {
		x.Start() // whatever the size asked for (the list starts it from FilterIndexMin)
		if err := x.Wait(context.Background()); err != nil {
			b.Fatal(err)
		}
	}
	return hr.m
}

// timedRun runs a command's messages back through the list, and the
// commands those return, and measures, per kind of answer, the time from
// the key until it is applied.
func timedRun(l *List, cmd tea.Cmd, rows, counts *[]time.Duration, since time.Duration) {
	if cmd == nil {
		return
	}
	start := time.Now()
	msg := cmd()
	switch msg := msg.(type) {
	case tea.BatchMsg:
		for _, c := range msg {
			timedRun(l, c, rows, counts, since)
		}
	case listPageMsg:
		_, next := l.Update(msg)
		d := since + time.Since(start)
		*rows = append(*rows, d)
		timedRun(l, next, rows, counts, d) // the count follows the rows
	case listCountMsg:
		_, next := l.Update(msg)
		d := since + time.Since(start)
		*counts = append(*counts, d)
		timedRun(l, next, rows, counts, d)
	}
}

func report(b *testing.B, name string, ds []time.Duration) {
	if len(ds) == 0 {
		return
	}
	slices.Sort(ds)
	ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
	b.ReportMetric(ms(ds[len(ds)/2]), name+"-ms-median")
	b.ReportMetric(ms(ds[min(len(ds)*99/100, len(ds)-1)]), name+"-ms-p99")
}

// filterQueries are what the filter benchmarks type, letter by letter, and
// erase again: first names, a surname, phone digits, a word from the notes,
// one letter, two words.
var filterQueries = []string{"sofia", "kowalski", "7123", "biscuit", "m", "ol ha"}

func filterScript() []string {
	var script []string
	for _, word := range filterQueries {
		for _, r := range word {
			script = append(script, string(r))
		}
		for range word {
			script = append(script, "backspace")
		}
	}
	return script
}

// BenchmarkKeystrokeToRows types into the list's filter at 100k customers:
// names, a surname, phone digits, a word from the notes, single letters, and
// backspaces back to the whole list. Each op is one keystroke; "rows" is the
// time from the key to the new rows on the list, "count" the time to the
// number of matches (which runs beside it, off the UI loop).
func BenchmarkKeystrokeToRows(b *testing.B) {
	s := benchNotebook(b)
	m := benchModel(b, s, 80, 24)
	l := m.list
	l.Update(keyMsg("/"))
	script := filterScript()
	var rows, counts []time.Duration
	i := 0
	for b.Loop() {
		k := script[i%len(script)]
		i++
		start := time.Now()
		var cmd tea.Cmd
		if k == " " {
			_, cmd = l.Update(keyMsg("space"))
		} else {
			_, cmd = l.Update(keyMsg(k))
		}
		timedRun(l, cmd, &rows, &counts, time.Since(start))
	}
	report(b, "rows", rows)
	report(b, "count", counts)
	// The list open with its filter index: the whole test process's
	// resident memory (the notebook's page cache included).
	runtime.GC()
	b.ReportMetric(float64(selfRSS())/(1<<20), "MB-rss")
}

// selfRSS is this process's resident set size in bytes, from /proc.
func selfRSS() int64 {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(data), "\n") {
		if f := strings.Fields(line); len(f) >= 2 && f[0] == "VmRSS:" {
			kb, _ := strconv.ParseInt(f[1], 10, 64)
			return kb << 10
		}
	}
	return 0
}

// BenchmarkListView draws the whole screen with the list at 100k customers.
func BenchmarkListView(b *testing.B) {
	s := benchNotebook(b)
	for _, size := range [][2]int{{80, 24}, {160, 48}} {
		b.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(b *testing.B) {
			m := benchModel(b, s, size[0], size[1])
			for b.Loop() {
				_ = m.View()
			}
		})
	}
}

// BenchmarkScroll holds j down through the list at 100k customers: each op
// is a key, the page loads it sets off, and a frame.
func BenchmarkScroll(b *testing.B) {
	s := benchNotebook(b)
	m := benchModel(b, s, 80, 24)
	var keys []time.Duration
	for b.Loop() {
		start := time.Now()
		_, cmd := m.list.Update(keyMsg("j"))
		var rows, counts []time.Duration
		timedRun(m.list, cmd, &rows, &counts, 0)
		_ = m.View()
		keys = append(keys, time.Since(start))
	}
	report(b, "key", keys)
}

// BenchmarkJump measures the keys that land far away at 100k customers: G
// (the last page) and g, and each sort's first page.
func BenchmarkJump(b *testing.B) {
	s := benchNotebook(b)
	m := benchModel(b, s, 80, 24)
	b.Run("G-and-g", func(b *testing.B) {
		var keys []time.Duration
		for i := 0; b.Loop(); i++ {
			k := "G"
			if i%2 == 1 {
				k = "g"
			}
			start := time.Now()
			_, cmd := m.list.Update(keyMsg(k))
			var rows, counts []time.Duration
			timedRun(m.list, cmd, &rows, &counts, 0)
			keys = append(keys, time.Since(start))
		}
		report(b, "key", keys)
	})
	for _, sort := range []store.Sort{store.ByName, store.ByLastVisit, store.BySpendYear} {
		b.Run("sort-"+sort.String(), func(b *testing.B) {
			for b.Loop() {
				if _, err := s.ListPage(context.Background(), store.SearchQuery{Sort: sort, Limit: 66}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// nameItem is a customer's name as a bubbles list item.
type nameItem string

func (n nameItem) FilterValue() string { return string(n) }
func (n nameItem) Title() string       { return string(n) }
func (n nameItem) Description() string { return "" }

// BenchmarkBubblesListFilter types the same keystrokes as
// BenchmarkKeystrokeToRows into the bubbles list's own filter over the same
// customers' names (all of them in memory): the comparison for ours. Each
// op is one keystroke, "rows" the time until the filtered items are in the
// list.
func BenchmarkBubblesListFilter(b *testing.B) {
	s := benchNotebook(b)
	var items []list.Item
	for off := 0; ; off += 10_000 {
		p, err := s.ListPage(context.Background(), store.SearchQuery{Offset: off, Limit: 10_000})
		if err != nil {
			b.Fatal(err)
		}
		for _, m := range p.Rows {
			items = append(items, nameItem(m.Name))
		}
		if !p.More {
			break
		}
	}
	if len(items) != bench.n {
		b.Fatalf("%d names, want %d", len(items), bench.n)
	}
	l := list.New(items, list.NewDefaultDelegate(), 80, 24)
	l.DisableQuitKeybindings()
	l, _ = l.Update(keyMsg("/"))
	script := filterScript()
	var rows []time.Duration
	var apply func(cmd tea.Cmd)
	apply = func(cmd tea.Cmd) {
		if cmd == nil {
			return
		}
		switch msg := cmd().(type) {
		case tea.BatchMsg:
			for _, c := range msg {
				apply(c)
			}
		case list.FilterMatchesMsg:
			l, _ = l.Update(msg)
		}
	}
	i := 0
	for b.Loop() {
		k := script[i%len(script)]
		i++
		if k == " " {
			k = "space"
		}
		start := time.Now()
		var cmd tea.Cmd
		l, cmd = l.Update(keyMsg(k))
		apply(cmd)
		rows = append(rows, time.Since(start))
	}
	report(b, "rows", rows)
}

// BenchmarkDetail opens customers' cards at 100k customers: each op loads a
// card (store.Card) and draws the screen with it; "card" is the whole, "read"
// the store's part and "draw" the rest (the card drawn, the frame). Each
// customer is opened once up to 200 ops, so the store reads what it has not
// read before, as at the counter.
func BenchmarkDetail(b *testing.B) {
	s := benchNotebook(b)
	m := benchModel(b, s, 80, 24)
	var ids []int64
	for off := 0; off < bench.n && len(ids) < 200; off += max(bench.n/200, 1) {
		p, err := s.ListPage(context.Background(), store.SearchQuery{Offset: off, Limit: 1})
		if err != nil || len(p.Rows) == 0 {
			b.Fatal("no customer at", off, err)
		}
		ids = append(ids, p.Rows[0].ID)
	}
	var loads, reads, draws []time.Duration
	i := 0
	for b.Loop() {
		start := time.Now()
		m.Update(OpenCustomerMsg{ID: ids[i%len(ids)]})
		cmd := m.detail.Load(ids[i%len(ids)])
		read := time.Now()
		msg := cmd()
		drawn := time.Now()
		m.Update(msg)
		_ = m.View()
		end := time.Now()
		loads = append(loads, end.Sub(start))
		reads = append(reads, drawn.Sub(read))
		draws = append(draws, end.Sub(start)-drawn.Sub(read))
		i++
	}
	if _, ok := m.detail.Customer(); !ok {
		b.Fatal("no card on screen")
	}
	report(b, "card", loads)
	report(b, "read", reads)
	report(b, "draw", draws)
}

// BenchmarkNoteSave saves notes through the note form at 100k customers.
// "key" is how long ctrl+s holds the interface (the save itself runs as a
// command, off the UI loop), "save" how long the durable save takes, and
// "fsync" one write and fsync of a small file beside the notebook, for
// comparison. After each save the list reloads, as on screen ("reload":
// its rows), and a letter is typed into its filter and erased ("typed":
// the rows after the key); "sql" is how many of those keys found the
// filter index not ready (answered by SQL). "merges" counts the saves
// that wrote 100 pages or more to the -wal (a save writes 8 to 30; the
// rest is a full-text index's segments merged inside it), "checkpointed"
// those during which pages were copied from the -wal into the notebook
// file. The notes are removed afterwards.
func BenchmarkNoteSave(b *testing.B) {
	s := benchNotebook(b)
	m := benchModel(b, s, 80, 24)
	sel, ok := m.list.Selected()
	if !ok {
		b.Fatal("no row selected")
	}
	l := m.list
	l.Update(keyMsg("/"))
	var keys, saves, syncs, reloads, typed, counts []time.Duration
	var added []int64
	sql, merges, checkpointed := 0, 0, 0
	for b.Loop() {
		f := newNoteForm(m.c, sel.ID, sel.Name, nil)
		f.SetSize(80, 20)
		f.Init()
		for _, r := range "Asked about the new puppy" {
			f.Update(keyMsg(string(r)))
		}
		start := time.Now()
		_, cmd := f.Update(keyMsg("ctrl+s"))
		keys = append(keys, time.Since(start))
		frames0, copied0 := walIndex(b, s.Path())
		start = time.Now()
		msg := cmd()
		saves = append(saves, time.Since(start))
		frames, copied := walIndex(b, s.Path())
		if frames > frames0 {
			frames -= frames0 // else the -wal started over with this save
		}
		if frames >= 100 {
			merges++
		}
		if copied > copied0 {
			checkpointed++
		}
		saved, ok := msg.(noteSavedMsg)
		if !ok || saved.err != nil {
			b.Fatalf("save: %#v", msg)
		}
		added = append(added, saved.note.ID)
		syncs = append(syncs, fsyncOnce(b, filepath.Dir(s.Path())))
		timedRun(l, l.ReloadKeeping(), &reloads, &counts, 0)
		for _, k := range []string{"m", "backspace"} {
			if l.index != nil && !l.index.Ready() {
				sql++
			}
			start := time.Now()
			_, cmd := l.Update(keyMsg(k))
			timedRun(l, cmd, &typed, &counts, time.Since(start))
		}
	}
	for _, id := range added {
		if _, err := s.DB().Exec(`DELETE FROM notes WHERE id = ?`, id); err != nil {
			b.Fatal(err)
		}
	}
	report(b, "key", keys)
	report(b, "save", saves)
	report(b, "fsync", syncs)
	report(b, "reload", reloads)
	report(b, "typed", typed)
	b.ReportMetric(float64(sql), "sql")
	b.ReportMetric(float64(merges), "merges")
	b.ReportMetric(float64(checkpointed), "checkpointed")
}

// walIndex reads how many frames the notebook's -wal holds and how many of
// them are copied into the notebook file, from the wal-index header and
// checkpoint information at the start of its -shm file
// (https://www.sqlite.org/walformat.html; native byte order), without a
// lock.
func walIndex(b *testing.B, path string) (frames, copied uint32) {
	f, err := os.Open(path + "-shm")
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	buf := make([]byte, 100)
	if _, err := f.ReadAt(buf, 0); err != nil {
		b.Fatal(err)
	}
	return binary.NativeEndian.Uint32(buf[16:]), binary.NativeEndian.Uint32(buf[96:])
}

// fsyncOnce writes 4 KiB to a new file in dir and fsyncs it.
func fsyncOnce(b *testing.B, dir string) time.Duration {
	f, err := os.CreateTemp(dir, "fsync-")
	if err != nil {
		b.Fatal(err)
	}
	defer os.Remove(f.Name())
	defer f.Close()
	if _, err := f.Write(make([]byte, 4096)); err != nil {
		b.Fatal(err)
	}
	start := time.Now()
	if err := f.Sync(); err != nil {
		b.Fatal(err)
	}
	return time.Since(start)
}

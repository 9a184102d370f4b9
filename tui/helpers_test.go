package tui

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"regulars/model"
	"regulars/store"
)

// Fixed clock for tests: Monday 23 Nov 2026, 10:00 local time.
var testNow = time.Date(2026, 11, 23, 10, 0, 0, 0, time.Local)

// mustOpen opens an empty notebook in a temporary directory with a fixed clock.
func mustOpen(tb testing.TB) *store.Store {
	tb.Helper()
	s, err := store.Open(filepath.Join(tb.TempDir(), "regulars.db"))
	if err != nil {
		tb.Fatal(err)
	}
	s.Now = func() time.Time { return testNow }
	tb.Cleanup(func() { s.Close() })
	return s
}

// seeded holds the ids of the customers seed writes.
type seeded struct{ ana, ben, chloe, dev int64 }

func day(s string) model.Date {
	d, err := model.ParseDate(s, model.DateOf(testNow))
	if err != nil {
		panic(err)
	}
	return d
}

func at(s string) time.Time { return day(s).Time(time.Local).Add(9 * time.Hour) }

// seed writes a small notebook with one customer of every kind the screens
// show: a full card with a private note and unhappy feedback, a plain one,
// a birthday coming up, and one with nothing noted.
func seed(tb testing.TB, s *store.Store) seeded {
	tb.Helper()
	ctx := context.Background()
	must := func(err error) {
		tb.Helper()
		if err != nil {
			tb.Fatal(err)
		}
	}
	ana := &model.Customer{Name: "Ana Lima", Nickname: "Annie", Phone: "+1 555 0101", Email: "ana@example.com",
		Birthday: model.MonthDay{Year: 1986, Month: 11, Day: 28}, Partner: "Marco", Children: "Emma (7), Max",
		Interests: "cycling, jazz", Usual: "oat flat white, extra hot", Tags: []string{"regular", "oat milk"},
		Created: at("2025-03-01")}
	must(s.CreateCustomer(ctx, ana))
	ben := &model.Customer{Name: "Ben Okafor", Phone: "555 0202", Tags: []string{"barber"}, Created: at("2025-06-01")}
	must(s.CreateCustomer(ctx, ben))
	chloe := &model.Customer{Name: "Chloé Martin", Birthday: model.MonthDay{Month: 12, Day: 1}, Usual: "pot of Earl Grey", Created: at("2026-01-10")}
	must(s.CreateCustomer(ctx, chloe))
	dev := &model.Customer{Name: "Dev Patel", Created: at("2026-11-20")}
	must(s.CreateCustomer(ctx, dev))

	must(s.AddNote(ctx, &model.Note{CustomerID: ana.ID, Text: "Germany trip in December: ask how it went", AskOn: day("2026-11-20"), Created: at("2026-11-01")}))
	must(s.AddNote(ctx, &model.Note{CustomerID: ana.ID, Text: "Planning a surprise party for Marco; keep it quiet", Private: true, Created: at("2026-11-15")}))
	must(s.AddNote(ctx, &model.Note{CustomerID: ben.ID, Text: "Opening a second shop in the spring", Created: at("2026-10-01")}))
	must(s.AddVisit(ctx, &model.Visit{CustomerID: ana.ID, On: day("2026-11-02"), Cents: 1200, What: "cake for the office"}))
	must(s.AddVisit(ctx, &model.Visit{CustomerID: ana.ID, On: day("2026-11-20"), Cents: 450, What: "oat flat white"}))
	must(s.AddVisit(ctx, &model.Visit{CustomerID: ben.ID, On: day("2026-10-01"), Cents: 2500, What: "haircut"}))
	must(s.AddVisit(ctx, &model.Visit{CustomerID: chloe.ID, On: day("2026-11-16"), Cents: 380, What: "pot of Earl Grey"}))
	must(s.AddFeedback(ctx, &model.Feedback{CustomerID: ana.ID, On: day("2026-11-02"), Rating: 2, Comment: "coffee was cold"}))
	must(s.AddThankYou(ctx, &model.ThankYou{CustomerID: ana.ID, Reason: "the flowers for the shop", Due: day("2026-11-22")}))
	return seeded{ana.ID, ben.ID, chloe.ID, dev.ID}
}

// harness drives the root model the way the program would: every command's
// message is fed back into Update, synchronously.
type harness struct {
	t    testing.TB
	s    *store.Store
	m    *Model
	quit bool
	// ticks are the timers the model asked for; fireTicks lets them go off
	// (the harness never sleeps).
	ticks []func(time.Time) tea.Msg
	opts  Options
}

func newHarness(tb testing.TB, s *store.Store) *harness {
	tb.Helper()
	return newHarnessWith(tb, s, Options{})
}

// newHarnessWith is newHarness with options (staff, an author).
func newHarnessWith(tb testing.TB, s *store.Store, opts Options) *harness {
	tb.Helper()
	h := &harness{t: tb, s: s, opts: opts}
	h.m = h.model()
	h.send(tea.WindowSizeMsg{Width: 80, Height: 24})
	h.run(h.m.Init())
	return h
}

// model is the root model with the harness's timers.
func (h *harness) model() *Model {
	m := New(context.Background(), h.s, h.opts)
	m.tick = func(_ time.Duration, fn func(time.Time) tea.Msg) tea.Cmd {
		h.ticks = append(h.ticks, fn)
		return nil
	}
	h.t.Cleanup(func() { m.Close() })
	return m
}

// fireTicks lets every timer asked for so far go off.
func (h *harness) fireTicks() {
	h.t.Helper()
	ticks := h.ticks
	h.ticks = nil
	for _, fn := range ticks {
		h.send(fn(time.Now()))
	}
}

func (h *harness) send(msg tea.Msg) {
	h.t.Helper()
	_, cmd := h.m.Update(msg)
	h.run(cmd)
}

func (h *harness) run(cmd tea.Cmd) {
	h.t.Helper()
	if cmd == nil {
		return
	}
	start := time.Now()
	msg := cmd()
	if d := time.Since(start); d > 2*time.Second {
		h.t.Fatalf("a command took %s: the interface must not wait on timers", d)
	}
	switch msg := msg.(type) {
	case nil:
	case tea.BatchMsg:
		for _, c := range msg {
			h.run(c)
		}
	case tea.QuitMsg:
		h.quit = true
	default:
		h.send(msg)
	}
}

// typeText types s one key at a time.
func (h *harness) typeText(s string) {
	h.t.Helper()
	for _, r := range s {
		if r == ' ' {
			h.send(tea.KeyPressMsg{Code: tea.KeySpace, Text: " "})
			continue
		}
		h.send(tea.KeyPressMsg{Code: r, Text: string(r)})
	}
}

// press sends special keys: "enter", "esc", "tab", "shift+tab", "up",
// "down", "ctrl+s" and so on.
func (h *harness) press(keys ...string) {
	h.t.Helper()
	for _, k := range keys {
		h.send(keyMsg(k))
	}
}

func keyMsg(k string) tea.KeyPressMsg {
	var msg tea.KeyPressMsg
	if strings.HasPrefix(k, "ctrl+") {
		msg.Mod = tea.ModCtrl
		k = strings.TrimPrefix(k, "ctrl+")
	}
	if strings.HasPrefix(k, "shift+") {
		msg.Mod |= tea.ModShift
		k = strings.TrimPrefix(k, "shift+")
	}
	switch k {
	case "enter":
		msg.Code = tea.KeyEnter
	case "esc":
		msg.Code = tea.KeyEscape
	case "tab":
		msg.Code = tea.KeyTab
	case "up":
		msg.Code = tea.KeyUp
	case "down":
		msg.Code = tea.KeyDown
	case "space":
		msg.Code, msg.Text = tea.KeySpace, " "
	case "backspace":
		msg.Code = tea.KeyBackspace
	case "pgup":
		msg.Code = tea.KeyPgUp
	case "pgdown":
		msg.Code = tea.KeyPgDown
	default:
		r := []rune(k)
		msg.Code = r[0]
		if msg.Mod == 0 {
			msg.Text = k
		}
	}
	return msg
}

// screen is what the terminal shows, without colours.
func (h *harness) screen() string {
	return ansi.Strip(h.m.View().Content)
}

func (h *harness) mustShow(want ...string) {
	h.t.Helper()
	scr := h.screen()
	for _, w := range want {
		if !strings.Contains(scr, w) {
			h.t.Fatalf("screen does not show %q:\n%s", w, scr)
		}
	}
}

func (h *harness) mustNotShow(unwanted ...string) {
	h.t.Helper()
	scr := h.screen()
	for _, w := range unwanted {
		if strings.Contains(scr, w) {
			h.t.Fatalf("screen shows %q but should not:\n%s", w, scr)
		}
	}
}

// selectedRow is the list line with the cursor.
func (h *harness) selectedRow() string {
	for _, l := range strings.Split(h.screen(), "\n") {
		if strings.HasPrefix(l, "▸ ") {
			return l
		}
	}
	return ""
}

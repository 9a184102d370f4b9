package tui

import (
	"context"
	"reflect"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"regulars/model"
	"regulars/store"
)

// The week opens by person: one row a customer with every reason, how to
// reach the highlighted one and their draft under it at 80 columns, in a
// side pane at 120.
func TestWeekPeopleRows(t *testing.T) {
	s := mustOpen(t)
	seed(t, s)
	h := newHarness(t, s)
	h.typeText("w")
	h.mustShow("8 to do · 0 done", "[ ] Ana Lima", "rated 2/5 on Mon 2 Nov", "phone +1 555 0101 · e-mail ana@example.com",
		"draft: Hi Annie, I was sorry", "[ ] Dev Patel", "[ ] Ben Okafor", "[ ] Chloé Martin")
	if got := strings.Count(h.screen(), "Ana Lima"); got != 1 {
		t.Errorf("Ana Lima on %d rows:\n%s", got, h.screen())
	}
	if got, want := len(h.m.week.people), 4; got != want {
		t.Errorf("%d rows, want %d", got, want)
	}
	// Down: the lines under the row follow the cursor.
	h.press("down")
	h.mustShow("▸ [ ] Dev Patel", "no phone or e-mail: in person", "draft: Lovely to meet you this week, Dev.")
	h.mustNotShow("ana@example.com")

	h.send(tea.WindowSizeMsg{Width: 130, Height: 40})
	h.typeText("g")
	h.mustShow("│ Ana Lima", "│ phone +1 555 0101", "│ Talking points", "│ Usual: oat flat white, extra hot", "│ Draft")
	// Screen-safe: the row and the pane hide the feedback, and the draft
	// that quotes it.
	h.typeText("p")
	h.mustShow("feedback to reply to: hidden (screen-safe)", "hidden (screen-safe); y still copies it")
	h.mustNotShow("coffee was cold")
}

// x then a channel on a person marks all their open items done with one
// outreach entry; u takes them all back.
func TestWeekPersonDone(t *testing.T) {
	s := mustOpen(t)
	ids := seed(t, s)
	ctx := context.Background()
	h := newHarness(t, s)
	h.typeText("w")
	p, ok := h.m.week.SelectedPerson()
	if !ok || p.CustomerID != ids.ana || p.Open != 5 {
		t.Fatalf("first row %+v, want Ana with 5 items", p)
	}
	h.typeText("x")
	h.mustShow("Done: Ana Lima. How?", "enter call") // her most pressing item: the unhappy feedback
	h.typeText("p")
	h.mustShow("3 to do · 5 done · 1 week worked", "Done by call: Ana Lima, 5 items in one", "[x] Ana Lima")
	if h.m.c.Safe {
		t.Fatal("p in the channel question turned screen-safe mode on")
	}
	if p, _ := h.m.week.SelectedPerson(); p.CustomerID == ids.ana {
		t.Fatal("the cursor stayed on the done person")
	}
	card, err := s.Card(ctx, ids.ana)
	if err != nil {
		t.Fatal(err)
	}
	if len(card.Outreach) != 1 || card.Outreach[0].Channel != model.Call || strings.Count(card.Outreach[0].About, " ") != 4 {
		t.Fatalf("outreach %+v, want one call about 5 items", card.Outreach)
	}
	if !card.Feedback[0].Replied || !card.ThankYous[0].Sent {
		t.Fatalf("feedback %+v thank-yous %+v, want replied and sent", card.Feedback, card.ThankYous)
	}
	h.typeText("u")
	h.mustShow("8 to do · 0 done", "Open again (was done): Ana Lima, 5 items")
	if card, _ = s.Card(ctx, ids.ana); len(card.Outreach) != 0 || card.Feedback[0].Replied {
		t.Fatalf("after undo: outreach %+v feedback %+v", card.Outreach, card.Feedback)
	}
}

// enter or → opens a person's row to work their items one by one; ← or esc
// closes it, and esc leaves the week only once the row is closed.
func TestWeekOpenRow(t *testing.T) {
	s := mustOpen(t)
	ids := seed(t, s)
	h := newHarness(t, s)
	h.typeText("w")
	h.press("enter")
	h.mustShow("This week: Ana Lima", "phone +1 555 0101", "unhappy: rated 2/5", "birthday: turns 40")
	h.mustNotShow("Dev Patel")
	it, ok := h.m.week.Selected()
	if !ok || it.CustomerID != ids.ana || it.Kind != model.KindUnhappy {
		t.Fatalf("selected %+v, want Ana's unhappy item", it)
	}
	h.typeText("xc")
	h.mustShow("7 to do · 1 done", "Done by card: Ana Lima")
	h.press("esc")
	if h.m.page != pageWeek {
		t.Fatalf("esc on an open row left the week (page %d)", h.m.page)
	}
	h.mustShow("Dev Patel", "▸ [ ] Ana Lima")
	h.send(tea.KeyPressMsg{Code: tea.KeyRight})
	h.mustShow("This week: Ana Lima")
	h.send(tea.KeyPressMsg{Code: tea.KeyLeft})
	h.mustShow("Dev Patel")
	h.press("esc")
	if h.m.page == pageWeek {
		t.Fatal("esc on the rows did not leave the week")
	}
}

// y puts the highlighted person's draft on the clipboard with OSC 52
// (tea.SetClipboard); E edits it first, for this session only.
func TestWeekCopyDraft(t *testing.T) {
	s := mustOpen(t)
	seed(t, s)
	h := newHarness(t, s)
	h.typeText("w")
	p, _ := h.m.week.SelectedPerson()
	if !strings.HasPrefix(p.Draft, "Hi Annie, I was sorry to read about your last visit.") {
		t.Fatalf("draft %q", p.Draft)
	}
	if !clipboardSet(t, h.m.week, p.Draft) {
		t.Fatalf("y did not set the clipboard to %q", p.Draft)
	}

	h.typeText("E")
	if !h.m.week.Capturing() {
		t.Fatal("E did not open the draft editor")
	}
	h.mustShow("Draft for Ana Lima", "ctrl+s keep")
	h.typeText("q") // typed, not quit
	h.press("ctrl+s")
	h.mustShow("Draft kept for this session")
	if !clipboardSet(t, h.m.week, p.Draft+"q") {
		t.Fatal("y did not copy the edited draft")
	}
	tpl, err := s.Templates(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(tpl) != 0 {
		t.Errorf("editing a draft wrote templates: %v", tpl)
	}
	// esc drops an edit.
	h.typeText("E")
	h.typeText("zz")
	h.press("esc")
	if h.m.week.Capturing() || h.m.page != pageWeek {
		t.Fatal("esc did not just close the editor")
	}
	if !clipboardSet(t, h.m.week, p.Draft+"q") {
		t.Fatal("a dropped edit changed the draft")
	}
}

// clipboardSet presses y on the week and reports whether its command sets
// the clipboard to want.
func clipboardSet(t *testing.T, w *Week, want string) bool {
	t.Helper()
	_, cmd := w.Update(keyMsg("y"))
	if cmd == nil {
		return false
	}
	wantMsg := tea.SetClipboard(want)()
	var msgs []tea.Msg
	switch m := cmd().(type) {
	case tea.BatchMsg:
		for _, c := range m {
			if c != nil {
				msgs = append(msgs, c())
			}
		}
	default:
		msgs = append(msgs, m)
	}
	for _, m := range msgs {
		if reflect.DeepEqual(m, wantMsg) {
			return true
		}
	}
	return false
}

// On a 200-customer demo on a Friday, working the whole queue takes at
// most two keys per person.
func TestWeekDemoTwoKeysPerPerson(t *testing.T) {
	s := mustOpen(t)
	friday := day("2026-11-27")
	s.Now = store.ClockOn(friday, func() time.Time { return testNow })
	if err := store.GenerateDemo(context.Background(), s, store.DemoOptions{Customers: 200, Seed: 1, Today: friday}); err != nil {
		t.Fatal(err)
	}
	h := newHarness(t, s)
	h.typeText("w")
	people := 0
	for _, p := range h.m.week.people {
		if p.Open > 0 {
			people++
		}
	}
	if people == 0 {
		t.Fatal("nothing on the demo's week")
	}
	keys := 0
	for h.m.week.week.Open > 0 && keys <= 2*people {
		h.typeText("x")
		h.press("enter")
		keys += 2
	}
	if h.m.week.week.Open != 0 || keys > 2*people {
		t.Fatalf("%d keys for %d people, %d left:\n%s", keys, people, h.m.week.week.Open, h.screen())
	}
	w, err := s.Week(context.Background(), friday)
	if err != nil {
		t.Fatal(err)
	}
	if w.Open != 0 {
		t.Fatalf("store: %s", w.Header())
	}
}

// s on unhappy feedback says it stays until replied, and changes nothing.
func TestWeekUnhappyNotSnoozed(t *testing.T) {
	s := mustOpen(t)
	ids := seed(t, s)
	id := itemOf(t, s, model.DateOf(testNow), model.KindUnhappy, ids.ana)
	h := newHarness(t, s)
	h.typeText("w")
	h.byKind()
	h.selectItem(id)
	h.typeText("s")
	h.mustShow("waits for a reply", "8 to do · 0 done")
	h.mustNotShow("snoozed")
}

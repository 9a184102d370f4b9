package tui

import (
	"context"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"regulars/model"
	"regulars/store"
)

// openAna opens Ana's card: the first row of the list.
func openAna(t *testing.T) (*store.Store, seeded, *harness) {
	t.Helper()
	s := mustOpen(t)
	ids := seed(t, s)
	h := newHarness(t, s)
	// Tall enough for Ana's talking points (four things owed) and her
	// history on one screen.
	h.send(tea.WindowSizeMsg{Width: 100, Height: 44})
	h.press("enter")
	h.mustShow("Talking points", "Ana Lima")
	return s, ids, h
}

func mustCard(t *testing.T, s *store.Store, id int64) *store.Card {
	t.Helper()
	card, err := s.Card(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return card
}

// selectedEntry is the card line with the cursor.
func (h *harness) selectedEntry() string {
	for _, l := range strings.Split(h.screen(), "\n") {
		if strings.HasPrefix(strings.TrimLeft(l, " "), "▸ ") {
			return l
		}
	}
	return ""
}

func TestCardCursorMovesThroughRecords(t *testing.T) {
	_, _, h := openAna(t)
	h.send(keyMsg("down"))
	h.send(keyMsg("down"))
	if got := h.selectedEntry(); !strings.Contains(got, "oat flat white") {
		t.Fatalf("two down from the first note: %q, want the visit of 20 Nov", got)
	}
	h.typeText("k")
	if got := h.selectedEntry(); !strings.Contains(got, "Germany trip") {
		t.Fatalf("one up: %q, want the Germany note", got)
	}
	h.mustShow("Talking points")
}

func TestCardEditsTheHighlightedRecordAndUndoes(t *testing.T) {
	s, ids, h := openAna(t)
	h.typeText("jj") // the visit of 20 Nov
	h.typeText("e")
	h.mustShow("Edit visit", "4.50", "oat flat white")
	h.press("tab")
	for range len("oat flat white") {
		h.press("backspace")
	}
	h.typeText("cortado")
	h.press("ctrl+s")
	h.mustShow("cortado")
	if v := mustCard(t, s, ids.ana).Visits[0]; v.What != "cortado" || v.Cents != 450 {
		t.Fatalf("visit after the edit: %+v", v)
	}
	h.typeText("u")
	h.mustShow("oat flat white")
	if v := mustCard(t, s, ids.ana).Visits[0]; v.What != "oat flat white" {
		t.Fatalf("visit after undo: %+v", v)
	}
}

func TestCardEditsANoteInTheNoteForm(t *testing.T) {
	_, _, h := openAna(t)
	h.typeText("j") // the Germany note
	h.typeText("e")
	h.mustShow("Edit note for Ana Lima", "Germany trip in December")
	h.press("esc")
}

func TestCardDeletesAskingAndUndoes(t *testing.T) {
	s, ids, h := openAna(t)
	h.typeText("jjj") // the visit of 2 Nov
	h.typeText("d")
	h.mustShow("Delete the visit", "y/n")
	h.typeText("n")
	if n := len(mustCard(t, s, ids.ana).Visits); n != 2 {
		t.Fatalf("n deleted: %d visits", n)
	}
	h.typeText("d")
	h.typeText("y")
	if n := len(mustCard(t, s, ids.ana).Visits); n != 1 {
		t.Fatalf("after delete: %d visits", n)
	}
	h.mustNotShow("12.00  cake for the office")
	h.typeText("u")
	if n := len(mustCard(t, s, ids.ana).Visits); n != 2 {
		t.Fatalf("after undo: %d visits", n)
	}
	h.mustShow("12.00  cake for the office", "Undone: deleting the visit")
}

func TestCardEditCustomerHasItsOwnKey(t *testing.T) {
	_, _, h := openAna(t)
	h.typeText("E")
	h.mustShow("Edit Ana Lima")
	h.press("esc")
	h.typeText("?")
	h.mustShow("E edit customer", "e   edit", "d   delete", "u   undo")
}

func TestStrayVisitIsRefusedAndAVisitIsUndoable(t *testing.T) {
	s := mustOpen(t)
	ids := seed(t, s)
	h := newHarness(t, s)
	h.typeText("G") // Dev Patel, who never visited
	h.press("enter")
	h.mustShow("Dev Patel")
	h.typeText("v")
	h.press("ctrl+s")
	h.mustShow("Visit by Dev Patel")
	if n := mustCard(t, s, ids.dev).VisitCount; n != 0 {
		t.Fatalf("an empty visit was logged: %d visits", n)
	}
	h.press("esc")
	h.typeText("v")
	h.typeText("4.50")
	h.press("ctrl+s")
	if n := mustCard(t, s, ids.dev).VisitCount; n != 1 {
		t.Fatalf("visit not logged: %d", n)
	}
	h.typeText("u")
	if n := mustCard(t, s, ids.dev).VisitCount; n != 0 {
		t.Fatalf("undo left %d visits", n)
	}
	h.mustShow("no visit yet")
}

func TestListShowsArchivedAndCardBringsThemBack(t *testing.T) {
	s := mustOpen(t)
	ids := seed(t, s)
	if err := s.ArchiveCustomer(context.Background(), ids.ben); err != nil {
		t.Fatal(err)
	}
	h := newHarness(t, s)
	h.mustNotShow("Ben Okafor")
	h.typeText("A")
	h.mustShow("Archived", "Ben Okafor", "1 customer")
	h.press("enter")
	h.mustShow("(archived)")
	h.typeText("r")
	if c, _ := s.Customer(context.Background(), ids.ben); c.Archived {
		t.Fatal("Ben is still archived")
	}
	h.mustNotShow("(archived)")
}

func TestArchiveThenForgetTypingTheName(t *testing.T) {
	s := mustOpen(t)
	ids := seed(t, s)
	h := newHarness(t, s)
	h.typeText("j")
	h.press("enter")
	h.typeText("D")
	h.typeText("y")
	h.mustShow("Archived Ben Okafor", "(archived)")
	h.typeText("F")
	h.mustShow("Forget Ben Okafor for good?")
	h.typeText("Ben")
	h.press("enter")
	if _, err := s.Customer(context.Background(), ids.ben); err != nil {
		t.Fatal("Ben was forgotten on part of his name")
	}
	h.typeText("F")
	h.typeText("Ben Okafor")
	h.press("enter")
	if _, err := s.Customer(context.Background(), ids.ben); model.ErrorCode(err) != model.ENOTFOUND {
		t.Fatalf("Ben is still in the notebook: %v", err)
	}
	h.mustShow("backups made before")
	if h.m.page != pageList {
		t.Fatal("the forgotten card stays on screen")
	}
}

func TestMergeFromTheCard(t *testing.T) {
	s := mustOpen(t)
	ids := seed(t, s)
	ctx := context.Background()
	if err := s.AddNote(ctx, &model.Note{CustomerID: ids.dev, Text: "Dev's only note"}); err != nil {
		t.Fatal(err)
	}
	h := newHarness(t, s)
	h.typeText("G")
	h.press("enter")
	h.mustShow("Dev Patel")
	h.typeText("M")
	h.mustShow("Merge Dev Patel into")
	h.typeText("Ben Okafor")
	h.press("enter")
	h.mustShow("Merge Dev Patel into Ben Okafor?", "y/n")
	h.typeText("y")
	if _, err := s.Customer(ctx, ids.dev); model.ErrorCode(err) != model.ENOTFOUND {
		t.Fatalf("Dev is still there: %v", err)
	}
	h.mustShow("Ben Okafor", "1 note", "Dev's only note")
}

func TestCardTicksOffAnOwedThingInTwoKeys(t *testing.T) {
	s, ids, h := openAna(t)
	h.typeText("x")
	h.mustShow("How was the note", "done? c/p/e/m/i/enter")
	h.press("enter")
	card := mustCard(t, s, ids.ana)
	if len(card.FollowUps) != 0 || len(card.Outreach) != 1 {
		t.Fatalf("after x enter: %d open follow-ups, %d outreach", len(card.FollowUps), len(card.Outreach))
	}
	h.typeText("u")
	card = mustCard(t, s, ids.ana)
	if len(card.FollowUps) != 1 || len(card.Outreach) != 0 {
		t.Fatalf("after undo: %d open follow-ups, %d outreach", len(card.FollowUps), len(card.Outreach))
	}
	// The thank-you, highlighted (four down from the top), with a channel
	// key.
	h.typeText("g")
	h.typeText("jjjj")
	if got := h.selectedEntry(); !strings.Contains(got, "flowers") {
		t.Fatalf("highlighted %q, want the thank-you", got)
	}
	h.typeText("x")
	h.typeText("c")
	card = mustCard(t, s, ids.ana)
	if !card.ThankYous[0].Sent || len(card.Outreach) != 1 || card.Outreach[0].Channel != model.Card {
		t.Fatalf("thank-you after x c: %+v, outreach %+v", card.ThankYous[0], card.Outreach)
	}
}

func TestCardShowsEveryContact(t *testing.T) {
	s := mustOpen(t)
	ctx := context.Background()
	c := &model.Customer{Name: "Iris Vogel",
		Phones:  []model.Contact{{Label: model.Home, Value: "030 1234"}, {Label: model.Mobile, Value: "0170 5555", Preferred: true}},
		Emails:  []model.Contact{{Label: model.Work, Value: "iris@work.example"}, {Label: model.Home, Value: "iris@home.example"}},
		Address: model.Address{Street: "12 High St", Postcode: "10115", Town: "Berlin"}}
	if err := s.CreateCustomer(ctx, c); err != nil {
		t.Fatal(err)
	}
	h := newHarness(t, s)
	h.send(keyMsg("enter"))
	h.typeText("G")
	h.mustShow("mobile  0170 5555", "home    030 1234", "work    iris@work.example", "home    iris@home.example", "12 High St, 10115 Berlin")
	scr := h.screen()
	if strings.Index(scr, "0170 5555") > strings.Index(scr, "030 1234") {
		t.Fatal("the preferred phone is not first")
	}
}

func TestStaffScreenSafeCannotBeTurnedOff(t *testing.T) {
	s := mustOpen(t)
	seed(t, s)
	h := newHarnessWith(t, s, Options{Staff: true, Author: "Maya"})
	h.mustShow("SCREEN-SAFE")
	h.mustNotShow("screen-safe")
	h.typeText("p")
	h.mustShow("SCREEN-SAFE")
	h.press("enter")
	h.mustNotShow("surprise party")
	h.typeText("p")
	h.mustNotShow("surprise party")
	h.typeText("?")
	h.mustNotShow("screen-safe")
}

func TestStaffCannotForgetMergeOrArchive(t *testing.T) {
	s := mustOpen(t)
	ids := seed(t, s)
	if err := s.ArchiveCustomer(context.Background(), ids.dev); err != nil {
		t.Fatal(err)
	}
	h := newHarnessWith(t, s, Options{Staff: true})
	h.typeText("d") // archive from the list
	h.mustNotShow("y/n")
	h.press("enter")
	for _, k := range []string{"D", "M", "F"} {
		h.typeText(k)
		h.mustNotShow("y/n", "Merge Ana", "Forget Ana")
	}
	h.typeText("?")
	h.mustNotShow("archive", "merge", "forget")
	h.press("esc")
	h.typeText("A") // archived customers
	h.mustShow("Dev Patel")
	h.press("enter")
	for _, k := range []string{"r", "F"} {
		h.typeText(k)
	}
	if c, _ := s.Customer(context.Background(), ids.dev); c == nil || !c.Archived {
		t.Fatal("staff brought Dev back or forgot him")
	}
	h.typeText("?")
	h.mustNotShow("bring back", "forget")
}

func TestCardSignsRecordsWithTheirAuthor(t *testing.T) {
	s := mustOpen(t)
	ids := seed(t, s)
	ctx := context.Background()
	s.Author = "Maya"
	if err := s.AddVisit(ctx, &model.Visit{CustomerID: ids.ben, On: day("2026-11-21"), Cents: 900, What: "beard trim"}); err != nil {
		t.Fatal(err)
	}
	if err := s.AddNote(ctx, &model.Note{CustomerID: ids.ben, Text: "Maya's note", Created: at("2026-11-21")}); err != nil {
		t.Fatal(err)
	}
	s.Author = ""
	h := newHarness(t, s)
	h.typeText("j")
	h.press("enter")
	h.mustShow("Maya, Sat 21 Nov", "beard trim", "Maya's note")
	for _, l := range strings.Split(h.screen(), "\n") {
		if strings.Contains(l, "haircut") && strings.Contains(l, ",") {
			t.Fatalf("the owner's visit is signed: %q", l)
		}
	}
}

func TestDraftsCarryTheAuthor(t *testing.T) {
	s := mustOpen(t)
	ids := seed(t, s)
	h := newHarnessWith(t, s, Options{Author: "Maya"})
	h.press("enter")
	h.typeText("n")
	h.typeText("Half a thought")
	h.fireTicks()
	if _, err := s.Draft(context.Background(), ids.ana, "note", "Maya"); err != nil {
		t.Fatalf("no draft signed Maya: %v", err)
	}
}

func TestCardUndoPutsTheCursorBackOnTheRestoredEntry(t *testing.T) {
	_, _, h := openAna(t)
	h.typeText("jj") // the visit of 20 Nov
	h.typeText("d")
	h.typeText("y")
	h.typeText("u")
	if got := h.selectedEntry(); !strings.Contains(got, "oat flat white") {
		t.Fatalf("after undo the cursor is on %q, want the restored visit", got)
	}
}

func TestCardPageUpMovesTheCursorOnScreen(t *testing.T) {
	_, _, h := openAna(t)
	h.typeText("G") // the last entry, at the bottom
	h.send(keyMsg("pgup"))
	h.send(keyMsg("pgup"))
	h.send(keyMsg("pgup"))
	if got := h.selectedEntry(); got == "" {
		t.Fatalf("after paging up the highlighted entry is off screen:\n%s", h.screen())
	}
}

func TestCardTicksOffAThankYouNotDueThisWeek(t *testing.T) {
	s := mustOpen(t)
	ids := seed(t, s)
	ctx := context.Background()
	if err := s.AddThankYou(ctx, &model.ThankYou{CustomerID: ids.ben, Reason: "the referral", Due: day("2026-12-20")}); err != nil {
		t.Fatal(err)
	}
	h := newHarness(t, s)
	h.typeText("j")
	h.press("enter")
	h.typeText("x")
	h.typeText("m")
	card := mustCard(t, s, ids.ben)
	if !card.ThankYous[0].Sent || len(card.Outreach) != 1 || card.Outreach[0].Channel != model.Message {
		t.Fatalf("after x m: %+v, outreach %+v", card.ThankYous[0], card.Outreach)
	}
	h.typeText("u")
	card = mustCard(t, s, ids.ben)
	if card.ThankYous[0].Sent || len(card.Outreach) != 0 {
		t.Fatalf("after undo: %+v, outreach %+v", card.ThankYous[0], card.Outreach)
	}
}

func TestCardDownPastTheLastEntryShowsTheRest(t *testing.T) {
	_, _, h := openAna(t)
	for range 20 {
		h.typeText("j")
	}
	h.mustShow("in the notebook since", "ana@example.com")
	if got := h.selectedEntry(); !strings.Contains(got, "coffee was cold") {
		t.Fatalf("the cursor left the last entry: %q", got)
	}
}

// The customer form takes the postal address and who sent them.
func TestCustomerFormAddressAndReferrer(t *testing.T) {
	s := mustOpen(t)
	ids := seed(t, s)
	h := newHarness(t, s)
	h.send(tea.WindowSizeMsg{Width: 100, Height: 44})
	h.typeText("a")
	h.mustShow("New customer", "Referred by")
	h.typeText("Sam Lee")
	for range 11 {
		h.press("tab")
	}
	h.typeText("Hauptstr. 5, 10115 Berlin")
	h.press("tab")
	h.typeText("Ana Lima")
	h.press("ctrl+s")
	h.mustShow("Added Sam Lee")
	c, _, err := s.Resolve(context.Background(), "Sam Lee")
	if err != nil {
		t.Fatal(err)
	}
	if c.ReferredBy != ids.ana || c.Address.Town != "Berlin" || c.Address.Postcode != "10115" {
		t.Fatalf("customer = %+v", c)
	}
}

// The card is drawn once when it arrives; when the cursor's record is not
// on it (the first look, an entry deleted) the cursor's mark is put on the
// drawing afterwards. That must be the card drawn with the mark, for every
// entry and in screen-safe mode too.
func TestCardMarkedAfterDrawingIsTheCardDrawnMarked(t *testing.T) {
	s := mustOpen(t)
	ids := seed(t, s)
	h := newHarness(t, s)
	card := mustCard(t, s, ids.ana)
	c := h.m.c
	mark := c.Styles.AskAbout.Render(selMark)
	for _, safe := range []bool{false, true} {
		c.Safe = safe
		plain, rows := renderCard(c, card, 100, model.RecordID{})
		if len(rows) < 4 {
			t.Fatalf("safe %v: %d entries on Ana's card, want her notes, visits, thank-you and feedback", safe, len(rows))
		}
		for _, r := range rows {
			want, wantRows := renderCard(c, card, 100, r.id)
			if want == plain {
				t.Fatalf("safe %v: drawing %v highlighted changed nothing", safe, r.id)
			}
			if got := markRows(plain, rows, r.id, mark); got != want {
				t.Fatalf("safe %v: %v marked after drawing:\n%s\nwant:\n%s", safe, r.id, got, want)
			}
			for i := range rows {
				a, b := rows[i], wantRows[i]
				a.at, b.at = 0, 0 // a byte offset into its own drawing
				if a != b {
					t.Fatalf("safe %v: entry %d is %+v drawn plain, %+v drawn marked", safe, i, rows[i], wantRows[i])
				}
			}
		}
		gone := model.RecordID{Kind: rows[0].id.Kind, ID: 1 << 40}
		if got := markRows(plain, rows, gone, mark); got != plain {
			t.Fatalf("safe %v: a record not on the card marked something", safe)
		}
	}
}

// The card keeps its last frame between messages; every key, the wheel, a
// new size and a new card draw it again.
func TestCardFrameFollowsKeysAndSize(t *testing.T) {
	_, _, h := openAna(t)
	before := h.m.detail.View()
	h.send(keyMsg("down"))
	after := h.m.detail.View()
	if after == before {
		t.Fatal("the frame did not change after moving down")
	}
	if got := h.selectedEntry(); got == "" {
		t.Fatal("no entry highlighted after moving down")
	}
	h.send(tea.WindowSizeMsg{Width: 60, Height: 30})
	narrow := h.m.detail.View()
	if lines := strings.Split(narrow, "\n"); len(lines) != h.m.detail.height || lipgloss.Width(lines[0]) != 60 {
		t.Fatalf("after resizing to 60 columns the card is %d lines of %d columns", len(lines), lipgloss.Width(lines[0]))
	}
	h.send(tea.WindowSizeMsg{Width: 100, Height: 44})
	if got := h.m.detail.View(); got != after {
		t.Fatal("back at the old size, the frame is not the one drawn before")
	}
	// The wheel scrolls without moving the cursor, so without drawing the
	// card again.
	h.send(tea.WindowSizeMsg{Width: 100, Height: 16})
	top := h.m.detail.View()
	h.send(tea.MouseWheelMsg{Button: tea.MouseWheelDown})
	if got := h.m.detail.View(); got == top || h.m.detail.vp.YOffset() == 0 {
		t.Fatalf("the wheel did not scroll the card (offset %d)", h.m.detail.vp.YOffset())
	}
}

// demoCards is a notebook of demo customers, the seeded ones and one with
// wide and long text, and every customer's id.
func demoCards(t *testing.T) (*store.Store, []int64) {
	t.Helper()
	s := mustOpen(t)
	ctx := context.Background()
	if err := store.GenerateDemo(ctx, s, store.DemoOptions{Customers: 60, Seed: 3, Today: day("2026-11-23")}); err != nil {
		t.Fatal(err)
	}
	seed(t, s)
	odd := &model.Customer{Name: "東京 喫茶店の 山田 花子 ☕ with a name long enough to be cut on a narrow screen", Tags: []string{"🍵", "naïve"},
		Interests: "Donaudampfschifffahrtsgesellschaftskapitän and 喫茶店巡り", Usual: "e\u0301 cafe\u0301 👩‍👩‍👧 flat white"}
	if err := s.CreateCustomer(ctx, odd); err != nil {
		t.Fatal(err)
	}
	for _, text := range []string{"話した: 娘さんは 大学 に 入った 🎓", strings.Repeat("Donaudampfschifffahrt", 6), "e\u0301 cafe\u0301 👩‍👩‍👧 family"} {
		if err := s.AddNote(ctx, &model.Note{CustomerID: odd.ID, Text: text}); err != nil {
			t.Fatal(err)
		}
	}
	page, err := s.ListPage(ctx, store.SearchQuery{Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	var ids []int64
	for _, r := range page.Rows {
		ids = append(ids, r.ID)
	}
	return s, ids
}

// The card's frame drawn from its lines is the viewport's frame, for every
// card of a demo notebook and a few with wide and long text, at several
// sizes and scroll offsets, in both modes.
func TestCardFrameIsTheViewportsFrame(t *testing.T) {
	s, ids := demoCards(t)
	h := newHarness(t, s)
	d := NewDetail(h.m.c)
	drawn, frames := 0, 0
	for _, safe := range []bool{false, true} {
		h.m.c.Safe = safe
		for _, id := range ids {
			card := mustCard(t, s, id)
			for _, size := range [][2]int{{30, 8}, {80, 24}, {120, 60}} {
				d.SetSize(size[0], size[1])
				d.Load(id)
				d.Update(cardMsg{seq: d.seq, id: id, card: card})
				for _, y := range []int{0, 7, len(d.lines)} {
					d.vp.SetYOffset(y)
					frames++
					got, ok := d.linesFrame()
					if !ok {
						continue
					}
					drawn++
					if want := padLines(d.vp.View(), d.width, d.height); got != want {
						t.Fatalf("card #%d at %dx%d, line %d, safe %v:\n%q\nthe viewport draws\n%q", id, size[0], size[1], y, safe, got, want)
					}
				}
			}
		}
	}
	if drawn < frames*3/4 {
		t.Fatalf("only %d of %d frames drawn from the lines", drawn, frames)
	}
}

// The talking-points box drawn from its lines is the box lipgloss draws,
// for every card of the demo notebook and the odd ones, at several widths,
// in both modes.
func TestCardBoxIsLipglossBox(t *testing.T) {
	s, ids := demoCards(t)
	h := newHarness(t, s)
	c := h.m.c
	drawn, boxes := 0, 0
	for _, safe := range []bool{false, true} {
		c.Safe = safe
		for _, id := range ids {
			card := mustCard(t, s, id)
			for _, width := range []int{16, 30, 60, 80, 120} {
				content, cardW := talkingContent(c, card, width)
				boxes++
				got, ok := boxLines(c.Styles.Card, cardW, content)
				if !ok {
					continue
				}
				drawn++
				if want := c.Styles.Card.Width(cardW).Render(content); got != want {
					t.Fatalf("card #%d at width %d, safe %v:\n%s\nlipgloss draws\n%s", id, width, safe, got, want)
				}
			}
		}
	}
	if drawn < boxes*3/4 {
		t.Fatalf("only %d of %d boxes drawn from their lines", drawn, boxes)
	}
}

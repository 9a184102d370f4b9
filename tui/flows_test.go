package tui

import (
	"context"
	"errors"
	"image/color"
	"os"
	"path/filepath"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"regulars/model"
	"regulars/store"
)

func TestListShowsRows(t *testing.T) {
	s := mustOpen(t)
	seed(t, s)
	h := newHarness(t, s)
	h.mustShow("4 customers · by name", "Ana Lima (Annie)", "regular, oat milk", "Ben Okafor", "Chloé Martin", "Dev Patel")
	if got := h.selectedRow(); !strings.Contains(got, "Ana Lima") {
		t.Fatalf("cursor row = %q, want Ana first", got)
	}
	// Ana: birthday in 5 days, last visit 3 days ago, open items: the
	// thank-you owed, the follow-up due and the unhappy feedback.
	for _, want := range []string{"3 days ago", "bday 5d", "3 open"} {
		if !strings.Contains(h.selectedRow(), want) {
			t.Fatalf("Ana's row %q lacks %q", h.selectedRow(), want)
		}
	}
	h.mustShow("bday 8d", "never")
}

func TestMoveAndSort(t *testing.T) {
	s := mustOpen(t)
	seed(t, s)
	h := newHarness(t, s)
	h.typeText("j")
	if !strings.Contains(h.selectedRow(), "Ben Okafor") {
		t.Fatalf("after j the cursor is on %q", h.selectedRow())
	}
	h.typeText("G")
	if !strings.Contains(h.selectedRow(), "Dev Patel") {
		t.Fatalf("after G the cursor is on %q", h.selectedRow())
	}
	h.press("up")
	if !strings.Contains(h.selectedRow(), "Chloé Martin") {
		t.Fatalf("after up the cursor is on %q", h.selectedRow())
	}
	h.typeText("g")
	if !strings.Contains(h.selectedRow(), "Ana Lima") {
		t.Fatalf("after g the cursor is on %q", h.selectedRow())
	}
	h.typeText("s") // by last visit: Ana (Nov 20), Chloé (Nov 16), Ben, Dev (never)
	h.mustShow("by last visit")
	scr := h.screen()
	if !(strings.Index(scr, "Ana Lima") < strings.Index(scr, "Chloé") && strings.Index(scr, "Chloé") < strings.Index(scr, "Ben Okafor") && strings.Index(scr, "Ben Okafor") < strings.Index(scr, "Dev Patel")) {
		t.Fatalf("not sorted by last visit:\n%s", scr)
	}
	h.typeText("s")
	h.mustShow("by spend this year")
	scr = h.screen()
	if !(strings.Index(scr, "Ben Okafor") < strings.Index(scr, "Ana Lima")) {
		t.Fatalf("not sorted by spend (Ben 25.00 before Ana 16.50):\n%s", scr)
	}
}

func TestFilterOpenAddNote(t *testing.T) {
	s := mustOpen(t)
	ids := seed(t, s)
	h := newHarness(t, s)

	h.typeText("/ben")
	h.mustShow("/ ben", "1 match", "Ben Okafor")
	h.mustNotShow("Ana Lima", "Chloé")
	// q is text while filtering, not quit.
	h.press("backspace", "backspace", "backspace")
	h.typeText("q")
	if h.quit {
		t.Fatal("q quit while typing in the filter")
	}
	h.press("backspace")
	// Phone digits and note words match too.
	h.typeText("0202")
	h.mustShow("Ben Okafor")
	h.mustNotShow("Ana Lima")
	h.press("backspace", "backspace", "backspace", "backspace")
	h.typeText("germany")
	h.mustShow("Ana Lima", "1 match")
	h.press("enter")
	h.send(tea.WindowSizeMsg{Width: 80, Height: 60}) // the whole card at once

	if h.m.page != pageDetail || h.m.detail.ID() != ids.ana {
		t.Fatalf("enter did not open Ana's card (page %d, id %d)", h.m.page, h.m.detail.ID())
	}
	h.mustShow("Talking points", "Marco", "Emma (7), Max", "oat flat white, extra hot", "in 5 days (Sat 28 Nov), turns 40",
		"Germany trip in December", "cake for the office", "coffee was cold", "needs a reply", "the flowers for the shop")
	if got, want := h.m.View().WindowTitle, "Regulars: Ana Lima"; got != want {
		t.Fatalf("window title = %q, want %q", got, want)
	}

	h.typeText("n")
	h.mustShow("New note for Ana Lima", "Ask on", "Private")
	h.typeText("Back from Lisbon, loved the tiles")
	h.press("enter")
	h.typeText("quiet week ahead") // q and other letters are text here
	if h.quit {
		t.Fatal("q quit while typing a note")
	}
	h.press("tab")
	h.typeText("12-01")
	h.press("tab", "space")
	h.press("ctrl+s")

	if h.m.form != nil {
		t.Fatalf("the form is still open after ctrl+s:\n%s", h.screen())
	}
	h.mustShow("Note saved for Ana Lima, to ask about on Tue 1 Dec", "Back from Lisbon, loved the tiles", "private")
	card, err := s.Card(context.Background(), ids.ana)
	if err != nil {
		t.Fatal(err)
	}
	n := card.Notes[0]
	if got, want := n.Text, "Back from Lisbon, loved the tiles\nquiet week ahead"; got != want {
		t.Fatalf("saved text = %q, want %q", got, want)
	}
	if !n.Private || n.AskOn != day("2026-12-01") {
		t.Fatalf("saved note = %+v, want private and ask on 2026-12-01", n)
	}

	h.press("esc")
	if h.m.page != pageList {
		t.Fatal("esc did not go back to the list")
	}
	h.mustShow("/ germany")
	h.press("esc")
	h.mustShow("4 customers")
	h.typeText("q")
	if !h.quit {
		t.Fatal("q did not quit from the list")
	}
}

func TestNoteCancelAsksBeforeDropping(t *testing.T) {
	s := mustOpen(t)
	ids := seed(t, s)
	h := newHarness(t, s)
	h.press("enter") // Ana
	h.typeText("n")
	h.press("esc") // nothing typed: closes at once
	if h.m.form != nil {
		t.Fatal("esc on an empty note did not close it")
	}

	h.typeText("n")
	h.typeText("She starts at the hospital on Monday")
	h.press("esc")
	if h.m.form == nil {
		t.Fatal("esc dropped typed text without asking")
	}
	h.mustShow("Drop this note? y drops it · n keeps typing", "She starts at the hospital on Monday")
	h.typeText("n") // keep typing
	h.mustNotShow("Drop this note?")
	h.typeText(".")
	if got := h.m.form.(*NoteForm).Text(); got != "She starts at the hospital on Monday." {
		t.Fatalf("text after keeping it = %q", got)
	}
	// ctrl+c over typed text asks once, too.
	h.press("ctrl+c")
	if h.quit {
		t.Fatal("ctrl+c dropped typed text without a warning")
	}
	h.mustShow("ctrl+c again quits")
	h.press("esc")
	h.typeText("y")
	if h.m.form != nil {
		t.Fatal("y did not drop the note")
	}
	h.mustShow("Note dropped")
	card, _ := s.Card(context.Background(), ids.ana)
	if len(card.Notes) != 2 {
		t.Fatalf("a dropped note was saved: %d notes", len(card.Notes))
	}
	h.press("ctrl+c")
	if !h.quit {
		t.Fatal("ctrl+c did not quit")
	}
}

func TestNoteInvalidInputKeepsText(t *testing.T) {
	s := mustOpen(t)
	ids := seed(t, s)
	h := newHarness(t, s)
	h.press("enter")
	h.typeText("n")
	h.press("ctrl+s")
	h.mustShow("✗ type the note first")

	h.typeText("Ask about the marathon")
	h.press("tab")
	h.typeText("02-30")
	h.press("ctrl+s")
	h.mustShow("✗ February has no day 30", "Ask about the marathon")
	if h.m.form == nil {
		t.Fatal("an invalid date closed the form")
	}
	f := h.m.form.(*NoteForm)
	if f.focus != noteAskOn {
		t.Fatalf("focus is on field %d, want the ask-on date", f.focus)
	}
	for range 5 {
		h.press("backspace")
	}
	h.typeText("12-05")
	h.press("ctrl+s")
	if h.m.form != nil {
		t.Fatalf("fixed note did not save:\n%s", h.screen())
	}
	card, _ := s.Card(context.Background(), ids.ana)
	if card.Notes[0].Text != "Ask about the marathon" || card.Notes[0].AskOn != day("2026-12-05") {
		t.Fatalf("saved %+v", card.Notes[0])
	}
}

func TestNoteFailedSaveKeepsText(t *testing.T) {
	s := mustOpen(t)
	ids := seed(t, s)
	h := newHarness(t, s)
	h.press("enter")
	h.typeText("n")
	h.typeText("Loves the new cinnamon buns")
	// Someone archives Ana from the shell while the note is being typed.
	if err := s.ArchiveCustomer(context.Background(), ids.ana); err != nil {
		t.Fatal(err)
	}
	h.press("ctrl+s")
	if h.m.form == nil {
		t.Fatal("a failed save closed the form")
	}
	h.mustShow("Not saved: Ana Lima is archived", "Your text is still here", "Loves the new cinnamon buns")
	if got := h.m.form.(*NoteForm).Text(); got != "Loves the new cinnamon buns" {
		t.Fatalf("text after a failed save = %q", got)
	}
}

func TestEditor(t *testing.T) {
	// openEditor makes its file in the temp folder and the editor that
	// would remove it never runs here: a folder of the test's own, so the
	// suite leaves nothing behind.
	t.Setenv("TMPDIR", t.TempDir())
	s := mustOpen(t)
	seed(t, s)
	h := newHarness(t, s)
	h.press("enter")
	h.typeText("n")
	h.typeText("first draft")
	f := h.m.form.(*NoteForm)

	// The command is built from $EDITOR with its arguments.
	cmd := editorCommand("code --wait", "/tmp/x.txt")
	if got := strings.Join(cmd.Args, " "); got != "code --wait /tmp/x.txt" {
		t.Fatalf("editor command = %q", got)
	}
	if got := editorCommand("", "/tmp/x.txt").Args[0]; got != "vi" {
		t.Fatalf("default editor = %q", got)
	}
	if h.m.form.(*NoteForm).openEditor() == nil {
		t.Fatalf("ctrl+e did not start the editor: %s", f.saveErr)
	}

	// What the editor wrote comes back, line breaks kept, the final
	// newline dropped, escape sequences made harmless.
	path := filepath.Join(t.TempDir(), "note.txt")
	if err := os.WriteFile(path, []byte("edited in vim\nsecond line\x1b]52;c;aGk=\x07\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	h.send(readBack(path, nil))
	if got, want := f.Text(), "edited in vim\nsecond line]52;c;aGk="; got != want {
		t.Fatalf("text back from the editor = %q, want %q", got, want)
	}
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Fatal("the temporary file was left behind")
	}

	// An editor that fails (vim's :cq) leaves the text as it was.
	path2 := filepath.Join(t.TempDir(), "note.txt")
	os.WriteFile(path2, []byte("half-written"), 0o600)
	h.send(readBack(path2, errors.New("exit status 1")))
	if got := f.Text(); got != "edited in vim\nsecond line]52;c;aGk=" {
		t.Fatalf("a failed editor changed the text to %q", got)
	}
	h.mustShow("the editor did not finish")
}

func TestEditCustomer(t *testing.T) {
	s := mustOpen(t)
	ids := seed(t, s)
	h := newHarness(t, s)
	h.typeText("j") // Ben
	h.typeText("e") // edit from the list
	h.mustShow("Edit Ben Okafor", "Name", "Birthday", "Tags")
	f := h.m.form.(*FieldForm)
	if got := f.inputs[0].Value(); got != "Ben Okafor" {
		t.Fatalf("name field = %q", got)
	}
	h.press("tab") // nickname
	h.typeText("Benny")
	h.press("tab", "tab", "tab") // birthday
	h.typeText("13-01")
	h.press("tab", "tab") // partner
	h.typeText("Ada")
	h.press("ctrl+s")
	h.mustShow("✗ there is no month 13")
	if f.focus != 4 {
		t.Fatalf("focus went to field %d, want the birthday", f.focus)
	}
	if f.inputs[1].Value() != "Benny" || f.inputs[6].Value() != "Ada" {
		t.Fatal("typed values were lost after an invalid date")
	}
	for range 5 {
		h.press("backspace")
	}
	h.typeText("1990-01-13")
	h.press("ctrl+s")
	if h.m.form != nil {
		t.Fatalf("form still open:\n%s", h.screen())
	}
	h.mustShow("Saved Ben Okafor", "Ben Okafor (Benny)")
	c, err := s.Customer(context.Background(), ids.ben)
	if err != nil {
		t.Fatal(err)
	}
	if c.Nickname != "Benny" || c.Partner != "Ada" || c.Birthday != (model.MonthDay{Year: 1990, Month: 1, Day: 13}) || c.Phone != "555 0202" {
		t.Fatalf("saved %+v", c)
	}
}

func TestAddCustomer(t *testing.T) {
	s := mustOpen(t)
	h := newHarness(t, s)
	h.mustShow("Welcome to Regulars", "regulars demo", "add your first customer")
	h.typeText("a")
	h.press("ctrl+s")
	h.mustShow("✗ a customer needs a name")
	h.typeText("Zoë Quinn")
	h.press("tab", "tab", "tab")
	h.typeText("zoe.example.com")
	h.press("ctrl+s")
	h.mustShow("✗ an e-mail address has an @")
	h.press("backspace")
	for range 15 {
		h.press("backspace")
	}
	h.typeText("zoe@example.com")
	h.press("ctrl+s")
	if h.m.page != pageDetail {
		t.Fatalf("the new customer's card did not open:\n%s", h.screen())
	}
	h.mustShow("Added Zoë Quinn", "Zoë Quinn", "zoe@example.com", "Nothing noted yet")
	h.press("esc")
	h.mustShow("1 customer · by name", "Zoë Quinn")
}

func TestVisitThankYouFeedback(t *testing.T) {
	s := mustOpen(t)
	ids := seed(t, s)
	h := newHarness(t, s)
	h.typeText("jjj") // Dev
	h.press("enter")
	h.mustShow("Dev Patel", "no visit yet")

	h.typeText("v") // opens on the amount
	h.typeText("12,50")
	h.press("ctrl+s")
	h.mustShow("✗ amount \"12,50\": write the decimal point as a dot")
	for range 5 {
		h.press("backspace")
	}
	h.typeText("12.50")
	h.press("enter")
	h.typeText("croissants")
	h.press("enter") // enter on the last field saves
	h.mustShow("Visit logged for Dev Patel", "Mon 23 Nov (today), croissants, 12.50", "1 in all, 12.50 this year")

	h.typeText("t")
	h.typeText("the recommendation")
	h.press("ctrl+s")
	h.mustShow("Thank-you noted", "the recommendation", "owed")

	h.typeText("f")
	h.typeText("6")
	h.press("ctrl+s")
	h.mustShow("✗ ratings go from 1 to 5")
	h.press("backspace")
	h.typeText("5")
	h.press("tab")
	h.typeText("best croissant in town")
	h.press("ctrl+s")
	h.mustShow("Feedback saved", "★★★★★  best croissant in town")

	card, _ := s.Card(context.Background(), ids.dev)
	if len(card.Visits) != 1 || card.Visits[0].Cents != 1250 || len(card.ThankYous) != 1 || len(card.Feedback) != 1 {
		t.Fatalf("card after the forms: %d visits, %d thank-yous, %d feedback", len(card.Visits), len(card.ThankYous), len(card.Feedback))
	}
}

func TestArchive(t *testing.T) {
	s := mustOpen(t)
	ids := seed(t, s)
	h := newHarness(t, s)
	h.typeText("j")
	h.typeText("d")
	h.mustShow("Archive Ben Okafor? They leave the list; nothing is deleted. y/n")
	h.typeText("n")
	h.mustShow("Ben Okafor")
	h.mustNotShow("Archive Ben")

	h.press("enter")
	h.typeText("D") // d deletes the highlighted entry on the card
	h.typeText("j") // other keys do nothing while asking
	h.typeText("y")
	// The card stays, archived, offering to bring them back or forget.
	h.mustShow("Archived Ben Okafor; nothing was deleted", "(archived)")
	h.press("esc")
	h.mustShow("3 customers")
	h.mustNotShow("Ben Okafor ")
	c, _ := s.Customer(context.Background(), ids.ben)
	if !c.Archived {
		t.Fatal("Ben is not archived in the notebook")
	}
}

func TestScreenSafe(t *testing.T) {
	s := mustOpen(t)
	seed(t, s)
	h := newHarness(t, s)
	h.send(tea.WindowSizeMsg{Width: 80, Height: 60})
	h.press("enter")
	h.mustShow("Planning a surprise party", "coffee was cold")
	h.mustNotShow("SCREEN-SAFE")
	h.typeText("p")
	h.mustShow("SCREEN-SAFE", "hidden in screen-safe mode", "Germany trip")
	h.mustNotShow("Planning a surprise party", "coffee was cold", "★")
	h.press("esc")
	// A private note's words no longer find the customer.
	h.typeText("/surprise")
	h.mustShow("0 matches", "SCREEN-SAFE")
	h.press("esc")
	h.typeText("p")
	h.mustNotShow("SCREEN-SAFE")
	h.typeText("/surprise")
	h.mustShow("1 match", "Ana Lima")
}

func TestResize(t *testing.T) {
	s := mustOpen(t)
	seed(t, s)
	h := newHarness(t, s)
	check := func(w, ht int) {
		t.Helper()
		h.send(tea.WindowSizeMsg{Width: w, Height: ht})
		lines := strings.Split(h.screen(), "\n")
		if len(lines) != ht {
			t.Fatalf("%dx%d: %d lines drawn:\n%s", w, ht, len(lines), h.screen())
		}
		for i, l := range lines {
			if n := len([]rune(l)); n > w {
				t.Fatalf("%dx%d: line %d is %d cells: %q", w, ht, i, n, l)
			}
		}
	}
	for _, size := range [][2]int{{80, 24}, {160, 48}, {100, 30}, {60, 15}} {
		check(size[0], size[1])
		h.press("enter")
		check(size[0], size[1])
		h.typeText("n")
		check(size[0], size[1])
		h.press("esc", "esc")
		h.typeText("?")
		check(size[0], size[1])
		h.typeText("?")
	}
	h.send(tea.WindowSizeMsg{Width: 160, Height: 48})
	h.mustShow("This year", "16.50") // a wide list shows the year's spend
}

func TestStaleResultsDropped(t *testing.T) {
	s := mustOpen(t)
	seed(t, s)
	h := newHarness(t, s)
	l := h.m.list
	h.typeText("/")
	// Two keystrokes whose queries finish out of order.
	_, first := h.m.Update(keyMsg("b"))
	_, second := h.m.Update(keyMsg("e"))
	runAll := func(cmd tea.Cmd) []tea.Msg {
		var out []tea.Msg
		var walk func(tea.Cmd)
		walk = func(c tea.Cmd) {
			if c == nil {
				return
			}
			switch msg := c().(type) {
			case tea.BatchMsg:
				for _, c := range msg {
					walk(c)
				}
			case nil:
			default:
				out = append(out, msg)
			}
		}
		walk(cmd)
		return out
	}
	newer := runAll(second)
	older := runAll(first)
	for _, msg := range newer {
		h.send(msg)
	}
	if l.total != 1 {
		t.Fatalf("after 'be' total = %d, want 1 (Ben)", l.total)
	}
	for _, msg := range older { // "b" would match more rows
		if pm, ok := msg.(listPageMsg); ok && (pm.err == nil || !strings.Contains(pm.err.Error(), "context canceled")) {
			t.Fatalf("the overtaken query was not cancelled: err %v", pm.err)
		}
		h.send(msg)
	}
	if l.total != 1 || len(l.rows) != 1 || l.rows[0].Name != "Ben Okafor" {
		t.Fatalf("a stale answer replaced the newer one: total %d, rows %v", l.total, l.rows)
	}
}

// TestPaging walks a list far longer than the screen: the list only ever
// holds a window of rows, and asks for the next one as the cursor moves.
func TestPaging(t *testing.T) {
	s := mustOpen(t)
	ctx := context.Background()
	tx, err := s.DB().BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i := range 500 {
		if _, err := tx.Exec(`INSERT INTO customers (name, created_at) VALUES (?, '2026-01-01T00:00:00.000Z')`, "Customer "+threeDigits(i)); err != nil {
			t.Fatal(err)
		}
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	h := newHarness(t, s)
	l := h.m.list
	h.mustShow("500 customers")
	if len(l.rows) > 3*l.rowsOnScreen() {
		t.Fatalf("the list loaded %d rows for a screen of %d", len(l.rows), l.rowsOnScreen())
	}
	for range 60 {
		h.typeText("j")
	}
	if !strings.Contains(h.selectedRow(), "Customer 060") {
		t.Fatalf("after 60 × j the cursor is on %q", h.selectedRow())
	}
	h.typeText("G")
	if !strings.Contains(h.selectedRow(), "Customer 499") {
		t.Fatalf("after G the cursor is on %q", h.selectedRow())
	}
	h.press("ctrl+u")
	h.typeText("k")
	if l.cursor != 499-l.rowsOnScreen()-1 {
		t.Fatalf("cursor at %d after page up and k", l.cursor)
	}
	if m, ok := l.Selected(); !ok || m.Name != "Customer "+threeDigits(l.cursor) {
		t.Fatalf("selected %+v at row %d", m, l.cursor)
	}
	h.typeText("g")
	if !strings.Contains(h.selectedRow(), "Customer 000") {
		t.Fatalf("after g the cursor is on %q", h.selectedRow())
	}
}

func threeDigits(i int) string {
	return string([]byte{byte('0' + i/100), byte('0' + i/10%10), byte('0' + i%10)})
}

var _ = store.ByName

func TestLightBackground(t *testing.T) {
	s := mustOpen(t)
	seed(t, s)
	h := newHarness(t, s)
	dark := h.m.View().Content
	h.send(tea.BackgroundColorMsg{Color: color.White})
	if h.m.c.Styles.isDark {
		t.Fatal("a white background left the dark styles in place")
	}
	light := h.m.View().Content
	if light == dark {
		t.Fatal("the list looks the same on a light background")
	}
	if ansi.Strip(light) != ansi.Strip(dark) {
		t.Fatal("the theme changed the text, not only its colours")
	}
	h.press("enter")
	h.typeText("n")
	h.mustShow("New note for Ana Lima")
	h.send(tea.BackgroundColorMsg{Color: color.Black})
	if !h.m.c.Styles.isDark {
		t.Fatal("a black background did not bring the dark styles back")
	}
	h.mustShow("New note for Ana Lima") // the form survives a theme change
}

// A filter that matches nobody says so on screen, right under the header,
// whatever the window's height.
func TestFilterNoMatch(t *testing.T) {
	s := mustOpen(t)
	seed(t, s)
	h := newHarness(t, s)
	h.typeText("/zzqx")
	h.mustShow("0 matches", `No customer matches "zzqx".`, "esc clears the filter")
	h.press("esc")
	h.mustNotShow("No customer matches")
	h.mustShow("Ben Okafor")
}

// A key that moves the cursor while a reload keeping it on a customer is
// on its way is not undone when the reload's rows arrive (a write from
// another terminal lands just as the owner presses j).
func TestMoveDuringReloadStays(t *testing.T) {
	s := mustOpen(t)
	seed(t, s)
	h := newHarness(t, s)
	l := h.m.list
	if sel, _ := l.Selected(); sel.Name != "Ana Lima" {
		t.Fatalf("selected %q at the start", sel.Name)
	}
	reload := l.ReloadKeeping() // asked while Ana is selected
	h.press("j")
	if sel, _ := l.Selected(); sel.Name != "Ben Okafor" {
		t.Fatalf("j selected %q", sel.Name)
	}
	h.run(reload)
	if sel, _ := l.Selected(); sel.Name != "Ben Okafor" {
		t.Errorf("after the reload's rows came, %q is selected; want Ben Okafor, where j put the cursor", sel.Name)
	}
}

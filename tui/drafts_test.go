package tui

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"regulars/model"
	"regulars/store"
)

func draftBody(t *testing.T, s *store.Store, id int64, form string) (string, bool) {
	t.Helper()
	d, err := s.Draft(context.Background(), id, form, "")
	if model.ErrorCode(err) == model.ENOTFOUND {
		return "", false
	}
	if err != nil {
		t.Fatal(err)
	}
	return d.Body, true
}

func TestNoteDraftKeptOfferedAndDropped(t *testing.T) {
	s := mustOpen(t)
	ids := seed(t, s)
	h := newHarness(t, s)
	h.typeText("n")
	h.typeText("Lisbon in May")
	if _, ok := draftBody(t, s, ids.ana, "note"); ok {
		t.Fatal("a draft was written on the keystroke itself, not through a timer")
	}
	h.fireTicks()
	body, ok := draftBody(t, s, ids.ana, "note")
	if !ok || !strings.Contains(body, "Lisbon in May") || !json.Valid([]byte(body)) {
		t.Fatalf("draft after the pause: %q, %v", body, ok)
	}

	// A new session (the terminal was closed): the note form offers it back.
	h2 := newHarness(t, s)
	h2.typeText("n")
	h2.mustShow("Lisbon in May", "Restored", "esc")
	if got := h2.m.form.(*NoteForm).Text(); got != "Lisbon in May" {
		t.Fatalf("restored text %q", got)
	}
	h2.typeText("!")
	h2.press("ctrl+s")
	h2.mustShow("Note saved")
	if _, ok := draftBody(t, s, ids.ana, "note"); ok {
		t.Fatal("the draft outlived the saved note")
	}

	// Dropped on purpose: gone too, and a late timer does not bring it back.
	h2.typeText("n")
	h2.typeText("never mind")
	h2.fireTicks()
	h2.typeText("more")
	h2.press("esc")
	h2.typeText("y")
	h2.fireTicks()
	if body, ok := draftBody(t, s, ids.ana, "note"); ok {
		t.Fatalf("the draft outlived dropping the note: %q", body)
	}
	h2.typeText("n")
	h2.mustNotShow("never mind", "Restored")
}

func TestFieldFormDraftRestored(t *testing.T) {
	s := mustOpen(t)
	ids := seed(t, s)
	h := newHarness(t, s)
	h.typeText("jjj") // Dev
	h.typeText("v")
	h.typeText("8.40")
	h.fireTicks()
	if _, ok := draftBody(t, s, ids.dev, "visit"); !ok {
		t.Fatal("no visit draft")
	}
	h2 := newHarness(t, s)
	h2.typeText("jjj")
	h2.typeText("v")
	h2.mustShow("8.40", "Restored")
	h2.press("ctrl+s")
	card, _ := s.Card(context.Background(), ids.dev)
	if len(card.Visits) != 1 || card.Visits[0].Cents != 840 {
		t.Fatalf("visits %+v", card.Visits)
	}
	if _, ok := draftBody(t, s, ids.dev, "visit"); ok {
		t.Fatal("the visit draft outlived the visit")
	}
}

func TestShutdownSavesDraftAndQuits(t *testing.T) {
	s := mustOpen(t)
	ids := seed(t, s)
	h := newHarness(t, s)
	h.typeText("n")
	h.typeText("typed just before the lid closed")
	h.send(shutdownMsg{})
	if !h.quit {
		t.Fatal("the program did not quit")
	}
	if body, _ := draftBody(t, s, ids.ana, "note"); !strings.Contains(body, "typed just before the lid closed") {
		t.Fatalf("draft on shutdown: %q", body)
	}
}

func TestSeesOtherTerminalsWrites(t *testing.T) {
	s := mustOpen(t)
	ids := seed(t, s)
	h := newHarness(t, s)
	h.typeText("j") // Ben
	other, err := store.Open(s.Path())
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	ctx := context.Background()
	if err := other.CreateCustomer(ctx, &model.Customer{Name: "Aaron Abel"}); err != nil {
		t.Fatal(err)
	}
	h.fireTicks()
	h.mustShow("Aaron Abel", "5 customers")
	if row := h.selectedRow(); !strings.Contains(row, "Ben Okafor") {
		t.Fatalf("cursor moved off Ben: %q", row)
	}

	// On a card, on focus.
	h.press("enter")
	if err := other.AddNote(ctx, &model.Note{CustomerID: ids.ben, Text: "Second shop opened"}); err != nil {
		t.Fatal(err)
	}
	h.send(tea.FocusMsg{})
	h.mustShow("Second shop opened")
}

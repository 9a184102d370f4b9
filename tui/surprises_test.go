package tui

import (
	"context"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"regulars/model"
)

// Issue 11, "No surprises": the screens say what they mean.

func TestCardDatesCarryYearAndStayWhole(t *testing.T) {
	s := mustOpen(t)
	ids := seed(t, s)
	ctx := context.Background()
	if err := s.AddNote(ctx, &model.Note{CustomerID: ids.ben, Text: "Mentioned a new barber chair", Created: at("2025-11-27")}); err != nil {
		t.Fatal(err)
	}
	h := newHarness(t, s)
	h.typeText("j")
	h.press("enter")
	h.mustShow("Thu 27 Nov 2025", "Thu 1 Oct", "since Sun 1 Jun 2025")
	h.press("esc")
	h.send(tea.WindowSizeMsg{Width: 80, Height: 60})
	h.typeText("k")
	h.press("enter") // Ana: the thank-you's due day is whole
	h.mustShow("due Sun 22 Nov")
}

func TestThankYouSendByDefaultsToAWeek(t *testing.T) {
	s := mustOpen(t)
	ids := seed(t, s)
	h := newHarness(t, s)
	h.typeText("jjj")
	h.typeText("t")
	h.typeText("the recommendation")
	h.press("ctrl+s")
	card, _ := s.Card(context.Background(), ids.dev)
	if len(card.ThankYous) != 1 {
		t.Fatalf("%d thank-yous", len(card.ThankYous))
	}
	if got, want := card.ThankYous[0].Due, day("2026-11-30"); got != want {
		t.Fatalf("send by %s, want %s (a week from today)", got, want)
	}
}

func TestDatesAheadReadMonthDayAsNext(t *testing.T) {
	s := mustOpen(t)
	ids := seed(t, s)
	h := newHarness(t, s)
	h.typeText("jjj")
	h.typeText("n")
	h.typeText("skiing plans")
	h.press("tab")
	h.typeText("01-15")
	h.press("ctrl+s")
	card, _ := s.Card(context.Background(), ids.dev)
	if len(card.Notes) != 1 || card.Notes[0].AskOn != day("2027-01-15") {
		t.Fatalf("notes %+v: want ask on 2027-01-15", card.Notes)
	}
	h.typeText("t")
	h.typeText("the tip")
	h.press("tab", "ctrl+a", "ctrl+k")
	h.typeText("02-01")
	h.press("ctrl+s")
	card, _ = s.Card(context.Background(), ids.dev)
	if len(card.ThankYous) != 1 || card.ThankYous[0].Due != day("2027-02-01") {
		t.Fatalf("thank-yous %+v: want due 2027-02-01", card.ThankYous)
	}
}

func TestCardOpensAtTalkingPoints(t *testing.T) {
	s := mustOpen(t)
	seed(t, s)
	h := newHarness(t, s)
	h.press("enter")
	h.typeText("jjjjjjjjjj")
	h.mustNotShow("Talking points")
	h.press("esc")
	h.press("enter")
	h.mustShow("Talking points")
}

func TestArchivingTheLastCustomerSaysSo(t *testing.T) {
	s := mustOpen(t)
	ctx := context.Background()
	if err := s.CreateCustomer(ctx, &model.Customer{Name: "Only One"}); err != nil {
		t.Fatal(err)
	}
	h := newHarness(t, s)
	h.typeText("d")
	h.typeText("y")
	h.mustNotShow("no customers yet")
	h.mustShow("This notebook has archived customers", "regulars show #1")
}

func TestSlashStartsALookupAnywhere(t *testing.T) {
	s := mustOpen(t)
	seed(t, s)
	h := newHarness(t, s)
	h.press("enter")
	h.mustShow("Talking points")
	h.typeText("/ben")
	if h.m.page != pageList || !h.m.list.filtering || h.m.list.Filter() != "ben" {
		t.Fatalf("after / on the card: page %d, filtering %v, filter %q", h.m.page, h.m.list.filtering, h.m.list.Filter())
	}
	h.mustShow("Ben Okafor", "1 match")
	h.press("enter") // opens Ben; the filter stays
	h.press("esc")
	if h.m.list.Filter() != "ben" {
		t.Fatalf("filter %q", h.m.list.Filter())
	}
	h.typeText("/chl")
	if got := h.m.list.Filter(); got != "chl" {
		t.Fatalf("/ with a filter set: filter %q, want a fresh one", got)
	}
}

func TestOutreachReadsInWords(t *testing.T) {
	s := mustOpen(t)
	ids := seed(t, s)
	ctx := context.Background()
	if err := s.AddOutreach(ctx, &model.Outreach{CustomerID: ids.ana, On: day("2026-11-21"), Channel: model.Card,
		About: model.ItemID(model.KindBirthday, ids.ana, "2026")}); err != nil {
		t.Fatal(err)
	}
	h := newHarness(t, s)
	h.send(tea.WindowSizeMsg{Width: 80, Height: 60})
	h.press("enter")
	h.mustShow("birthday card")
	h.mustNotShow("birthday:")
}

func TestRepliedFeedbackIsNotRed(t *testing.T) {
	s := mustOpen(t)
	ids := seed(t, s)
	ctx := context.Background()
	card, _ := s.Card(ctx, ids.ana)
	if err := s.MarkReplied(ctx, card.Feedback[0].ID); err != nil {
		t.Fatal(err)
	}
	h := newHarness(t, s)
	h.send(tea.WindowSizeMsg{Width: 80, Height: 60})
	h.press("enter")
	h.mustShow("replied")
	if red := h.m.c.Styles.Unhappy.Render("★★☆☆☆"); strings.Contains(h.m.View().Content, red) {
		t.Fatal("replied feedback is drawn in the unhappy style")
	}
}

func TestWeekTabIsOnePiece(t *testing.T) {
	s := mustOpen(t)
	seed(t, s)
	h := newHarness(t, s)
	for _, p := range []string{"list", "week"} {
		if p == "week" {
			h.typeText("w")
		}
		head := strings.Split(h.m.View().Content, "\n")[0]
		if !strings.Contains(head, "This week") {
			t.Fatalf("%s: the tab is styled in pieces: %q", p, head)
		}
	}
}

func TestSelectedRowRunsFullWidth(t *testing.T) {
	s := mustOpen(t)
	seed(t, s)
	h := newHarness(t, s)
	h.typeText("jjj") // Dev: the row ends in empty columns
	for _, l := range strings.Split(h.m.View().Content, "\n") {
		if strings.Contains(ansi.Strip(l), "▸ Dev") {
			if lipgloss.Width(l) != 80 || strings.HasSuffix(l, " ") {
				t.Fatalf("selected row is not highlighted to the edge: %q", l)
			}
			return
		}
	}
	t.Fatal("no selected row")
}

func TestFieldErrorsWrapAt80(t *testing.T) {
	s := mustOpen(t)
	seed(t, s)
	h := newHarness(t, s)
	h.typeText("v")
	h.press("shift+tab", "ctrl+a", "ctrl+k")
	h.typeText("sometime-around-the-middle-of-last-week")
	h.press("ctrl+s")
	scr := h.screen()
	if strings.Contains(scr, "…") {
		t.Fatalf("an error is cut:\n%s", scr)
	}
	h.mustShow("is not a date: use", "YYYY-MM-DD, or MM-DD when the year is unknown")
}

func TestVisitFormOpensOnAmount(t *testing.T) {
	s := mustOpen(t)
	ids := seed(t, s)
	h := newHarness(t, s)
	h.typeText("jjj")
	h.typeText("v")
	h.typeText("7.20")
	h.press("ctrl+s")
	card, _ := s.Card(context.Background(), ids.dev)
	if len(card.Visits) != 1 || card.Visits[0].Cents != 720 || card.Visits[0].On != day("2026-11-23") {
		t.Fatalf("visits %+v", card.Visits)
	}
}

func TestPlaceholdersLookUnlikeValues(t *testing.T) {
	for _, dark := range []bool{true, false} {
		st := DefaultStyles(dark)
		for name, ph := range map[string]lipgloss.Style{
			"input focused": st.Input.Focused.Placeholder, "input blurred": st.Input.Blurred.Placeholder,
			"text focused": st.Textarea.Focused.Placeholder, "text blurred": st.Textarea.Blurred.Placeholder,
		} {
			if !ph.GetItalic() || !ph.GetFaint() {
				t.Errorf("dark %v: %s placeholder is not faint italic", dark, name)
			}
		}
	}
}

func TestCardLabelsPartnerAndInterests(t *testing.T) {
	s := mustOpen(t)
	seed(t, s)
	h := newHarness(t, s)
	h.press("enter")
	h.mustShow("Partner     Marco", "Children    Emma (7), Max", "Interests   cycling, jazz")
	h.mustNotShow("Family", "Into")
}

func TestHelpTogglesAndClosesOnScreenChange(t *testing.T) {
	s := mustOpen(t)
	seed(t, s)
	h := newHarness(t, s)
	h.mustShow("? more")
	h.typeText("?")
	h.mustShow("close help")
	h.typeText("?")
	if h.m.help.ShowAll {
		t.Fatal("? did not close the full help")
	}
	h.typeText("?")
	h.press("enter")
	if h.m.help.ShowAll {
		t.Fatal("full help stayed open on the card")
	}
	h.typeText("?")
	h.typeText("n")
	if h.m.help.ShowAll {
		t.Fatal("full help stayed open over the note form")
	}
}

// Issue 13, "Hostile files": a long name is refused, not cut.
func TestLongNameRefused(t *testing.T) {
	s := mustOpen(t)
	seed(t, s)
	h := newHarness(t, s)
	h.typeText("a")
	h.send(tea.PasteMsg{Content: strings.Repeat("x", model.MaxNameLen+5)})
	h.press("ctrl+s")
	h.mustShow("too long")
	if h.m.form == nil {
		t.Fatal("the form closed: the name was saved")
	}
	if got := h.m.form.(*FieldForm).inputs[0].Value(); len(got) != model.MaxNameLen+5 {
		t.Fatalf("the name was cut to %d characters", len(got))
	}
}

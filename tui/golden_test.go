package tui

import (
	"bytes"
	"context"
	"io"
	"regexp"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"regulars/model"
	"regulars/store"
)

// runProgram runs the real program at 80x24 with the Ascii colour profile
// (no colours, so the output does not depend on the terminal), waits for
// each step's text, and returns the final model and every byte written.
func runProgram(t *testing.T, s *store.Store, steps ...step) (*Model, []byte) {
	t.Helper()
	m := New(context.Background(), s, Options{})
	tm := teatest.NewTestModel(t, m,
		teatest.WithInitialTermSize(80, 24),
		teatest.WithProgramOptions(tea.WithColorProfile(colorprofile.Ascii)))
	var out bytes.Buffer
	for _, st := range steps {
		for _, k := range st.keys {
			if len([]rune(k)) == 1 {
				tm.Type(k)
			} else {
				tm.Send(keyMsg(k))
			}
		}
		if st.wait != "" {
			teatest.WaitFor(t, io.TeeReader(tm.Output(), &out), func(b []byte) bool {
				return bytes.Contains(out.Bytes(), []byte(st.wait))
			}, teatest.WithDuration(5*time.Second), teatest.WithCheckInterval(5*time.Millisecond))
		}
	}
	tm.Quit()
	final := tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second)).(*Model)
	rest, _ := io.ReadAll(tm.FinalOutput(t))
	return final, append(out.Bytes(), rest...)
}

// step presses keys, then waits until the screen shows some text.
type step struct {
	keys []string
	wait string
}

func keys(ks ...string) []string { return ks }

// plain is the final frame as a colourless terminal shows it.
func plain(m *Model) string {
	var b bytes.Buffer
	w := &colorprofile.Writer{Forward: &b, Profile: colorprofile.NoTTY}
	io.WriteString(w, m.View().Content)
	return b.String()
}

func TestGolden(t *testing.T) {
	for _, tc := range []struct {
		name  string
		empty bool
		steps []step
	}{
		{name: "welcome", empty: true, steps: []step{{wait: "Welcome"}}},
		{name: "list", steps: []step{{wait: "4 customers"}}},
		{name: "list_filter", steps: []step{{wait: "4 customers"}, {keys: keys("/", "a", "n"), wait: "1 match"}}},
		{name: "list_help", steps: []step{{wait: "4 customers"}, {keys: keys("?"), wait: "bottom"}}},
		{name: "detail", steps: []step{{wait: "4 customers"}, {keys: keys("enter"), wait: "Talking points"}}},
		{name: "detail_safe", steps: []step{{wait: "4 customers"}, {keys: keys("enter"), wait: "Talking points"}, {keys: keys("p"), wait: "SCREEN-SAFE"}}},
		{name: "note", steps: []step{{wait: "4 customers"}, {keys: keys("enter"), wait: "Talking points"},
			{keys: keys("n"), wait: "New note"}, {keys: keys("L", "i", "s", "b", "o", "n", "tab", "1", "3", "-", "0", "1", "ctrl+s"), wait: "no month 13"}}},
		{name: "customer_form", steps: []step{{wait: "4 customers"}, {keys: keys("a"), wait: "New customer"},
			{keys: keys("Z", "o", "ë", "tab", "tab", "tab", "z", "o", "e", "ctrl+s"), wait: "has an @"}}},
		{name: "archive", steps: []step{{wait: "4 customers"}, {keys: keys("j", "d"), wait: "y/n"}}},
		{name: "week", steps: []step{{wait: "4 customers"}, {keys: keys("w"), wait: "to do"}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := mustOpen(t)
			if !tc.empty {
				seed(t, s)
			}
			m, _ := runProgram(t, s, tc.steps...)
			golden.RequireEqual(t, plain(m))
		})
	}
}

// hostile is text that tries to clear the screen, set the window title and
// write the clipboard (OSC 52), plus a bidi override and C1 controls.
const hostile = "\x1b[2J\x1b[HEVIL\x1b]0;PWNED\x07\x1b]52;c;SGVsbG8=\x07\u202e\u009b31m"

var sgr = regexp.MustCompile(`\x1b\[[0-9;:]*m`)

func TestEscapesFromDataAreInert(t *testing.T) {
	s := mustOpen(t)
	ctx := context.Background()
	c := &model.Customer{Name: "Eve" + hostile, Nickname: "E" + hostile, Tags: []string{"t" + hostile}, Usual: "u" + hostile,
		Partner: "p" + hostile, Email: "eve@example.com" + hostile}
	if err := s.CreateCustomer(ctx, c); err != nil {
		t.Fatal(err)
	}
	for _, err := range []error{
		s.AddNote(ctx, &model.Note{CustomerID: c.ID, Text: "note " + hostile + "\nsecond line" + hostile, AskOn: day("2026-11-20")}),
		s.AddVisit(ctx, &model.Visit{CustomerID: c.ID, On: day("2026-11-20"), Cents: 100, What: "w" + hostile}),
		s.AddFeedback(ctx, &model.Feedback{CustomerID: c.ID, On: day("2026-11-20"), Rating: 1, Comment: "f" + hostile}),
		s.AddThankYou(ctx, &model.ThankYou{CustomerID: c.ID, Reason: "r" + hostile, Due: day("2026-11-22")}),
	} {
		if err != nil {
			t.Fatal(err)
		}
	}

	// Every screen the customer appears on, through Update.
	h := newHarness(t, s)
	h.send(tea.WindowSizeMsg{Width: 120, Height: 60})
	inert := func(where string) {
		t.Helper()
		v := h.m.View()
		if rest := sgr.ReplaceAllString(v.Content, ""); strings.ContainsAny(rest, "\x1b\x07\u009b\u202e") {
			i := strings.IndexAny(rest, "\x1b\x07\u009b\u202e")
			t.Fatalf("%s: a control character reached the screen near %q", where, rest[max(i-20, 0):min(i+20, len(rest))])
		}
		if strings.ContainsAny(v.WindowTitle, "\x1b\x07\u009b\u202e") {
			t.Fatalf("%s: window title %q holds a control character", where, v.WindowTitle)
		}
	}
	inert("list")
	h.mustShow("EVIL")
	h.typeText("/eve")
	inert("filtered list")
	h.press("enter")
	h.mustShow("EVIL", "second line")
	inert("detail")
	h.typeText("e")
	inert("edit form")
	h.press("esc")
	h.typeText("n")
	inert("note form")

	// And through the real program: no byte of the hostile sequences
	// reaches the terminal.
	_, out := runProgram(t, s, step{wait: "EVIL"}, step{keys: keys("enter"), wait: "second line"})
	for _, bad := range []string{"\x1b]0;PWNED", "\x1b]52;", "\x1b[2J\x1b[HEVIL", "\u202e", "\u009b31m"} {
		if bytes.Contains(out, []byte(bad)) {
			t.Fatalf("the terminal received %q from the notebook", bad)
		}
	}
	if !bytes.Contains(out, []byte("EVIL")) {
		t.Fatal("the customer was never drawn")
	}
}

package cli

import (
	"context"
	"strings"
	"testing"
	"time"

	"regulars/model"
	"regulars/store"
)

// Issue 12, "the card does everything": the command-line parts.

// withStore opens the test's notebook directly, for what no command makes.
func (c *cli) withStore(fn func(ctx context.Context, s *store.Store)) {
	c.t.Helper()
	s, err := store.Open(c.db)
	if err != nil {
		c.t.Fatal(err)
	}
	defer s.Close()
	s.Now = func() time.Time { return time.Date(2026, 11, 23, 10, 0, 0, 0, time.Local) }
	fn(context.Background(), s)
}

func mustContain(t *testing.T, what, got string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(got, w) {
			t.Errorf("%s lacks %q:\n%s", what, w, got)
		}
	}
}

func mustNotContain(t *testing.T, what, got string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if strings.Contains(got, w) {
			t.Errorf("%s has %q:\n%s", what, w, got)
		}
	}
}

// anna makes a customer with one record of every kind: note:1, visit:1,
// thanks:1, feedback:1 and outreach:1.
func anna(t *testing.T) *cli {
	c := newCLI(t)
	c.ok("add", "Anna Schmidt")
	c.ok("note", "anna", "Off to Germany", "--ask-on", "12-01")
	c.ok("visit", "anna", "12.50", "--what", "cake")
	c.ok("thanks", "anna", "the catering order")
	c.ok("feedback", "anna", "2", "coffee was cold")
	c.withStore(func(ctx context.Context, s *store.Store) {
		if err := s.AddOutreach(ctx, &model.Outreach{CustomerID: 1, On: model.MakeDate(2026, 11, 20), Channel: model.Call, Note: "asked about the order"}); err != nil {
			t.Fatal(err)
		}
	})
	return c
}

func TestShowIDs(t *testing.T) {
	c := anna(t)
	plain := c.ok("show", "anna")
	mustNotContain(t, "show without --ids", plain, "note:1", "visit:1")
	got := c.ok("show", "anna", "--ids")
	mustContain(t, "show --ids", got, "note:1", "visit:1", "thanks:1", "feedback:1", "outreach:1",
		"Off to Germany", "12.50", "the catering order", "coffee was cold", "asked about the order")
}

func TestContactsFlags(t *testing.T) {
	c := newCLI(t)
	c.ok("add", "Anna Schmidt", "--phone", "mobile:+49 170 1234567", "--phone", "work:030 1234",
		"--email", "anna@example.com", "--email", "home:a.s@example.org", "--address", "Hauptstr. 5, 10115 Berlin")
	show := c.ok("show", "anna")
	mustContain(t, "show", show, "Contact:", "+49 170 1234567 (mobile)", "030 1234 (work)",
		"anna@example.com", "a.s@example.org (home)", "Address:     Hauptstr. 5, 10115 Berlin")
	if i, j := strings.Index(show, "+49 170"), strings.Index(show, "030 1234"); i > j {
		t.Errorf("the first phone given is not listed first:\n%s", show)
	}
	// The list finds any of them.
	for _, q := range []string{"0301234", "a.s@example", "1701234567"} {
		if got := c.ok("find", q); !strings.HasPrefix(got, "1\tAnna Schmidt") {
			t.Errorf("find %s: %q", q, got)
		}
	}
	c.ok("edit", "anna", "--phone", "home:040 555", "--address", "")
	show = c.ok("show", "anna")
	mustContain(t, "show after edit", show, "040 555 (home)", "anna@example.com")
	mustNotContain(t, "show after edit", show, "030 1234", "Hauptstr")
	c.fails(1, `"fax" is not a label`, "edit", "anna", "--phone", "fax:123")
	c.fails(1, "at most 4 lines", "edit", "anna", "--address", "a, b, c, d, e, 10115 Berlin")
}

func TestShowTalkingPointsOrder(t *testing.T) {
	c := newCLI(t)
	c.ok("add", "Anna Schmidt", "--partner", "Tom", "--usual", "tea", "--anniversary", "2010-11-30")
	c.ok("thanks", "anna", "the catering order", "--due", "2026-11-20")
	c.ok("feedback", "anna", "1", "far too loud")
	show := c.ok("show", "anna")
	mustContain(t, "show", show, "Thank-you:   the catering order (due since Fri 20 Nov)",
		"Reply to:    1/5 on Mon 23 Nov: far too loud", "Anniversary: 30 Nov 2010 — in 7 days (Mon 30 Nov), 16 years")
	order := []string{"Thank-you:", "Reply to:", "Anniversary:", "Partner:", "Usual:", "Last visit:"}
	last := -1
	for _, w := range order {
		i := strings.Index(show, w)
		if i < last {
			t.Fatalf("%q is out of order (owed first):\n%s", w, show)
		}
		last = i
	}
}

func TestReferredBy(t *testing.T) {
	c := newCLI(t)
	c.ok("add", "Anna Schmidt")
	c.ok("add", "Sam Lee", "--referred-by", "anna")
	c.ok("add", "Kai Berg")
	c.ok("edit", "kai", "--referred-by", "schmidt")
	mustContain(t, "show anna", c.ok("show", "anna"), "Sent us Sam Lee, Kai Berg")
	mustContain(t, "show sam", c.ok("show", "sam"), "Referred by Anna Schmidt")
	c.fails(1, `no customer matches "nobody"`, "add", "Zoe", "--referred-by", "nobody")
	c.fails(1, "cannot have sent themselves", "edit", "kai", "--referred-by", "kai")
	c.ok("edit", "kai", "--referred-by", "")
	mustNotContain(t, "show kai", c.ok("show", "kai"), "Referred by")
}

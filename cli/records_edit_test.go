package cli

import (
	"strings"
	"testing"
)

func TestEditRecords(t *testing.T) {
	c := anna(t)
	out := c.ok("edit", "note:1", "Off to Austria", "--ask-on", "12-05", "--private")
	mustContain(t, "edit note", out, "note:1", "text", "Off to Austria", "ask on", "Sat 5 Dec", "private")
	out = c.ok("edit", "visit:1", "--amount", "14.20", "--on", "2026-11-20", "--what", "cake and coffee")
	mustContain(t, "edit visit", out, "visit:1", "12.50 → 14.20", "Mon 23 Nov → Fri 20 Nov", "cake and coffee")
	c.ok("edit", "thanks:1", "the big order", "--due", "12-02")
	c.ok("edit", "feedback:1", "4", "better now", "--on", "yesterday")
	c.ok("edit", "outreach:1", "--via", "email", "--note", "sent the menu")
	show := c.ok("show", "anna", "--ids")
	mustContain(t, "show after edits", show, "Off to Austria", "14.20", "cake and coffee", "Fri 20 Nov",
		"the big order", "4/5", "better now", "sent the menu", "email")
	mustNotContain(t, "show after edits", show, "Off to Germany", "coffee was cold")
	// Only the flags given change: the private note keeps its text.
	out = c.ok("edit", "note:1", "--private=false")
	mustContain(t, "edit note --private=false", out, "private")
	mustContain(t, "show", c.ok("show", "anna"), "Off to Austria")
	if out := c.ok("edit", "visit:1", "--what", "cake and coffee"); !strings.Contains(out, "Nothing changed") {
		t.Errorf("an edit to the same value printed %q", out)
	}
	c.fails(2, "--what is not for a note", "edit", "note:1", "--what", "x")
	c.fails(2, "--birthday is not for a visit", "edit", "visit:1", "--birthday", "01-01")
	c.fails(2, "--amount is for a visit", "edit", "anna", "--amount", "3")
	c.fails(1, "there is no record visit:9", "edit", "visit:9", "--what", "x")
	c.fails(1, "a rating of 7 is out of range", "edit", "feedback:1", "7")
	// A customer is still edited by WHO.
	mustContain(t, "edit customer", c.ok("edit", "anna", "--usual", "tea"), "Updated #1 Anna Schmidt")
}

func TestDeleteUndelete(t *testing.T) {
	c := anna(t)
	out := c.ok("delete", "visit:1")
	if want := "Deleted visit:1 (Mon 23 Nov, 12.50). Bring it back with: regulars undelete visit:1\n"; out != want {
		t.Fatalf("delete printed %q, want %q", out, want)
	}
	show := c.ok("show", "anna")
	mustContain(t, "show after delete", show, "Last visit:  never")
	mustNotContain(t, "show after delete", show, "12.50")
	c.fails(1, "visit:1 is already removed", "delete", "visit:1")
	mustContain(t, "undelete", c.ok("undelete", "visit:1"), "visit:1", "12.50")
	mustContain(t, "show after undelete", c.ok("show", "anna"), "Last visit:  Mon 23 Nov (today), cake, 12.50")
	c.fails(1, "is not a record id", "delete", "anna")
	c.fails(2, "say which record", "delete")
	c.fails(1, "visit:1 is not removed", "undelete", "visit:1")
}

func TestEditNoteClearsFollowUp(t *testing.T) {
	c := anna(t)
	out := c.ok("edit", "note:1", "--ask-on", "")
	mustContain(t, "edit --ask-on ''", out, "ask on:", "Tue 1 Dec → (none)")
	mustNotContain(t, "show", c.ok("show", "anna"), "Ask about:")
}

func TestShowIDsListsDeleted(t *testing.T) {
	c := anna(t)
	c.ok("delete", "visit:1")
	got := c.ok("show", "anna", "--ids")
	mustContain(t, "show --ids", got, "Deleted:", "visit:1", "regulars undelete visit:1")
	mustNotContain(t, "show", c.ok("show", "anna"), "Deleted:")
}

package cli

import (
	"encoding/json"
	"strings"
	"testing"

	"regulars/store"
)

type weekOut struct {
	Start, End string
	Open, Done int
	Streak     int
	Items      []struct {
		ID, Kind, Customer, Reason, Due, State string
		CustomerID                             int64 `json:"customer_id"`
	}
}

func weekJSONOf(t *testing.T, c *cli, args ...string) weekOut {
	t.Helper()
	var w weekOut
	if err := json.Unmarshal([]byte(c.ok(append([]string{"week", "--json"}, args...)...)), &w); err != nil {
		t.Fatal(err)
	}
	return w
}

func (w weekOut) state(id string) string {
	for _, it := range w.Items {
		if it.ID == id {
			return it.State
		}
	}
	return "absent"
}

// The clock of the cli is Monday 23 Nov 2026.
func TestWeekCommands(t *testing.T) {
	c := newCLI(t)
	// week only reads: it needs a notebook there, empty here.
	s, err := store.Open(c.db)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	if out := c.ok("week"); !strings.Contains(out, "Nothing on the queue this week") {
		t.Errorf("empty week:\n%s", out)
	}
	c.ok("add", "Ann Lee", "--birthday", "1986-11-25")
	c.ok("add", "Bob \x1b[31mRed")
	c.ok("note", "Bob", "Off to Lisbon; ask how it went", "--ask-on", "2026-11-24")
	c.ok("feedback", "Ann", "2", "cold coffee", "--on", "2026-11-20")

	w := weekJSONOf(t, c)
	if w.Start != "2026-11-23" || w.End != "2026-11-29" {
		t.Errorf("window %s … %s", w.Start, w.End)
	}
	byKind := map[string]string{}
	for _, it := range w.Items {
		if it.State != "open" || it.CustomerID == 0 || it.Due == "" || it.Reason == "" {
			t.Errorf("item %+v", it)
		}
		byKind[it.Kind] = it.ID
	}
	for _, k := range []string{"birthday", "new-customer", "unhappy", "follow-up"} {
		if byKind[k] == "" {
			t.Errorf("no %s item in %+v", k, w.Items)
		}
	}
	bday, ask := byKind["birthday"], byKind["follow-up"]
	if !strings.HasPrefix(bday, "birthday:") || !strings.HasSuffix(bday, ":2026") {
		t.Errorf("birthday id %q", bday)
	}

	out := c.ok("week")
	for _, want := range []string{"Birthdays", "Ann Lee: turns 40 on Wed 25 Nov  (" + bday + ")", "Follow-ups", "[ ]"} {
		if !strings.Contains(out, want) {
			t.Errorf("week output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "\x1b") {
		t.Errorf("week output carries an escape sequence:\n%q", out)
	}

	if out := c.ok("done", bday, "--via", "call", "--note", "sang happy birthday"); !strings.Contains(out, "Done by call: Ann Lee") ||
		!strings.Contains(out, "1 done · 1 week worked") {
		t.Errorf("done output:\n%s", out)
	}
	c.ok("done", ask) // the usual channel for a follow-up
	if out := c.ok("snooze", byKind["unhappy"]); !strings.Contains(out, "Snoozed until next week") {
		t.Errorf("snooze output:\n%s", out)
	}
	// Every command is a fresh process: the states survive the restart.
	w = weekJSONOf(t, c)
	for id, want := range map[string]string{bday: "done", ask: "done", byKind["unhappy"]: "snoozed", byKind["new-customer"]: "open"} {
		if got := w.state(id); got != want {
			t.Errorf("%s: state %s, want %s", id, got, want)
		}
	}
	if w.Done != 2 || w.Streak != 1 {
		t.Errorf("done %d streak %d, want 2 and 1", w.Done, w.Streak)
	}
	if out := c.ok("undo", ask); !strings.Contains(out, "Open again (was done)") {
		t.Errorf("undo output:\n%s", out)
	}
	if got, want := weekJSONOf(t, c).state(ask), "open"; got != want {
		t.Errorf("after undo: %s, want %s", got, want)
	}
	// Planning ahead: the queue as it will stand next week.
	w = weekJSONOf(t, c, "--today", "2026-11-30")
	if got, want := w.state(byKind["unhappy"]), "open"; got != want {
		t.Errorf("next week the snoozed item is %s, want %s", got, want)
	}
	if got, want := w.state(bday), "absent"; got != want {
		t.Errorf("next week the done birthday is %s, want %s", got, want)
	}

	for _, tt := range []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"done"}, 2, "say which item"},
		{[]string{"done", "nonsense"}, 1, "not a week item id"},
		{[]string{"done", bday, "--via", "fax"}, 1, "not a channel"},
		{[]string{"done", bday}, 1, "already done"},
		{[]string{"done", "birthday:999:2026"}, 1, "not on the queue"},
		{[]string{"snooze", bday}, 1, "already done"},
		{[]string{"undo", byKind["new-customer"]}, 1, "nothing to undo"},
		{[]string{"week", "extra"}, 2, "unexpected argument"},
	} {
		_, errOut, code := c.run(tt.args...)
		if code != tt.code || !strings.Contains(errOut, tt.msg) {
			t.Errorf("regulars %s: exit %d, stderr %q; want %d and %q", strings.Join(tt.args, " "), code, errOut, tt.code, tt.msg)
		}
	}
}

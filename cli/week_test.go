package cli

import (
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
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
	// Issue 14: a follow-up is on the queue a week past its ask-on day
	// (was --ask-on 2026-11-24).
	c.ok("note", "Bob", "Off to Lisbon; ask how it went", "--ask-on", "2026-11-16")
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

	// Issue 14: the queue is one row per person by default; --by kind is
	// the list by kind as before.
	out := c.ok("week", "--by", "kind")
	for _, want := range []string{"Birthdays", "Ann Lee: turns 40 on Wed 25 Nov  (" + bday + ")", "Follow-ups", "[ ]"} {
		if !strings.Contains(out, want) {
			t.Errorf("week output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "\x1b") {
		t.Errorf("week output carries an escape sequence:\n%q", out)
	}
	out = c.ok("week")
	for _, want := range []string{"[ ] Ann Lee — rated 2/5 on Fri 20 Nov: \"cold coffee\" · turns 40 on Wed 25 Nov · added on Mon 23 Nov: welcome them",
		"no phone or e-mail: in person", "(" + byKind["unhappy"] + " " + bday + " "} {
		if !strings.Contains(out, want) {
			t.Errorf("week output lacks %q:\n%s", want, out)
		}
	}
	if strings.Count(out, "Ann Lee") != 1 {
		t.Errorf("Ann Lee on more than one row:\n%s", out)
	}
	if out := c.ok("week", "--by", "day"); !strings.Contains(out, "Overdue") || !strings.Contains(out, "Wed 25 Nov") {
		t.Errorf("week --by day:\n%s", out)
	}

	if out := c.ok("done", bday, "--via", "call", "--note", "sang happy birthday"); !strings.Contains(out, "Done by call: Ann Lee") ||
		!strings.Contains(out, "1 done · 1 week worked") {
		t.Errorf("done output:\n%s", out)
	}
	c.ok("done", ask) // the usual channel for a follow-up
	// Issue 14: unhappy feedback is never snoozed (it stays until replied);
	// a thank-you is snoozed instead (was the unhappy item).
	c.fails(1, "waits for a reply", "snooze", byKind["unhappy"])
	c.ok("thanks", "Ann", "the cake order", "--due", "2026-11-25")
	var snoozed string
	for _, it := range weekJSONOf(t, c).Items {
		if it.Kind == "thank-you" {
			snoozed = it.ID
		}
	}
	if out := c.ok("snooze", snoozed); !strings.Contains(out, "Snoozed until next week") {
		t.Errorf("snooze output:\n%s", out)
	}
	// Every command is a fresh process: the states survive the restart.
	w = weekJSONOf(t, c)
	for id, want := range map[string]string{bday: "done", ask: "done", snoozed: "snoozed", byKind["unhappy"]: "open"} {
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
	if got, want := w.state(snoozed), "open"; got != want {
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
		{[]string{"undo", byKind["unhappy"]}, 1, "nothing to undo"},
		{[]string{"week", "extra"}, 2, "unexpected argument"},
		{[]string{"week", "--by", "size"}, 2, "not an order"},
		{[]string{"week", "--export", "pdf"}, 2, "not a format"},
		{[]string{"week", "-o", "x.csv"}, 2, "needs --export"},
		{[]string{"template", "set", "bday", "x"}, 2, "not a template"},
	} {
		_, errOut, code := c.run(tt.args...)
		if code != tt.code || !strings.Contains(errOut, tt.msg) {
			t.Errorf("regulars %s: exit %d, stderr %q; want %d and %q", strings.Join(tt.args, " "), code, errOut, tt.code, tt.msg)
		}
	}
}

// week --json keeps items and adds people, one a customer with their
// contact and draft; --drafts prints the drafts; --export csv writes the
// mail merge 0600; templates are set in the notebook.
func TestWeekPeopleDraftsExport(t *testing.T) {
	c := newCLI(t)
	c.ok("add", "Ann Lee", "--birthday", "1986-11-25", "--phone", "0171 555 1234", "--usual", "flat white")
	c.ok("feedback", "Ann", "2", "cold coffee", "--on", "2026-11-20")
	c.ok("add", "Bob Ray", "--email", "bob@example.com")
	c.ok("template", "set", "signature", "Maria, Café Linde")

	var w struct {
		Items  []struct{ ID string }
		People []struct {
			CustomerID int64    `json:"customer_id"`
			Customer   string   `json:"customer"`
			Items      []string `json:"items"`
			Contact    struct{ Phone, Email, Address string }
			Draft      string `json:"draft"`
		}
	}
	if err := json.Unmarshal([]byte(c.ok("week", "--json")), &w); err != nil {
		t.Fatal(err)
	}
	if len(w.People) != 2 || len(w.Items) != 4 {
		t.Fatalf("people %+v items %+v", w.People, w.Items)
	}
	ann := w.People[0]
	if ann.Customer != "Ann Lee" || ann.Contact.Phone != "0171 555 1234" || len(ann.Items) != 3 || ann.CustomerID == 0 {
		t.Errorf("Ann: %+v", ann)
	}
	if want := "Hi Ann, I was sorry to read about your last visit. You wrote: “cold coffee”."; !strings.HasPrefix(ann.Draft, want) ||
		!strings.HasSuffix(ann.Draft, "— Maria, Café Linde") || !strings.Contains(ann.Draft, "Enjoy turning 40!") {
		t.Errorf("Ann's draft %q", ann.Draft)
	}
	if w.People[1].Contact.Email != "bob@example.com" {
		t.Errorf("Bob: %+v", w.People[1])
	}

	if out := c.ok("week", "--drafts"); !strings.Contains(out, "Ann Lee — phone 0171 555 1234\nHi Ann,") ||
		!strings.Contains(out, "Bob Ray — e-mail bob@example.com\nLovely to meet you this week, Bob.") {
		t.Errorf("drafts:\n%s", out)
	}

	path := filepath.Join(t.TempDir(), "cards.csv")
	if out := c.ok("week", "--export", "csv", "-o", path); !strings.Contains(out, "2 people") {
		t.Errorf("export: %s", out)
	}
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("mode %v, want 0600", fi.Mode().Perm())
	}
	rows, err := csv.NewReader(strings.NewReader(mustRead(t, path))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 3 || strings.Join(rows[0], ",") != "name,address_line_1,address_line_2,address_line_3,address_line_4,channel,draft" ||
		rows[1][0] != "Ann Lee" || rows[1][5] != "call" || rows[1][6] != ann.Draft {
		t.Errorf("rows %q", rows)
	}

	if out := c.ok("template", "list"); !strings.Contains(out, "signature (yours)\n  Maria, Café Linde") ||
		!strings.Contains(out, "birthday (default)\n  Happy birthday, {first}!") {
		t.Errorf("template list:\n%s", out)
	}
	c.ok("template", "set", "new-customer", "Welcome, {first}!")
	if out := c.ok("week", "--drafts"); !strings.Contains(out, "Welcome, Bob!") {
		t.Errorf("drafts after set:\n%s", out)
	}
}

func mustRead(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

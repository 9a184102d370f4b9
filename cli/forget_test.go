package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// runIn runs regulars with stdin and, when tty, as if standard input were
// a terminal.
func (c *cli) runIn(stdin string, tty bool, args ...string) (string, string, int) {
	c.t.Helper()
	var out, errOut bytes.Buffer
	e := &env{stdout: &out, stderr: &errOut, stdin: strings.NewReader(stdin),
		now:         func() time.Time { return time.Date(2026, 11, 23, 10, 0, 0, 0, time.Local) },
		getenv:      func(k string) string { return map[string]string{"REGULARS_DB": c.db}[k] },
		interactive: func() bool { return tty }}
	code := run(e, args)
	return out.String(), errOut.String(), code
}

func TestUnarchive(t *testing.T) {
	c := newCLI(t)
	c.ok("add", "Anna Schmidt")
	c.ok("add", "Anna Berger")
	c.fails(1, `nobody archived matches "anna"`, "unarchive", "anna")
	c.ok("archive", "schmidt")
	// Only archived customers are candidates: "anna" is Anna Schmidt here.
	if got, want := c.ok("unarchive", "anna"), "Unarchived #1 Anna Schmidt.\n"; got != want {
		t.Fatalf("unarchive printed %q, want %q", got, want)
	}
	mustNotContain(t, "show", c.ok("show", "1"), "[archived]")
	c.fails(1, "Anna Berger is not archived", "unarchive", "2")
}

func TestForget(t *testing.T) {
	c := newCLI(t)
	c.ok("add", "Zelda Quorrington", "--phone", "0176 99887766")
	c.ok("note", "zelda", "secret plans for the orchard")
	c.ok("add", "Other Person")
	c.fails(2, "--yes", "forget", "zelda") // no terminal
	_, errOut, code := c.runIn("Zelda Q\n", true, "forget", "zelda")
	if code != 1 || !strings.Contains(errOut, "Type the name to confirm: ") || !strings.Contains(errOut, "nothing was forgotten") {
		t.Fatalf("wrong name typed: exit %d, %q", code, errOut)
	}
	mustContain(t, "show", c.ok("show", "zelda"), "secret plans")
	out, errOut, code := c.runIn("Zelda Quorrington\n", true, "forget", "zelda")
	if code != 0 {
		t.Fatalf("forget: exit %d, %q", code, errOut)
	}
	mustContain(t, "forget", out+errOut, "Forgot #1 Zelda Quorrington", "backups made before")
	c.fails(1, `no customer matches "zelda"`, "show", "zelda")

	c.ok("add", "Yorick Ashworth-Vale")
	c.ok("note", "yorick", "allergic to walnuts, keep quiet")
	mustContain(t, "forget --yes", c.ok("forget", "yorick", "--yes"), "Forgot #3 Yorick Ashworth-Vale")
	for _, f := range []string{c.db, c.db + "-wal"} {
		b, err := os.ReadFile(f)
		if os.IsNotExist(err) {
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		for _, secret := range []string{"Zelda Quorrington", "secret plans", "Yorick Ashworth-Vale", "allergic to walnuts"} {
			if bytes.Contains(b, []byte(secret)) {
				t.Errorf("%s still holds %q", filepath.Base(f), secret)
			}
		}
	}
	mustContain(t, "show other", c.ok("show", "other"), "Other Person")
}

func TestMergeAndDupes(t *testing.T) {
	c := newCLI(t)
	c.ok("add", "Anna Schmidt", "--phone", "0176 1234567")
	c.ok("add", "Anna Schmídt")
	c.ok("add", "A. Schmidt", "--phone", "+49 (0)176 1234567")
	c.ok("add", "Bob Stone")
	c.ok("note", "2", "likes jazz")
	c.ok("visit", "2", "5.00")
	out := c.ok("dupes")
	mustContain(t, "dupes", out, "Anna Schmidt", "Anna Schmídt", "same name but for accents", "regulars merge 2 1")
	mustNotContain(t, "dupes", out, "Bob Stone")
	out = c.ok("merge", "2", "1")
	mustContain(t, "merge", out, "Merged #2 Anna Schmídt into #1 Anna Schmidt", "1 note", "1 visit")
	show := c.ok("show", "1")
	mustContain(t, "show after merge", show, "likes jazz", "5.00")
	c.fails(1, "there is no customer #2", "show", "2")
	c.fails(2, "say who and into whom", "merge", "1")
	if out := c.ok("dupes"); strings.Contains(out, "#2") {
		t.Errorf("dupes after merge: %s", out)
	}
}

func TestCompletionIssue12(t *testing.T) {
	c := newCLI(t)
	c.ok("add", "Anna Meyer")
	for _, args := range [][]string{{"forget", "An"}, {"merge", "An"}, {"merge", "1", "An"}, {"edit", "An"}, {"add", "X", "--referred-by", "An"}} {
		if got := strings.Join(c.completions(args...), "|"); got != "Anna Meyer" {
			t.Errorf("%v<TAB>: %q", args, got)
		}
	}
	c.ok("archive", "anna")
	if got := strings.Join(c.completions("unarchive", "An"), "|"); got != "Anna Meyer" {
		t.Errorf("unarchive An<TAB>: %q (archived customers complete)", got)
	}
	c.ok("unarchive", "anna")
	c.ok("note", "anna", "hello")
	if got := strings.Join(c.completions("delete", "note"), "|"); got != "note:1" {
		t.Errorf("delete note<TAB>: %q", got)
	}
}

func TestForgetAndMergeReachArchived(t *testing.T) {
	c := newCLI(t)
	c.ok("add", "Anna Schmidt")
	c.ok("add", "Old Anna")
	c.ok("add", "Gone Person")
	c.ok("archive", "old anna")
	c.ok("archive", "gone")
	mustContain(t, "merge an archived card", c.ok("merge", "old anna", "schmidt"), "Merged #2 Old Anna into #1 Anna Schmidt")
	mustContain(t, "forget an archived customer", c.ok("forget", "gone", "--yes"), "Forgot #3 Gone Person")
}

func TestDupesMakesNoNotebook(t *testing.T) {
	c := newCLI(t)
	c.fails(1, "there is no notebook at", "dupes")
	if _, err := os.Stat(c.db); !os.IsNotExist(err) {
		t.Fatalf("dupes made a notebook: %v", err)
	}
	c.ok("add", "Anna")
	if got := c.ok("dupes"); got != "No likely duplicates.\n" {
		t.Fatalf("dupes printed %q", got)
	}
}

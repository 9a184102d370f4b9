package cli

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/creack/pty"
)

// Issue 11, "No surprises": the command line does what it says and
// nothing else.

// demo fills a notebook of its own, never the one REGULARS_DB names.
func TestDemoNeverUsesRealNotebook(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	c := newCLI(t)
	out, errOut, code := c.run("demo", "--customers", "5", "--no-open")
	if code != 0 {
		t.Fatalf("demo: exit %d, %s", code, errOut)
	}
	if _, err := os.Stat(c.db); err == nil {
		t.Fatalf("demo wrote into REGULARS_DB %s", c.db)
	}
	first, _, _ := strings.Cut(out, "\n")
	path, ok := strings.CutPrefix(first, "Demo notebook: ")
	if !ok || !strings.HasPrefix(path, tmp) {
		t.Fatalf("demo's first line is %q, want the demo notebook in %s", first, tmp)
	}

	// With --db on its own command line, demo uses that file and says so
	// before it starts.
	db := filepath.Join(t.TempDir(), "demo.db")
	out = c.ok("demo", "--customers", "5", "--no-open", "--db", db)
	if !strings.HasPrefix(out, "Demo notebook: "+db+"\n") {
		t.Fatalf("demo --db printed %q", out)
	}
	_, errOut, code = c.run("demo", "--customers", "5", "--no-open", "--db", db)
	if code != 1 || !strings.Contains(errOut, "already holds 5 customers") || strings.Contains(errOut, "internal error") {
		t.Fatalf("demo into a full notebook: exit %d, %q", code, errOut)
	}
}

// Commands that only read never make a notebook, nor its folder.
func TestReadCommandsMakeNothing(t *testing.T) {
	c := newCLI(t)
	dir := t.TempDir()
	missing := filepath.Join(dir, "typo", "n.db")
	phone := filepath.Join("..", "interchange", "testdata", "import", "iphone-contacts.vcf")
	want := "there is no notebook at " + missing + "; start one with 'regulars add NAME' or by running 'regulars'"
	for _, args := range [][]string{
		{"show", "anna"}, {"find", "anna"}, {"week"}, {"export", "--format", "csv"},
		{"backup"}, {"import", phone, "--dry-run"},
	} {
		_, errOut, code := c.run(append(args, "--db", missing)...)
		if code != 1 || !strings.Contains(errOut, want) {
			t.Errorf("%v: exit %d, stderr %q; want exit 1 and %q", args, code, errOut, want)
		}
	}
	c.run("__complete", "--db", missing, "show", "")
	// No terminal: the notebook on screen cannot open, and says so.
	_, errOut, code := c.run("--db", missing)
	if code != 1 || !strings.Contains(errOut, "needs a terminal") {
		t.Errorf("regulars without a terminal: exit %d, %q", code, errOut)
	}
	if _, err := os.Stat(filepath.Join(dir, "typo")); err == nil {
		t.Fatalf("a command that only reads made %s", filepath.Join(dir, "typo"))
	}
}

// --ask-on and --due look ahead: 01-15 typed in November is next January.
func TestForwardDates(t *testing.T) {
	c := newCLI(t)
	c.ok("add", "Anna")
	if got := c.ok("note", "anna", "ski trip", "--ask-on", "01-15"); !strings.Contains(got, "ask about it from Fri 15 Jan") {
		t.Errorf("note --ask-on 01-15 in November: %q", got)
	}
	if got := c.ok("thanks", "anna", "the flowers", "--due", "01-05"); !strings.Contains(got, "due Tue 5 Jan") {
		t.Errorf("thanks --due 01-05 in November: %q", got)
	}
	if got := c.ok("add", "Ben", "--birthday", "01-15"); got != "2\n" {
		t.Errorf("add --birthday 01-15: %q", got)
	}
	if got := c.ok("show", "ben"); !strings.Contains(got, "Birthday:    15 Jan —") {
		t.Errorf("a birthday stays yearless: %q", got)
	}
}

// Words left over are refused by name, not folded into the name or amount.
func TestExtraWords(t *testing.T) {
	c := newCLI(t)
	c.fails(2, `"owner"`, "add", "Anna Meyer", "--tag", "vip", "--tag", "dog", "owner")
	if _, err := os.Stat(c.db); err == nil {
		t.Fatal("a refused add made the notebook")
	}
	c.ok("add", "Anna Meyer")
	c.fails(2, `"extra"`, "visit", "1", "12.50", "extra")
	c.fails(1, "negative", "visit", "1", "-5")
	c.fails(2, `"Schmidt"`, "edit", "1", "Anna", "Schmidt")
}

// 2 is a wrong call, 1 a value refused, whichever flag carries it.
func TestExitCodes(t *testing.T) {
	c := newCLI(t)
	c.ok("add", "Anna")
	for _, tc := range []struct {
		code int
		want string
		args []string
	}{
		{1, "--via", []string{"done", "lapsed:1:2026-10-14", "--via", "smoke-signal"}},
		{1, "--ask-on", []string{"note", "anna", "x", "--ask-on", "someday"}},
		{1, "--limit", []string{"find", "anna", "--limit", "many"}},
		{1, "--limit", []string{"find", "anna", "--limit", "0"}},
		{1, "--limit", []string{"find", "anna", "--limit=-1"}},
		{1, "--today", []string{"week", "--today", "someday"}},
		{1, "--today: 9999-12-31 is out of range", []string{"week", "--today", "9999-12-31"}},
		{1, "--format", []string{"export", "--format", "docx"}},
		{1, "--format", []string{"import", "x.vcf", "--format", "docx"}},
		{1, "--customers", []string{"demo", "--customers", "0", "--no-open"}},
		{1, `--no-open: "maybe" is not true or false`, []string{"demo", "--no-open=maybe"}},
		{1, "item", []string{"done", "nonsense"}},
		{2, "flag provided but not defined", []string{"find", "anna", "--colour"}},
		{2, "unknown command", []string{"frobnicate"}},
		{2, "say who", []string{"show"}},
	} {
		_, errOut, code := c.run(tc.args...)
		if code != tc.code || !strings.Contains(errOut, tc.want) || strings.Contains(errOut, "internal error") {
			t.Errorf("%v: exit %d, %q; want exit %d and %q", tc.args, code, errOut, tc.code, tc.want)
		}
	}
}

// What a command says is true: a read says nothing about writing, counts
// are real, a rhythm reads in words, a visit without an amount has none.
func TestTruthfulWords(t *testing.T) {
	c := newCLI(t)
	for i := 0; i < 25; i++ {
		c.ok("add", "Anna "+string(rune('A'+i)))
	}
	_, errOut, code := c.run("show", "anna")
	if code != 1 || !strings.Contains(errOut, "25 customers match") || strings.Contains(errOut, "nothing was written") {
		t.Errorf("show anna: exit %d, %q", code, errOut)
	}
	_, errOut, _ = c.run("note", "anna", "hello")
	if !strings.Contains(errOut, "25 customers match") || !strings.Contains(errOut, "nothing was written") {
		t.Errorf("note anna: %q", errOut)
	}
	if got := c.ok("visit", "1"); got != "Visit logged for Anna A on Mon 23 Nov.\n" {
		t.Errorf("visit without amount: %q", got)
	}
	if got := c.ok("visit", "1", "0"); !strings.Contains(got, "(0.00)") {
		t.Errorf("visit with amount 0: %q", got)
	}
	id := strings.TrimSpace(c.ok("add", "Bea Weekly"))
	for _, on := range []string{"2026-10-14", "2026-10-21", "2026-10-28"} {
		c.ok("visit", id, "--on", on)
	}
	week := c.ok("week", "--by", "kind")
	if !strings.Contains(week, "Bea Weekly: last came Wed 28 Oct, 26 days ago; about every week") || strings.Contains(week, "usually every") {
		t.Errorf("week:\n%s", week)
	}
}

// Progress goes to a terminal only: a script's stderr stays empty.
func TestProgressOnlyOnTerminal(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "n.db")
	phone := filepath.Join("..", "interchange", "testdata", "import", "iphone-contacts.vcf")
	for _, args := range [][]string{
		{"import", phone}, {"export", "--format", "json", "-o", filepath.Join(dir, "out.json")},
		{"backup", filepath.Join(dir, "b.db")},
	} {
		if _, errOut, code := ioRun(t, db, args...); code != 0 || errOut != "" {
			t.Errorf("%v in a script: exit %d, stderr %q; want it quiet", args, code, errOut)
		}
	}
	for _, tc := range []struct {
		args []string
		want string
	}{
		// Into a notebook of its own: the first one already holds them.
		{[]string{"--db", filepath.Join(dir, "fresh.db"), "import", phone}, "Importing: 2 of 2 customers (100%)"},
		{[]string{"export", "--format", "json", "-o", filepath.Join(dir, "out2.json")}, "Exporting: 2 of 2 customers (100%)"},
		{[]string{"backup", filepath.Join(dir, "b2.db")}, "Backing up"},
		{[]string{"export", "--format", "csv"}, "Exporting: 2 of 2 customers (100%)"},
	} {
		_, errOut, code := ttyRun(t, db, false, tc.args...)
		if code != 0 || !strings.Contains(errOut, tc.want) {
			t.Errorf("%v on a terminal: exit %d, stderr %q; want %q", tc.args, code, errOut, tc.want)
		}
	}
}

// ttyRun runs one command line with stderr (or, with stdout set, stdout)
// on a pseudo-terminal and returns what the terminal showed.
func ttyRun(t *testing.T, db string, stdout bool, args ...string) (out, term string, code int) {
	t.Helper()
	ptmx, tty, err := pty.Open()
	if err != nil {
		t.Skipf("no pseudo-terminal: %v", err)
	}
	defer ptmx.Close()
	var shown bytes.Buffer
	done := make(chan struct{})
	go func() { io.Copy(&shown, ptmx); close(done) }()
	var buf bytes.Buffer
	e := &env{stdout: &buf, stderr: tty, stdin: strings.NewReader(""),
		now:    func() time.Time { return time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC) },
		getenv: func(string) string { return "" }}
	if stdout {
		e.stdout, e.stderr = tty, &buf
	}
	code = run(e, append([]string{"--db", db}, args...))
	tty.Close()
	<-done
	return buf.String(), shown.String(), code
}

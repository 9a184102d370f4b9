package cli

import (
	"bytes"
	"database/sql"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	_ "modernc.org/sqlite"
)

// cli runs regulars with args against the notebook at db, with a fixed
// clock, and returns stdout, stderr and the exit code.
type cli struct {
	t  *testing.T
	db string
}

func newCLI(t *testing.T) *cli {
	return &cli{t: t, db: filepath.Join(t.TempDir(), "n.db")}
}

func (c *cli) run(args ...string) (string, string, int) {
	c.t.Helper()
	var out, errOut bytes.Buffer
	e := &env{stdout: &out, stderr: &errOut, stdin: strings.NewReader(""),
		now:    func() time.Time { return time.Date(2026, 11, 23, 10, 0, 0, 0, time.Local) },
		getenv: func(k string) string { return map[string]string{"REGULARS_DB": c.db}[k] }}
	code := run(e, args)
	return out.String(), errOut.String(), code
}

// ok runs a command that must succeed and returns its output.
func (c *cli) ok(args ...string) string {
	c.t.Helper()
	out, errOut, code := c.run(args...)
	if code != 0 {
		c.t.Fatalf("regulars %s: exit %d, stderr %q", strings.Join(args, " "), code, errOut)
	}
	return out
}

// fails runs a command that must fail with code and a message containing want.
func (c *cli) fails(code int, want string, args ...string) {
	c.t.Helper()
	out, errOut, got := c.run(args...)
	if got != code || !strings.Contains(errOut, want) {
		c.t.Fatalf("regulars %s: exit %d, stderr %q; want exit %d and %q", strings.Join(args, " "), got, errOut, code, want)
	}
	if strings.ContainsRune(errOut, 0x1b) {
		c.t.Fatalf("error carries an escape sequence: %q", errOut)
	}
	if strings.Count(errOut, "\n") != 1 && !strings.Contains(errOut, "match") {
		c.t.Fatalf("error is not one line: %q", errOut)
	}
	_ = out
}

func TestRoundTrip(t *testing.T) {
	c := newCLI(t)
	if got := c.ok("add", "Anna Schmidt", "--birthday", "1986-11-28", "--partner", "Tom", "--children", "Emma (7), Max",
		"--usual", "flat white, extra hot", "--likes", "cycling", "--tag", "regular", "--phone", "+49 176 1234567"); got != "1\n" {
		t.Fatalf("add printed %q, want the id", got)
	}
	// Flags may stand before the arguments too.
	if got := c.ok("add", "--email", "anna@example.com", "Anna Berger"); got != "2\n" {
		t.Fatalf("second add printed %q", got)
	}
	c.ok("note", "schmidt", "Off to Germany next week", "--ask-on", "2026-12-01")
	c.ok("visit", "1", "12.50", "--what", "flat white and cake", "--on", "yesterday")
	c.ok("thanks", "1", "the catering order")
	c.ok("feedback", "Berger", "2", "coffee was cold")
	show := c.ok("show", "anna schmidt")
	for _, want := range []string{
		"Anna Schmidt  #1", "Partner:     Tom", "Children:    Emma (7), Max", "Usual:       flat white, extra hot",
		"Birthday:    28 Nov 1986 — in 5 days (Sat 28 Nov), turns 40",
		"Last visit:  Sun 22 Nov (yesterday), flat white and cake, 12.50",
		"Off to Germany next week (from Tue 1 Dec)", "the catering order (due Mon 30 Nov)",
	} {
		if !strings.Contains(show, want) {
			t.Errorf("show lacks %q:\n%s", want, show)
		}
	}
	if got := c.ok("show", "berger"); !strings.Contains(got, "2/5 on Mon 23 Nov: coffee was cold") {
		t.Errorf("unhappy feedback missing:\n%s", got)
	}
	if got := c.ok("find", "ann"); got != "2\tAnna Berger\tnever visited\n1\tAnna Schmidt\tlast visit 2026-11-22 (yesterday)\n" {
		t.Errorf("find printed %q", got)
	}
	c.ok("edit", "2", "--phone", "0176 555", "--birthday", "")
	if got := c.ok("find", "555"); !strings.HasPrefix(got, "2\tAnna Berger") {
		t.Errorf("find by new phone: %q", got)
	}
	c.ok("archive", "berger")
	c.fails(1, `no customer matches "berger"`, "show", "berger")
}

func TestErrorsWriteNothing(t *testing.T) {
	c := newCLI(t)
	c.ok("add", "Anna Schmidt")
	c.ok("add", "Anna Berger")
	c.fails(1, "--birthday: February has no day 30", "add", "Zoe", "--birthday", "02-30")
	c.fails(1, "a rating of 6 is out of range: ratings go from 1 to 5", "feedback", "1", "6")
	c.fails(1, `amount "12,50": write the decimal point as a dot, like 12.50`, "visit", "1", "12,50")
	c.fails(1, `"1e9" is not an amount`, "visit", "1", "1e9")
	c.fails(1, "--ask-on: April has no day 31", "note", "1", "hi", "--ask-on", "2026-04-31")
	c.fails(1, `no customer matches "zoe"`, "note", "zoe", "hello")
	c.fails(1, "there is no customer #9", "note", "9", "hello")
	c.fails(1, "a customer needs a name", "add", " ")
	c.fails(2, "unknown command", "frobnicate")
	c.fails(2, "flag provided but not defined: -nope", "add", "X", "--nope")
	c.fails(1, `amount "-5" is negative`, "visit", "1", "-5")
	c.fails(1, "a rating of -2 is out of range", "feedback", "1", "-2")
	c.fails(2, "flag needs an argument: --what", "visit", "1", "--what")
	c.fails(1, `--limit: "many" is not a number`, "find", "x", "--limit", "many")
	_, errOut, code := c.run("note", "anna", "hello")
	if code != 1 || !strings.Contains(errOut, "2 customers match \"anna\"") || !strings.Contains(errOut, "#1      Anna Schmidt") {
		t.Fatalf("ambiguous: exit %d, %q", code, errOut)
	}
	// None of the refused commands wrote anything.
	if got := c.ok("show", "1"); strings.Contains(got, "Latest notes") || strings.Contains(got, "Visits:") {
		t.Fatalf("a refused command wrote:\n%s", got)
	}
	c.fails(1, `no customer matches "zoe"`, "find", "zoe")
}

func TestOutputIsInert(t *testing.T) {
	c := newCLI(t)
	c.ok("add", "Evil\x1b]0;pwned\x07 \x1b[2JName", "--usual", "\x1b]52;c;ZXZpbA==\x07tea")
	c.ok("note", "1", "note \x1b[31mred\u009b1m")
	for _, args := range [][]string{{"show", "1"}, {"find", "evil"}} {
		out := c.ok(args...)
		if strings.IndexByte(out, 0x1b) >= 0 || strings.IndexByte(out, 0x07) >= 0 || strings.ContainsRune(out, 0x9b) {
			t.Errorf("%v printed a control sequence: %q", args, out)
		}
	}
}

func TestNotebookLocation(t *testing.T) {
	c := newCLI(t)
	other := filepath.Join(t.TempDir(), "sub", "other.db")
	c.ok("add", "Anna", "--db", other)
	if _, err := os.Stat(other); err != nil {
		t.Fatalf("--db did not create %s: %v", other, err)
	}
	if _, err := os.Stat(c.db); err == nil {
		t.Fatal("REGULARS_DB was used although --db was given")
	}
	fi, _ := os.Stat(other)
	if fi.Mode().Perm() != 0o600 {
		t.Fatalf("mode %o", fi.Mode().Perm())
	}
	c.fails(1, "is a folder, not a notebook file", "find", "x", "--db", t.TempDir())
	notNotebook := filepath.Join(t.TempDir(), "x.txt")
	os.WriteFile(notNotebook, []byte("hello"), 0o600)
	c.fails(1, "not a Regulars notebook", "find", "x", "--db", notNotebook)
}

func TestHelpAndVersion(t *testing.T) {
	c := newCLI(t)
	if got := c.ok("--version"); !strings.HasPrefix(got, "regulars ") {
		t.Errorf("--version printed %q", got)
	}
	help := c.ok("help")
	for _, cmd := range []string{"add", "note", "visit", "thanks", "feedback", "show", "find", "demo", "archive", "edit"} {
		if !strings.Contains(help, "  "+cmd+" ") {
			t.Errorf("help does not list %s", cmd)
		}
	}
	// fang draws the usage under a USAGE title, the flags as --flag.
	if got := c.ok("note", "--help"); !strings.Contains(got, "USAGE") || !strings.Contains(got, "regulars note WHO TEXT") || !strings.Contains(got, "--ask-on") {
		t.Errorf("note --help printed %q", got)
	}
	if got := c.ok("help", "visit"); !strings.Contains(got, "-what") {
		t.Errorf("help visit printed %q", got)
	}
	for _, args := range [][]string{{"--db", c.db, "help", "visit"}, {"visit", "-h"}, {"help", "visit", "--db", c.db}} {
		if got := c.ok(args...); !strings.Contains(got, "--what") || !strings.Contains(got, "--db") || !strings.Contains(got, "--today") {
			t.Errorf("%v printed %q", args, got)
		}
	}
	if got := c.ok("edit", "--help"); !strings.Contains(got, "regulars edit WHO [NEW NAME]") {
		t.Errorf("edit --help printed %q", got)
	}
	for _, args := range [][]string{{"--help"}, {"-h"}, {"help"}} {
		got := c.ok(args...)
		for _, cmd := range []string{"add", "edit", "archive", "note", "visit", "thanks", "feedback", "show", "find", "week", "done", "snooze", "undo", "import", "export", "backup", "restore", "demo", "help", "completion", "open"} {
			if !strings.Contains(got, "  "+cmd+" ") {
				t.Errorf("%v does not list %s", args, cmd)
			}
		}
		if strings.Contains(got, "\x1b") {
			t.Errorf("%v printed escape sequences to a pipe", args)
		}
	}
	c.fails(2, `unknown command "nope"`, "help", "nope")
	if got := c.ok("man"); !strings.Contains(got, ".TH REGULARS 1") {
		t.Errorf("man printed %q", got)
	}
}

func TestDemoCommand(t *testing.T) {
	c := newCLI(t)
	out := c.ok("demo", "--customers", "50", "--seed", "3", "--no-open", "--db", c.db)
	if !strings.Contains(out, "Made 50 demo customers") {
		t.Fatalf("demo printed %q", out)
	}
	c.fails(1, "already holds 50 customers", "demo", "--customers", "5", "--no-open", "--db", c.db)
	c.fails(1, "--customers must be between 1 and 1000000", "demo", "--customers", "0", "--no-open")
	c.fails(1, "add --no-open", "demo", "--db", c.db)
}

// Bad notebook files: a clear one-line message, exit 1, the file untouched,
// no stack trace.
func TestBadNotebookFiles(t *testing.T) {
	c := newCLI(t)
	dir := t.TempDir()
	corrupt := filepath.Join(dir, "corrupt.db")
	junk := append([]byte("SQLite format 3\x00"), bytes.Repeat([]byte{0xde, 0xad, 0xbe, 0xef}, 1024)...)
	os.WriteFile(corrupt, junk, 0o600)
	text := filepath.Join(dir, "list.txt")
	os.WriteFile(text, []byte("milk\nbeans\n"), 0o600)
	newer := filepath.Join(dir, "newer.db")
	c.ok("add", "Anna", "--db", newer)
	mustRawExec(t, newer, "PRAGMA user_version = 99")
	for _, tc := range []struct {
		path, want string
	}{
		{corrupt, "is damaged or not a Regulars notebook; it was left untouched"},
		{text, "is not a Regulars notebook (not an SQLite database); it was left untouched"},
		{newer, "was written by a newer Regulars (notebook version 99"},
		{dir, "is a folder, not a notebook file"},
	} {
		before, _ := os.ReadFile(tc.path)
		_, errOut, code := c.run("find", "anna", "--db", tc.path)
		if code != 1 || !strings.Contains(errOut, tc.want) || strings.Count(errOut, "\n") != 1 || strings.Contains(errOut, "goroutine") {
			t.Errorf("%s: exit %d, stderr %q; want exit 1 and %q", filepath.Base(tc.path), code, errOut, tc.want)
		}
		after, _ := os.ReadFile(tc.path)
		if !bytes.Equal(before, after) {
			t.Errorf("%s was changed", filepath.Base(tc.path))
		}
	}
}

func mustRawExec(t *testing.T, path, stmt string) {
	t.Helper()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(stmt); err != nil {
		t.Fatal(err)
	}
}

// A notebook others can read is tightened to 0600, with a warning.
func TestWidePermissionsTightened(t *testing.T) {
	c := newCLI(t)
	c.ok("add", "Anna")
	if err := os.Chmod(c.db, 0o644); err != nil {
		t.Fatal(err)
	}
	out, errOut, code := c.run("find", "anna")
	if code != 0 || !strings.Contains(errOut, "could be read by others (mode 644); it is now 0600") || !strings.Contains(out, "Anna") {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	fi, _ := os.Stat(c.db)
	if fi.Mode().Perm() != 0o600 {
		t.Fatalf("mode %o after open", fi.Mode().Perm())
	}
	if _, errOut, _ := c.run("find", "anna"); errOut != "" {
		t.Fatalf("warned again: %q", errOut)
	}
}

// A notebook that cannot be written (immutable file) can still be read;
// a write says so plainly and changes nothing.
func TestReadOnlyNotebook(t *testing.T) {
	c := newCLI(t)
	c.ok("add", "Anna")
	if out, err := exec.Command("chattr", "+i", c.db).CombinedOutput(); err != nil {
		t.Skipf("cannot make the file immutable here: %v %s", err, out)
	}
	defer exec.Command("chattr", "-i", c.db).Run()
	before, _ := os.ReadFile(c.db)
	if got := c.ok("find", "anna"); !strings.Contains(got, "Anna") {
		t.Fatalf("read-only find printed %q", got)
	}
	c.fails(1, "the notebook is read-only; nothing was saved", "note", "1", "hello")
	after, _ := os.ReadFile(c.db)
	if !bytes.Equal(before, after) {
		t.Fatal("the read-only notebook changed")
	}
}

func TestHugeNoteRefused(t *testing.T) {
	c := newCLI(t)
	c.ok("add", "Anna")
	c.fails(1, "note is too long: 20001 characters, at most 20000", "note", "1", strings.Repeat("x", 20001))
	c.fails(1, "a note needs some text", "note", "1", "   ")
	if got := c.ok("show", "1"); strings.Contains(got, "Latest notes") {
		t.Fatalf("a refused note was written:\n%s", got)
	}
}

// What someone else wrote is signed with their name on show; the owner's
// own records are not.
func TestShowSignsAuthors(t *testing.T) {
	db := filepath.Join(t.TempDir(), "regulars.db")
	for _, args := range [][]string{
		{"add", "Anna Schmidt"},
		{"--as", "Maya", "note", "anna", "Off to Germany"},
		{"note", "anna", "The owner's own note"},
	} {
		if _, errOut, code := ioRun(t, db, args...); code != 0 {
			t.Fatalf("%v: %s", args, errOut)
		}
	}
	out, _, _ := ioRun(t, db, "show", "anna")
	if !strings.Contains(out, "Maya, ") || !regexp.MustCompile(`Maya, \w{3} \d+ \w{3} +Off to Germany`).MatchString(out) {
		t.Errorf("Maya's note is not signed:\n%s", out)
	}
	if regexp.MustCompile(`, \w{3} \d+ \w{3} +The owner's own note`).MatchString(out) {
		t.Errorf("the owner's note is signed:\n%s", out)
	}
}

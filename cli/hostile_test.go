package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// Issue 13, "Hostile files": what the notebook holds never drives the
// terminal, and no file of the notebook's is written over.

// An export to a terminal is refused; to a file or a pipe it is exact.
func TestExportToTerminal(t *testing.T) {
	db := filepath.Join(t.TempDir(), "n.db")
	ioRun(t, db, "add", "Anna")
	mustRawExec(t, db, "UPDATE customers SET name = 'Anna \x1b]0;pwned\x07'")
	errOut, shown, code := ttyRun(t, db, true, "export", "--format", "csv")
	if code != 1 || strings.Contains(shown, "pwned") {
		t.Fatalf("export to a terminal: exit %d, terminal showed %q", code, shown)
	}
	if !strings.Contains(errOut, "-o FILE") {
		t.Errorf("the refusal does not point at -o FILE: %q", errOut)
	}
	out, _, code := ioRun(t, db, "export", "--format", "csv")
	if code != 0 || !strings.Contains(out, "Anna \x1b]0;pwned\x07") {
		t.Errorf("export to a pipe: exit %d, %q; want the bytes as they are", code, out)
	}
}

// export -o and backup never write over the notebook or SQLite's files
// beside it, by any name.
func TestOutputNeverOverNotebook(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "n.db")
	ioRun(t, db, "add", "Anna")
	link := filepath.Join(dir, "link.db")
	if err := os.Symlink(db, link); err != nil {
		t.Fatal(err)
	}
	for _, target := range []string{db, db + "-wal", db + "-shm", db + "-journal", link} {
		before, _ := os.ReadFile(target)
		_, errOut, code := ioRun(t, db, "export", "--format", "csv", "-o", target)
		if code != 1 || !strings.Contains(errOut, "choose another file name") {
			t.Errorf("export -o %s: exit %d, %q", filepath.Base(target), code, errOut)
		}
		_, errOut, code = ioRun(t, db, "backup", target)
		if code != 1 || !strings.Contains(errOut, "choose another") {
			t.Errorf("backup %s: exit %d, %q", filepath.Base(target), code, errOut)
		}
		if after, _ := os.ReadFile(target); string(after) != string(before) {
			t.Errorf("%s was changed", filepath.Base(target))
		}
	}
	missing := filepath.Join(dir, "missing-folder")
	for _, args := range [][]string{
		{"export", "--format", "csv", "-o", filepath.Join(missing, "out.csv")},
		{"backup", filepath.Join(missing, "b.db")},
	} {
		_, errOut, code := ioRun(t, db, args...)
		if code != 1 || !strings.Contains(errOut, "there is no folder "+missing) || strings.Contains(errOut, ".tmp") {
			t.Errorf("%v: exit %d, %q", args, code, errOut)
		}
	}
}

// A killed export or backup left a hidden temporary file: the next run
// removes it and says so.
func TestStaleTempsRemoved(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "n.db")
	ioRun(t, db, "add", "Anna")
	old := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
	stale := func(name string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte("half"), 0o600); err != nil {
			t.Fatal(err)
		}
		os.Chtimes(p, old, old)
		return p
	}
	exp := stale(".out.csv.123456.tmp")
	out, errOut, code := ioRun(t, db, "export", "--format", "csv", "-o", filepath.Join(dir, "out.csv"))
	if code != 0 || !strings.Contains(out+errOut, "removed a temporary file left by an interrupted export: "+exp) {
		t.Errorf("export: exit %d, %q %q", code, out, errOut)
	}
	bak := stale(".n-backup-20261101-000000.db.987.tmp")
	out, errOut, code = ioRun(t, db, "backup")
	if code != 0 || !strings.Contains(out+errOut, "removed a temporary file left by an interrupted backup: "+bak) {
		t.Errorf("backup: exit %d, %q %q", code, out, errOut)
	}
	for _, p := range []string{exp, bak} {
		if _, err := os.Stat(p); err == nil {
			t.Errorf("%s is still there", p)
		}
	}
}

// Restoring the notebook from another name for itself is refused: it
// would only shuffle the notebook aside and back.
func TestRestoreFromItselfRefused(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "n.db")
	ioRun(t, db, "add", "Anna")
	link := filepath.Join(dir, "link.db")
	if err := os.Symlink(db, link); err != nil {
		t.Fatal(err)
	}
	_, errOut, code := ioRun(t, db, "restore", link, "--force")
	if code != 1 || !strings.Contains(errOut, "is the notebook itself") {
		t.Errorf("restore from a link to the notebook: exit %d, %q", code, errOut)
	}
	if m, _ := filepath.Glob(filepath.Join(dir, "*before-restore*")); len(m) > 0 {
		t.Errorf("the refused restore set %v aside", m)
	}
}

// The same for an export into a folder of cards.
func TestStaleCardTempsRemoved(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "n.db")
	ioRun(t, db, "add", "Anna")
	book := filepath.Join(dir, "book")
	os.Mkdir(book, 0o700)
	stale := filepath.Join(book, ".0a1b.vcf.42.tmp")
	os.WriteFile(stale, []byte("BEGIN:VCARD"), 0o600)
	old := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
	os.Chtimes(stale, old, old)
	_, errOut, code := ioRun(t, db, "export", "--format", "vcf", "-o", book)
	if code != 0 || !strings.Contains(errOut, "removed a temporary file left by an interrupted export: "+stale) {
		t.Errorf("export into a folder: exit %d, %q", code, errOut)
	}
	if _, err := os.Stat(stale); err == nil {
		t.Errorf("%s is still there", stale)
	}
}

package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"regulars/store"
)

// ioRun runs one regulars command line against a notebook at a fixed time.
func ioRun(t *testing.T, db string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errb bytes.Buffer
	e := &env{stdout: &out, stderr: &errb, stdin: strings.NewReader(""),
		now:    func() time.Time { return time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC) },
		getenv: func(string) string { return "" }}
	code = run(e, append([]string{"--db", db}, args...))
	return out.String(), errb.String(), code
}

func TestImportCommand(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "regulars.db")
	phone := filepath.Join("..", "interchange", "testdata", "import", "iphone-contacts.vcf")
	// A dry run reads the notebook: there must be one.
	s, err := store.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()

	out, errOut, code := ioRun(t, db, "import", phone, "--dry-run")
	if code != 0 || !strings.Contains(out, "Would import 2 customers from "+phone+" (vCard 3.0; with 1 note).") ||
		!strings.Contains(out, "+ Anna Marie Schmidt  card 1 (line 1)") || !strings.Contains(out, "Dry run: nothing was changed.") {
		t.Fatalf("dry run: code %d\n%s%s", code, out, errOut)
	}
	out, _, code = ioRun(t, db, "import", phone)
	if code != 0 || !strings.HasPrefix(out, "Imported 2 customers from") {
		t.Fatalf("import: code %d\n%s", code, out)
	}
	out, _, code = ioRun(t, db, "import", phone)
	if code != 0 || !strings.HasPrefix(out, "Imported 0 customers") ||
		!strings.Contains(out, "= Chidi Okafor  card 2 (line 31): same name and phone as #2 Chidi Okafor") {
		t.Fatalf("second import: code %d\n%s", code, out)
	}

	t.Run("ErrBrokenRow", func(t *testing.T) {
		bad := filepath.Join(dir, "square.csv")
		os.WriteFile(bad, []byte("First Name,Last Name,Email Address,Birthday\nDana,Whitfield,dana@example.com,04-22\nMarcus,Lee,marcus@example.com,02-30\n"), 0o600)
		out, errOut, code := ioRun(t, db, "import", bad)
		if code != 1 || out != "" {
			t.Fatalf("code %d, stdout %q; want 1 and nothing", code, out)
		}
		want := bad + " (Square customer directory CSV): 1 record cannot be imported:\n" +
			"  line 3 (Marcus Lee): Birthday: \"02-30\": February has no day 30\n" +
			"regulars import: 1 of 2 records cannot be imported; nothing was imported\n"
		if errOut != want {
			t.Errorf("stderr:\n%s\nwant:\n%s", errOut, want)
		}
		out, _, _ = ioRun(t, db, "export", "--format", "csv")
		if strings.Contains(out, "Dana") {
			t.Errorf("the good row of a failed file was imported")
		}
	})
	t.Run("InertOutput", func(t *testing.T) {
		evil := filepath.Join(dir, "evil.vcf")
		os.WriteFile(evil, []byte("BEGIN:VCARD\r\nFN:Eve\x1b]0;pwned\x07\r\nBDAY:\x1b[2J\r\nEND:VCARD\r\n"), 0o600)
		_, errOut, code := ioRun(t, db, "import", evil)
		if code != 1 || strings.ContainsAny(errOut, "\x1b\x07") {
			t.Errorf("code %d, stderr %q: escape sequences from the file reached the terminal", code, errOut)
		}
	})
	t.Run("ErrUsage", func(t *testing.T) {
		if _, _, code := ioRun(t, db, "import"); code != 2 {
			t.Errorf("no file: code %d, want 2", code)
		}
		// A value refused is 1, like a bad date: the call itself was right.
		if _, _, code := ioRun(t, db, "import", phone, "--format", "ics"); code != 1 {
			t.Errorf("--format ics: code %d, want 1", code)
		}
		if _, errOut, code := ioRun(t, db, "import", filepath.Join(dir, "missing.vcf")); code != 1 || !strings.Contains(errOut, "no such file") {
			t.Errorf("missing file: code %d, %q", code, errOut)
		}
	})
}

func TestExportCommand(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "regulars.db")
	if _, errOut, code := ioRun(t, db, "import", filepath.Join("..", "interchange", "testdata", "import", "google-contacts.csv")); code != 0 {
		t.Fatal(errOut)
	}
	for _, f := range []string{"out.csv", "out.vcf", "out.json", "out.ics"} {
		path := filepath.Join(dir, f)
		out, errOut, code := ioRun(t, db, "export", "-o", path)
		if code != 0 || !strings.HasPrefix(out, "Wrote "+path) {
			t.Fatalf("%s: code %d\n%s%s", f, code, out, errOut)
		}
		fi, err := os.Stat(path)
		if err != nil || fi.Mode().Perm() != 0o600 || fi.Size() == 0 {
			t.Errorf("%s: %v, mode %o, %d bytes; want a 0600 file", f, err, fi.Mode().Perm(), fi.Size())
		}
	}
	out, _, code := ioRun(t, db, "export", "--format", "vcf")
	if code != 0 || strings.Count(out, "BEGIN:VCARD") != 3 {
		t.Errorf("vcf to stdout: code %d, %d cards", code, strings.Count(out, "BEGIN:VCARD"))
	}
	book := filepath.Join(dir, "book")
	os.Mkdir(book, 0o700)
	if out, _, code := ioRun(t, db, "export", "--format", "vcf", "-o", book); code != 0 || out != "Wrote the cards into "+book+": 3 written, 0 updated, 0 removed.\n" {
		t.Errorf("vdir: code %d, %q", code, out)
	}
	if _, _, code := ioRun(t, db, "export"); code != 2 {
		t.Errorf("no format: code %d, want 2", code)
	}
	if _, _, code := ioRun(t, db, "export", "-o", db, "--format", "json"); code != 1 {
		t.Errorf("export over the notebook: code %d, want 1", code)
	}
}

func TestBackupRestoreCommands(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "regulars.db")
	if _, errOut, code := ioRun(t, db, "import", filepath.Join("..", "interchange", "testdata", "import", "android-contacts.vcf")); code != 0 {
		t.Fatal(errOut)
	}
	out, errOut, code := ioRun(t, db, "backup")
	want := filepath.Join(dir, "regulars-backup-20261123-100000.db")
	if code != 0 || out != "Backed up 3 customers to "+want+" (checked).\n" {
		t.Fatalf("backup: code %d, %q %q", code, out, errOut)
	}
	if _, errOut, code := ioRun(t, db, "restore", want); code != 1 || !strings.Contains(errOut, "--force") {
		t.Errorf("restore without --force: code %d, %q", code, errOut)
	}
	out, errOut, code = ioRun(t, db, "restore", want, "--force")
	if code != 0 || !strings.Contains(out, "Restored "+want+" (3 customers) into "+db) ||
		!strings.Contains(out, "kept at "+db+".before-restore-20261123-100000") {
		t.Errorf("restore --force: code %d, %q %q", code, out, errOut)
	}
}

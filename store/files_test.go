package store_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"regulars/model"
	"regulars/store"
)

// An export or backup written over the notebook or its -wal, -shm or
// -journal file, under any name for it, is refused.
func TestCheckOutputPath(t *testing.T) {
	s := MustOpen(t)
	dir := filepath.Dir(s.Path())
	link := filepath.Join(t.TempDir(), "link.db")
	if err := os.Symlink(s.Path(), link); err != nil {
		t.Fatal(err)
	}
	linkDir := filepath.Join(t.TempDir(), "d")
	if err := os.Symlink(dir, linkDir); err != nil {
		t.Fatal(err)
	}
	hard := filepath.Join(dir, "hard.db")
	if err := os.Link(s.Path(), hard); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{
		s.Path(), s.Path() + "-wal", s.Path() + "-shm", s.Path() + "-journal",
		link, hard, filepath.Join(linkDir, "regulars.db-wal"),
		filepath.Join(dir, ".", "regulars.db"),
	} {
		err := s.CheckOutputPath(p)
		if model.ErrorCode(err) != model.EINVALID || !strings.Contains(model.ErrorMessage(err), "notebook") {
			t.Errorf("CheckOutputPath(%s) = %v, want it refused", p, err)
		}
	}
	for _, p := range []string{filepath.Join(dir, "export.json"), filepath.Join(dir, "regulars.db.json")} {
		if err := s.CheckOutputPath(p); err != nil {
			t.Errorf("CheckOutputPath(%s) = %v", p, err)
		}
	}
}

// Temporary files a killed backup or export left are removed on the next
// run, once they are old enough not to be another run's work in progress.
func TestCleanStaleTemps(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "backup.db")
	now := time.Now()
	old := filepath.Join(dir, ".backup.db.123.tmp")
	fresh := filepath.Join(dir, ".backup.db.456.tmp")
	other := filepath.Join(dir, ".other.db.789.tmp")
	for _, f := range []string{old, fresh, other} {
		if err := os.WriteFile(f, []byte("x"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	os.Chtimes(old, now.Add(-time.Hour), now.Add(-time.Hour))
	os.Chtimes(other, now.Add(-time.Hour), now.Add(-time.Hour))
	got := store.CleanStaleTemps(target, now)
	if len(got) != 1 || got[0] != old {
		t.Fatalf("removed %v, want only %s", got, old)
	}
	for _, f := range []string{fresh, other} {
		if _, err := os.Stat(f); err != nil {
			t.Errorf("%s was removed", f)
		}
	}
}

// A killed backup's temporary file is removed by the next backup, which
// says so.
func TestBackupCleansStaleTemps(t *testing.T) {
	s := MustOpen(t)
	dir := t.TempDir()
	stale := filepath.Join(dir, ".regulars-backup-20261120-090000.db.4242.tmp")
	if err := os.WriteFile(stale, []byte("half a notebook"), 0o600); err != nil {
		t.Fatal(err)
	}
	hour := time.Now().Add(-time.Hour)
	os.Chtimes(stale, hour, hour)
	s.Now = time.Now
	info, err := s.Backup(t.Context(), filepath.Join(dir, "regulars-backup-20261123-100000.db"))
	if err != nil {
		t.Fatal(err)
	}
	if len(info.Cleaned) != 1 || info.Cleaned[0] != stale {
		t.Errorf("cleaned %v, want %s", info.Cleaned, stale)
	}
	if _, err := os.Stat(stale); err == nil {
		t.Errorf("%s is still there", stale)
	}
}

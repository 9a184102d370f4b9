package store_test

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"regulars/model"
	"regulars/store"
)

// A notebook that another user owns is refused and left as it is: data
// written into it would be theirs to read.
func TestOpenRefusesAnotherUsersNotebook(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("needs root to give a file to another user")
	}
	path := filepath.Join(t.TempDir(), "shared.db")
	if err := os.WriteFile(path, nil, 0o666); err != nil {
		t.Fatal(err)
	}
	if err := os.Chown(path, 12345, 12345); err != nil {
		t.Fatal(err)
	}
	s, err := store.Open(path)
	if err == nil {
		s.Close()
		t.Fatal("opened a notebook owned by another user")
	}
	if msg := model.ErrorMessage(err); !strings.Contains(msg, "belongs to another user") {
		t.Errorf("message = %q", msg)
	}
	fi, _ := os.Stat(path)
	if fi.Size() != 0 || fi.Sys().(*syscall.Stat_t).Uid != 12345 {
		t.Errorf("the refused file was changed")
	}
}

// A notebook others could read is tightened to 0600, with a warning; a
// folder others can write to is named in a warning.
func TestOpenTightensAndWarns(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "open")
	if err := os.Mkdir(dir, 0o777); err != nil {
		t.Fatal(err)
	}
	os.Chmod(dir, 0o777)
	path := filepath.Join(dir, "n.db")
	if err := os.WriteFile(path, nil, 0o666); err != nil {
		t.Fatal(err)
	}
	os.Chmod(path, 0o666)
	s, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	fi, _ := os.Stat(path)
	if got := fi.Mode().Perm(); got != 0o600 {
		t.Errorf("mode = %o, want 600", got)
	}
	all := strings.Join(s.Warnings, "\n")
	if !strings.Contains(all, "it is now 0600") || !strings.Contains(all, "others can write to the folder") {
		t.Errorf("warnings = %q", all)
	}
}

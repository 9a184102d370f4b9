package store_test

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"

	"regulars/model"
	"regulars/store"
)

// TestChildDiskFull saves large notes with the file size limited, as on a
// full disk, and prints each acknowledged save and then the error.
func TestChildDiskFull(t *testing.T) {
	if os.Getenv("REGULARS_CHILD") == "" {
		t.Skip("run by the reliability tests as a child process")
	}
	path := os.Getenv("REGULARS_DB")
	s, err := store.Open(path)
	if err != nil {
		os.Exit(3)
	}
	// Writes past the limit fail with EFBIG instead of killing the process.
	signal.Ignore(syscall.SIGXFSZ)
	fi, _ := os.Stat(path + "-wal")
	limit := uint64(fi.Size()) + 256<<10
	if err := syscall.Setrlimit(syscall.RLIMIT_FSIZE, &syscall.Rlimit{Cur: limit, Max: limit}); err != nil {
		fmt.Println("nolimit", err)
		os.Exit(0)
	}
	text := strings.Repeat("a long note that fills the disk ", 600)
	for i := 0; i < 1000; i++ {
		n := &model.Note{CustomerID: 1, Text: fmt.Sprintf("%d %s", i, text)}
		if err := s.AddNote(context.Background(), n); err != nil {
			fmt.Printf("error %s\n", model.ErrorMessage(err))
			os.Exit(0)
		}
		fmt.Printf("ack %d\n", i)
	}
	fmt.Println("never full")
	os.Exit(0)
}

func TestDiskFull(t *testing.T) {
	if os.Getenv("REGULARS_CHILD") != "" {
		t.Skip()
	}
	path := filepath.Join(t.TempDir(), "full.db")
	s, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	mustCustomer(t, s, "Anna")
	s.Close()
	// Leave a WAL file in place for the child to measure.
	s, _ = store.Open(path)
	mustCustomer(t, s, "Ben")
	cmd := child(t, "TestChildDiskFull", "REGULARS_DB="+path)
	out, err := cmd.Output()
	s.Close()
	if err != nil {
		t.Fatalf("child: %v\n%s", err, out)
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	last := lines[len(lines)-1]
	if strings.HasPrefix(last, "nolimit") {
		t.Skip("cannot limit the file size here:", last)
	}
	want := "error could not write to the disk (is it full or failing?); nothing was saved"
	if last != want && last != "error the disk is full; nothing was saved" {
		t.Fatalf("last line %q, want the disk-full message", last)
	}
	acked := len(lines) - 1
	s, err = store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var result string
	s.DB().QueryRow("PRAGMA integrity_check").Scan(&result)
	if result != "ok" {
		t.Fatalf("integrity_check = %q", result)
	}
	if n := count(t, s, "notes"); n != acked {
		t.Fatalf("%d notes in the file, %d acknowledged", n, acked)
	}
	t.Logf("disk full after %s acknowledged notes: %q", strconv.Itoa(acked), strings.TrimPrefix(last, "error "))
}

package store_test

import (
	"path/filepath"
	"testing"
	"time"

	"regulars/store"
)

// The longest tests, each on notebooks of its own and touching no
// package state, call t.Parallel: under the race detector they are most of
// the package's time, and they then share the two cores.

// Fixed clock for tests: Monday 23 Nov 2026, 10:00 local time.
var testNow = time.Date(2026, 11, 23, 10, 0, 0, 0, time.Local)

// MustOpen opens a new notebook in a temporary directory with a fixed clock.
func MustOpen(tb testing.TB) *store.Store {
	tb.Helper()
	return openAt(tb, testNow)
}

// openAt opens a new notebook in a temporary directory whose clock stands
// at now.
func openAt(tb testing.TB, now time.Time) *store.Store {
	tb.Helper()
	s, err := store.Open(filepath.Join(tb.TempDir(), "regulars.db"))
	if err != nil {
		tb.Fatal(err)
	}
	s.Now = func() time.Time { return now }
	tb.Cleanup(func() { s.Close() })
	return s
}

// listRows is the rows of a list page, for tests that want only them.
func listRows(p store.Page, err error) ([]store.Match, error) { return p.Rows, err }

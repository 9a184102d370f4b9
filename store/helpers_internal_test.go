package store

import (
	"path/filepath"
	"testing"
	"time"

	"regulars/model"
)

// openDay opens a new notebook in a temporary folder whose clock stands at
// 10:00 on day; it is closed when the test ends.
func openDay(t *testing.T, day model.Date) *Store {
	t.Helper()
	s, err := Open(filepath.Join(t.TempDir(), "regulars.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	s.Now = func() time.Time { return day.Time(time.Local).Add(10 * time.Hour) }
	return s
}

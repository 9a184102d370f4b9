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
	s := openTest(t, filepath.Join(t.TempDir(), "regulars.db"))
	s.Now = func() time.Time { return day.Time(time.Local).Add(10 * time.Hour) }
	return s
}

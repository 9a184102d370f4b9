package store

import (
	"context"
	"testing"
)

// SetStableUIDs gives every customer a uid made from their id, so golden
// exports do not change with the random uids new customers get.
func SetStableUIDs(tb testing.TB, s *Store) {
	tb.Helper()
	if _, err := s.db.ExecContext(context.Background(),
		`UPDATE customers SET uid = printf('urn:uuid:00000000-0000-4000-8000-%012d', id)`); err != nil {
		tb.Fatal(err)
	}
}

// ForgetUIDs makes every customer one from before notebooks kept uids.
func ForgetUIDs(tb testing.TB, s *Store) {
	tb.Helper()
	if _, err := s.db.ExecContext(context.Background(), `UPDATE customers SET uid = NULL`); err != nil {
		tb.Fatal(err)
	}
}

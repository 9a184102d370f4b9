package store

import (
	"context"
	"database/sql"
	"sync"
)

// watch is the connection that notices writes: PRAGMA data_version changes
// on a connection when any other connection, in this process or another,
// commits to the file. One connection is kept for it, apart from the pool,
// so the number it compares is always its own.
type watch struct {
	mu   sync.Mutex
	conn *sql.Conn
	last int64
	seen bool
}

// Changed reports whether anything was written to the notebook since the
// last call, by this program or another one (a command in another
// terminal, another person's session). The first call only takes the
// measure and reports false. It is cheap (no file is read but a counter in
// shared memory), so a view may ask on a short tick and reload in place
// when it says yes.
func (s *Store) Changed(ctx context.Context) (bool, error) {
	s.watch.mu.Lock()
	defer s.watch.mu.Unlock()
	if s.watch.conn == nil {
		conn, err := s.db.Conn(ctx)
		if err != nil {
			return false, wrapError(err)
		}
		s.watch.conn = conn
	}
	var v int64
	if err := s.watch.conn.QueryRowContext(ctx, `PRAGMA data_version`).Scan(&v); err != nil {
		// A broken connection is dropped; the next call takes a new one.
		s.watch.conn.Close()
		s.watch.conn, s.watch.seen = nil, false
		return false, wrapError(err)
	}
	changed := s.watch.seen && v != s.watch.last
	s.watch.last, s.watch.seen = v, true
	return changed, nil
}

// closeWatch releases the watching connection.
func (s *Store) closeWatch() {
	s.watch.mu.Lock()
	defer s.watch.mu.Unlock()
	if s.watch.conn != nil {
		s.watch.conn.Close()
		s.watch.conn = nil
	}
}

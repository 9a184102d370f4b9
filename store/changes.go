package store

import (
	"context"
	"database/sql"
	"sync"
)

// Watch notices writes to the notebook. PRAGMA data_version changes on a
// connection when any other connection, in this process or another,
// commits to the file; a Watch keeps one connection of its own, apart from
// the pool, so the number it compares is always its own, and each view
// (each person's session, when several share a notebook) has its own Watch.
type Watch struct {
	s    *Store
	mu   sync.Mutex
	conn *sql.Conn
	last int64
	seen bool
}

// Watch returns a new watch on the notebook; Close it when done.
func (s *Store) Watch() *Watch { return &Watch{s: s} }

// Changed reports whether anything was written to the notebook since the
// last call, by this program or another one (a command in another
// terminal, another person's session). The first call only takes the
// measure and reports false. It is cheap (no file is read but a counter in
// shared memory), so a view may ask on a short tick and reload in place
// when it says yes.
func (w *Watch) Changed(ctx context.Context) (bool, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.conn == nil {
		conn, err := w.s.db.Conn(ctx)
		if err != nil {
			return false, wrapError(err)
		}
		w.conn = conn
	}
	var v int64
	if err := w.conn.QueryRowContext(ctx, `PRAGMA data_version`).Scan(&v); err != nil {
		// A broken connection is dropped; the next call takes a new one.
		w.conn.Close()
		w.conn, w.seen = nil, false
		return false, wrapError(err)
	}
	changed := w.seen && v != w.last
	w.last, w.seen = v, true
	return changed, nil
}

// Close releases the watch's connection.
func (w *Watch) Close() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.conn == nil {
		return nil
	}
	err := w.conn.Close()
	w.conn = nil
	return err
}

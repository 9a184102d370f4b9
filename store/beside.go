package store

import (
	"context"
	"database/sql"
)

// besideHook runs, in tests, after tx's first read and before the second
// transaction's.
var besideHook func()

// besideTx opens a second read transaction beside tx that sees the same
// notebook, so that two cores can read one snapshot (the week's kinds, an
// export's chunks), or returns nil when it cannot (then tx reads it all);
// done ends it. tx must not have read yet.
//
// The two see the same notebook when no commit fell between tx's first
// read and the second's: the second connection's data_version (which
// every commit by another connection moves) is read before tx reads and
// again inside the second transaction, and must not have moved. (PRAGMA
// data_version reads the database header, so it starts tx's snapshot.)
func (s *Store) besideTx(ctx context.Context, tx *sql.Tx) (*sql.Tx, func()) {
	nothing := func() {}
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return nil, nothing
	}
	var before, after int64
	var first int64
	if conn.QueryRowContext(ctx, `PRAGMA data_version`).Scan(&before) != nil ||
		tx.QueryRowContext(ctx, `PRAGMA data_version`).Scan(&first) != nil {
		conn.Close()
		return nil, nothing
	}
	if besideHook != nil {
		besideHook()
	}
	beside, err := conn.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		conn.Close()
		return nil, nothing
	}
	done := func() {
		beside.Rollback()
		conn.Close()
	}
	if beside.QueryRowContext(ctx, `PRAGMA data_version`).Scan(&after) != nil || after != before {
		done()
		return nil, nothing
	}
	return beside, done
}

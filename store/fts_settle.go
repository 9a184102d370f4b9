package store

import (
	"context"
	"database/sql"
)

// ftsTables are the notebook's full-text indexes.
var ftsTables = []string{"customer_fts", "phone_fts", "customer_notes_fts"}

// settleFTS merges the full-text indexes' segments that a bulk write (the
// demo, an import) leaves, 500 pages a step, each step its own short
// transaction, until FTS5 has no merge left to do. Left alone, the first
// saves after the bulk write each did a part of it inside their commit:
// after a 100,000-customer demo, 4 of the first 120 note saves wrote 200 to
// 250 pages and took 18 to 40 ms. The merges take about half a second
// there. A step did no work when it changed fewer than two rows (FTS5's
// own measure, read from the connection's total_changes).
func settleFTS(ctx context.Context, conn *sql.Conn) error {
	for _, t := range ftsTables {
		for {
			var before, after int64
			if err := conn.QueryRowContext(ctx, `SELECT total_changes()`).Scan(&before); err != nil {
				return err
			}
			if _, err := conn.ExecContext(ctx, `INSERT INTO `+t+`(`+t+`, rank) VALUES('merge', 500)`); err != nil {
				return err
			}
			if err := conn.QueryRowContext(ctx, `SELECT total_changes()`).Scan(&after); err != nil {
				return err
			}
			if after-before < 2 {
				break
			}
		}
	}
	return nil
}

// settleFTSAfterImport runs settleFTS on a connection of its own. A merge
// that fails (the notebook busy past the wait, the context cancelled)
// leaves the imported rows as they are: the saves after it do the merging.
func (s *Store) settleFTSAfterImport(ctx context.Context) {
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return
	}
	defer conn.Close()
	_ = settleFTS(ctx, conn)
}

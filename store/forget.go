package store

import (
	"context"
	"database/sql"
	"time"

	"regulars/model"
)

// Forget erases a customer and everything about them: their records (also
// removed ones), drafts, week items and search rows, and then the bytes
// they leave in the file. A deleted row's text stays in free pages, in the
// full-text index's segments (a contentless delete only marks it) and in
// the -wal until something overwrites it; a person who asks to be
// forgotten must not be readable from the file with a hex editor.
func (s *Store) Forget(ctx context.Context, customerID int64) error {
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return wrapError(err)
	}
	defer conn.Close()
	// secure_delete zeroes what the delete frees, on this connection only:
	// every other delete keeps SQLite's cheaper default.
	if _, err := conn.ExecContext(ctx, `PRAGMA secure_delete = ON`); err != nil {
		return wrapError(err)
	}
	defer conn.ExecContext(context.WithoutCancel(ctx), `PRAGMA secure_delete = OFF`)
	if err := forgetTx(ctx, conn, customerID); err != nil {
		return wrapError(err)
	}
	// VACUUM writes a fresh file of the live rows only; the checkpoint
	// moves it from the -wal into the notebook and empties the -wal.
	if _, err := conn.ExecContext(ctx, `VACUUM`); err != nil {
		return wrapError(err)
	}
	// A checkpoint running on another connection (every Store runs them in
	// the background after its writes, see checkpoint.go) holds the
	// checkpoint lock, and SQLite then answers busy at once instead of
	// waiting: ask again until it is done. Readers in another program are
	// waited for by SQLite itself (busy_timeout, 10 s), and end the wait:
	// an answer that took over a second was that wait, not a refusal at
	// once (which a busy machine can still make take a few hundred ms).
	var busy, frames, done int
	for deadline := time.Now().Add(10 * time.Second); ; {
		start := time.Now()
		if err := conn.QueryRowContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`).Scan(&busy, &frames, &done); err != nil {
			return wrapError(err)
		}
		if busy == 0 || time.Since(start) > time.Second || time.Now().After(deadline) {
			break
		}
		select {
		case <-ctx.Done():
			return wrapError(ctx.Err())
		case <-time.After(20 * time.Millisecond):
		}
	}
	if busy != 0 {
		return model.Errorf(model.ECONFLICT, "the customer is forgotten, but another program is reading the notebook: close it, then run forget again to clear the notebook's journal")
	}
	return nil
}

func forgetTx(ctx context.Context, conn *sql.Conn, id int64) error {
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := getCustomer(ctx, tx, id); err != nil {
		return err
	}
	// Deleting the customer cascades to every table that names them
	// (notes, visits, visit_years, thank-yous, feedback, outreach,
	// week_items, drafts, removed_records, contacts); their triggers drop the
	// full-text rows. These are said out loud so a table added later
	// without ON DELETE CASCADE fails here rather than keeping the text.
	for _, table := range []string{"contacts", "removed_records", "drafts", "week_items", "outreach", "feedback", "thank_yous", "notes", "visits", "visit_years"} {
		if _, err := tx.ExecContext(ctx, `DELETE FROM `+table+` WHERE customer_id = ?`, id); err != nil {
			return err
		}
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM customers WHERE id = ?`, id); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM customer_notes_fts WHERE rowid = ?`, id); err != nil {
		return err
	}
	// A contentless delete only marks the row; merging the segments drops
	// its words from the index.
	for _, fts := range ftsTables {
		if _, err := tx.ExecContext(ctx, `INSERT INTO `+fts+` (`+fts+`) VALUES ('optimize')`); err != nil {
			return err
		}
	}
	return tx.Commit()
}

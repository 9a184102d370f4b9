package store

import (
	"context"
	"database/sql"
	"strings"
)

// Count returns how many active customers match q's filter, so the list can
// say "1,204 customers" and jump to its last row. Sort, Offset and Limit are
// ignored.
func (s *Store) Count(ctx context.Context, q SearchQuery) (int, error) {
	var n int
	err := s.readTx(ctx, func(tx *sql.Tx) error {
		where, args := searchFilter(q)
		return tx.QueryRowContext(ctx, `SELECT count(*) FROM customers c`+where, args...).Scan(&n)
	})
	return n, err
}

// searchFilter is the WHERE clause of buildSearch, without the columns that
// cost a subquery per row: counting must not compute every row's spend.
func searchFilter(q SearchQuery) (string, []any) {
	var args []any
	var b strings.Builder
	words := searchWords(q.Text)
	if len(words) == 0 {
		return ` WHERE c.archived_at IS NULL`, nil
	}
	b.WriteString(` WHERE c.id IN (SELECT rowid FROM customer_fts WHERE customer_fts MATCH ?`)
	args = append(args, ftsMatch(words))
	if digits := phoneWord(words); digits != "" {
		b.WriteString(` UNION SELECT id FROM customers WHERE phone_digits <> '' AND instr(phone_digits, ?) > 0`)
		args = append(args, digits)
	}
	if !q.NamesOnly && longestWord(words) >= 3 {
		b.WriteString(` UNION SELECT n.customer_id FROM note_fts JOIN notes n ON n.id = note_fts.rowid WHERE note_fts MATCH ?`)
		args = append(args, ftsMatch(words))
		if q.HidePrivate {
			b.WriteString(` AND n.private = 0`)
		}
	}
	b.WriteString(`) AND c.archived_at IS NULL`)
	return b.String(), args
}

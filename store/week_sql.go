package store

import (
	"context"
	"database/sql"

	"regulars/model"
)

// queryer is what the week's queries read through: the transaction, or in
// TestWeekSQL one that writes down what runs.
type queryer interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// weekScope narrows a candidate query: to one customer, to act on one item;
// or, for the whole queue, to the first limit by due day and name, leaving
// out the items done (for good) or acted on in the queue week weekOf.
type weekScope struct {
	customer int64      // only this customer (0: everyone)
	limit    int        // at most this many (0: all); whole queue only
	weekOf   model.Date // the queue week
}

// kindQuery is one candidate query in parts, so that the rows a limit
// leaves out can be counted with the same filter.
type kindQuery struct {
	cols, from, where, order string
	args                     []any
	// The same rows for counting, when set: from fewer pages, as they
	// need no name (notArchived instead of the customer's row).
	countFrom, countWhere string
	countArgs             []any
}

// scope adds the scope's filter: the customer (col is their id), or the
// items with a record left out (itemID is the SQL for the item's id, of
// kind). The customers with a record of the kind are gathered once, so
// the item's id is built and looked up only for them, not for every row.
func (q *kindQuery) scope(sc weekScope, col string, kind model.Kind, itemID string, idArgs ...any) {
	var where string
	var args []any
	if sc.customer != 0 {
		where = "\n\tAND " + col + " = ?"
		args = []any{sc.customer}
	} else {
		where = `
	AND (` + col + ` NOT IN (SELECT customer_id FROM week_items INDEXED BY week_items_kind
			WHERE kind = '` + string(kind) + `' AND (state = 'done' OR week = ?))
		OR NOT EXISTS (SELECT 1 FROM week_items wi WHERE wi.id = ` + itemID + ` AND (wi.state = 'done' OR wi.week = ?)))`
		args = append(append([]any{sc.weekOf.String()}, idArgs...), sc.weekOf.String())
	}
	q.where += where
	q.args = append(q.args, args...)
	if q.countFrom != "" {
		q.countWhere += where
		q.countArgs = append(q.countArgs, args...)
	}
}

// rows runs the query for at most the scope's limit of rows. When the
// order is not an index's, SQLite keeps only the first limit rows as it
// sorts; counting every row in the same statement (count(*) OVER ()) would
// make it sort them all, which costs more than counting them apart
// (beyond), only when the limit cut.
func (q *kindQuery) rows(ctx context.Context, tx queryer, sc weekScope) (*sql.Rows, error) {
	limit := sc.limit
	if limit <= 0 || sc.customer != 0 {
		limit = -1
	}
	args := append(append([]any{}, q.args...), limit)
	return tx.QueryContext(ctx, `SELECT `+q.cols+`
	FROM `+q.from+`
	WHERE `+q.where+`
	ORDER BY `+q.order+` LIMIT ?`, args...)
}

// count counts the rows the filter matches.
func (q *kindQuery) count(ctx context.Context, tx queryer) (int, error) {
	from, where, args := q.from, q.where, q.args
	if q.countFrom != "" {
		from, where, args = q.countFrom, q.countWhere, q.countArgs
	}
	var n int
	err := tx.QueryRowContext(ctx, `SELECT count(*)
	FROM `+from+`
	WHERE `+where, args...).Scan(&n)
	return n, err
}

// beyond is how many rows the scope's limit left out, when got reached it.
func (q *kindQuery) beyond(ctx context.Context, tx queryer, sc weekScope, got int) (int, error) {
	if sc.customer != 0 || sc.limit <= 0 || got < sc.limit {
		return 0, nil
	}
	total, err := q.count(ctx, tx)
	if err != nil {
		return 0, err
	}
	return max(total-got, 0), nil
}

// indexed forces an index for the whole queue; for one customer their row
// is found by id.
func indexed(sc weekScope, index string) string {
	if sc.customer != 0 {
		return ""
	}
	return " INDEXED BY " + index
}

// collect reads every row of a kind's query with scan and returns the
// candidates and how many more lie beyond the cut.
func collect[T any](ctx context.Context, tx queryer, q kindQuery, sc weekScope, scan func(rows *sql.Rows, c *T) error) ([]T, int, error) {
	rows, err := q.rows(ctx, tx, sc)
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	var out []T
	for rows.Next() {
		var c T
		if err := scan(rows, &c); err != nil {
			return nil, 0, err
		}
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, 0, err
	}
	n, err := q.beyond(ctx, tx, sc, len(out))
	return out, n, err
}

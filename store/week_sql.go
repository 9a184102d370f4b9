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
	sorts                    bool // the order is not the index's: every row is sorted
}

// scope adds the scope's filter: the customer (col is their id), or the
// items with a record left out (itemID is the SQL for the item's id).
func (q *kindQuery) scope(sc weekScope, col, itemID string, idArgs ...any) {
	if sc.customer != 0 {
		q.where += "\n\tAND " + col + " = ?"
		q.args = append(q.args, sc.customer)
		return
	}
	q.where += `
	AND NOT EXISTS (SELECT 1 FROM week_items wi WHERE wi.id = ` + itemID + ` AND (wi.state = 'done' OR wi.week = ?))`
	q.args = append(append(q.args, idArgs...), sc.weekOf.String())
}

// rows runs the query for at most the scope's limit of rows. The last
// column is the number of rows the filter matches, the limit aside, when
// the order needs every row sorted anyway (count(*) OVER (), in the same
// pass); when the index gives the order, SQLite stops at the limit, and the
// column is -1: beyond counts then, if the limit cut.
func (q *kindQuery) rows(ctx context.Context, tx queryer, sc weekScope) (*sql.Rows, error) {
	limit := sc.limit
	if limit <= 0 || sc.customer != 0 {
		limit = -1
	}
	total := "-1"
	if q.sorts {
		total = "count(*) OVER ()"
	}
	args := append(append([]any{}, q.args...), limit)
	return tx.QueryContext(ctx, `SELECT `+q.cols+`, `+total+`
	FROM `+q.from+`
	WHERE `+q.where+`
	ORDER BY `+q.order+` LIMIT ?`, args...)
}

// count counts the rows the filter matches.
func (q *kindQuery) count(ctx context.Context, tx queryer) (int, error) {
	var n int
	err := tx.QueryRowContext(ctx, `SELECT count(*)
	FROM `+q.from+`
	WHERE `+q.where, q.args...).Scan(&n)
	return n, err
}

// beyond is how many rows the scope's limit left out of total (-1: not
// counted yet), when got reached it.
func (q *kindQuery) beyond(ctx context.Context, tx queryer, sc weekScope, total, got int) (int, error) {
	if sc.customer != 0 || sc.limit <= 0 || got < sc.limit {
		return 0, nil
	}
	if total < 0 {
		var err error
		if total, err = q.count(ctx, tx); err != nil {
			return 0, err
		}
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

// collect reads every row of a kind's query with scan, which also reads the
// kind's total (the query's last column), and returns the candidates and
// how many more lie beyond the cut.
func collect[T any](ctx context.Context, tx queryer, q kindQuery, sc weekScope, scan func(rows *sql.Rows, c *T, total *int) error) ([]T, int, error) {
	rows, err := q.rows(ctx, tx, sc)
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	var out []T
	var total int
	for rows.Next() {
		var c T
		if err := scan(rows, &c, &total); err != nil {
			return nil, 0, err
		}
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, 0, err
	}
	n, err := q.beyond(ctx, tx, sc, total, len(out))
	return out, n, err
}

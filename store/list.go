package store

import (
	"context"
	"database/sql"
	"strings"
	"time"

	"regulars/model"
)

// Sort orders the customer list.
type Sort int

// The list's sort orders, in the order a key cycles them.
const (
	ByName Sort = iota
	ByLastVisit
	BySpendYear
)

func (s Sort) String() string {
	switch s {
	case ByLastVisit:
		return "last visit"
	case BySpendYear:
		return "spend this year"
	}
	return "name"
}

// Next returns the sort that follows s in the cycle.
func (s Sort) Next() Sort { return (s + 1) % 3 }

// SearchQuery asks for one page of the customer list.
type SearchQuery struct {
	Text        string // filter: words matched by prefix against name, nickname, e-mail, phone, tags and notes
	Sort        Sort
	Offset      int
	Limit       int  // rows wanted; 0 means 50
	NamesOnly   bool // match the customer's own fields, not their notes
	HidePrivate bool // private notes do not match (screen-safe mode)
	Archived    bool // list the archived customers instead of the active ones
}

// Match is one row of the customer list.
type Match struct {
	ID        int64
	Name      string
	Nickname  string
	Tags      []string
	Birthday  model.MonthDay
	LastVisit model.Date // zero when they never visited
	SpendYear int64      // cents spent this calendar year
	OpenItems int        // thank-yous owed, follow-ups due, unhappy feedback unanswered
}

// Page is a page of the list and whether more rows follow it.
type Page struct {
	Rows []Match
	More bool
}

// Count returns how many active customers (archived ones with q.Archived)
// match q's filter, so the list can say "1,204 customers" and jump to its
// last row. Sort, Offset and Limit are ignored.
func (s *Store) Count(ctx context.Context, q SearchQuery) (int, error) {
	var n int
	err := s.readTx(ctx, func(tx *sql.Tx) error {
		where, args := searchFilter(q)
		return tx.QueryRowContext(ctx, `SELECT count(*) FROM customers c`+where, args...).Scan(&n)
	})
	return n, err
}

// ListPage returns one page of active customers (archived ones with
// q.Archived) matching q, in q's order, and whether more follow. It first picks the page's ids with cheap,
// indexed orderings, then computes the spend and open items for those rows
// only: sorting every match with its per-row subqueries takes seconds at
// 100,000 customers.
func (s *Store) ListPage(ctx context.Context, q SearchQuery) (Page, error) {
	if q.Limit <= 0 {
		q.Limit = 50
	}
	q.Offset = max(q.Offset, 0)
	today := s.Today()
	var page Page
	err := s.readTx(ctx, func(tx *sql.Tx) error {
		ids, err := pageIDs(ctx, tx, q, today.Year)
		if err != nil {
			return err
		}
		if len(ids) > q.Limit {
			ids, page.More = ids[:q.Limit], true
		}
		page.Rows, err = matchesByID(ctx, tx, ids, today)
		return err
	})
	return page, err
}

// pageIDs picks up to q.Limit+1 ids of the page in list order. The orders
// with a NULL-or-zero tail (never visited, nothing spent this year) run as
// two index-ordered parts, the tail by name.
func pageIDs(ctx context.Context, tx *sql.Tx, q SearchQuery, year int) ([]int64, error) {
	where, args := searchFilter(q)
	want := q.Limit + 1
	const byName = ` ORDER BY c.name COLLATE NOCASE, c.id`
	dense, err := denseFilter(ctx, tx, q)
	if err != nil {
		return nil, err
	}
	// A filter with few matches sorts them; otherwise the page walks an
	// index in the list's order (a "+" keeps SQLite from walking one).
	walk := ""
	if len(searchWords(q.Text)) > 0 && !dense {
		walk = "+"
	}
	var head, headCount, tail string
	var headArgs, tailArgs []any
	switch q.Sort {
	case ByLastVisit:
		head = `SELECT c.id FROM customers c` + where + ` AND c.last_visit IS NOT NULL ORDER BY ` + walk + `c.last_visit DESC, c.name COLLATE NOCASE, c.id`
		headCount = `SELECT count(*) FROM customers c` + where + ` AND c.last_visit IS NOT NULL`
		tail = `SELECT c.id FROM customers c` + where + ` AND c.last_visit IS NULL` + byName
		headArgs, tailArgs = args, args
	case BySpendYear:
		join := `visit_years y JOIN customers c ON c.id = y.customer_id`
		if walk != "" {
			// Few matches: start from them (CROSS JOIN keeps this order).
			join = `customers c CROSS JOIN visit_years y ON y.customer_id = c.id`
		}
		head = `SELECT c.id FROM ` + join + where +
			` AND y.year = ? AND y.cents > 0 ORDER BY ` + walk + `y.cents DESC, c.name COLLATE NOCASE, c.id`
		headCount = `SELECT count(*) FROM ` + join + where + ` AND y.year = ? AND y.cents > 0`
		tail = `SELECT c.id FROM customers c` + where +
			` AND NOT EXISTS (SELECT 1 FROM visit_years y WHERE y.customer_id = c.id AND y.year = ? AND y.cents > 0)` + byName
		headArgs = append(append([]any{}, args...), year)
		tailArgs = headArgs
	default:
		from := `SELECT c.id FROM customers c`
		if dense && !q.Archived {
			// Many match: walking the names in order finds a page after a
			// few hundred names, where sorting every match by name would
			// read tens of thousands of rows.
			from += ` INDEXED BY customers_name`
		}
		return queryIDs(ctx, tx, from+where+byName, args, q.Offset, want)
	}
	ids, err := queryIDs(ctx, tx, head, headArgs, q.Offset, want)
	if err != nil || len(ids) == want {
		return ids, err
	}
	// The page runs into the tail: skip what the head holds before it.
	var n int
	if err := tx.QueryRowContext(ctx, headCount, headArgs...).Scan(&n); err != nil {
		return nil, err
	}
	more, err := queryIDs(ctx, tx, tail, tailArgs, max(q.Offset-n, 0), want-len(ids))
	return append(ids, more...), err
}

// denseLimit is how many matches make a filter dense (see denseFilter).
const denseLimit = 1000

// denseFilter reports whether q's filter matches at least denseLimit
// customers by their own fields or by their notes, counting no further.
func denseFilter(ctx context.Context, tx *sql.Tx, q SearchQuery) (bool, error) {
	words := searchWords(q.Text)
	if len(words) == 0 {
		return false, nil
	}
	probe := func(table, match string) (bool, error) {
		var n int
		err := tx.QueryRowContext(ctx, `SELECT count(*) FROM (SELECT rowid FROM `+table+` WHERE `+table+` MATCH ? LIMIT ?)`,
			match, denseLimit).Scan(&n)
		return n >= denseLimit, err
	}
	if dense, err := probe("customer_fts", ftsMatch(words)); dense || err != nil {
		return dense, err
	}
	if q.NamesOnly || longestWord(words) < 3 {
		return false, nil
	}
	return probe("customer_notes_fts", notesMatch(words, q.HidePrivate))
}

func queryIDs(ctx context.Context, tx *sql.Tx, query string, args []any, offset, limit int) ([]int64, error) {
	args = append(append([]any{}, args...), limit, offset)
	rows, err := tx.QueryContext(ctx, query+` LIMIT ? OFFSET ?`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

// matchesByID loads the list rows of the given customers, in that order.
// matchesSQL reads list rows by id (the ids' marks and ")" follow): the
// year's spend and the open items counted from the partial indexes of
// migration 0012.
const matchesSQL = `SELECT c.id, c.name, c.nickname, c.tags, c.bday_year, c.bday_month, c.bday_day, c.last_visit,
	coalesce((SELECT cents FROM visit_years y WHERE y.customer_id = c.id AND y.year = ?), 0),
	(SELECT count(*) FROM thank_yous t WHERE t.customer_id = c.id AND t.sent_at IS NULL AND t.due <= ?)
	+ (SELECT count(*) FROM notes n WHERE n.customer_id = c.id AND n.ask_on <= ? AND n.asked_at IS NULL)
	+ (SELECT count(*) FROM feedback f WHERE f.customer_id = c.id AND f.rating <= ? AND f.replied_at IS NULL)
	FROM customers c WHERE c.id IN (`

func matchesByID(ctx context.Context, tx *sql.Tx, ids []int64, today model.Date) ([]Match, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	soon := today.AddDays(6).String()
	args := []any{today.Year, soon, soon, model.UnhappyRating}
	marks := make([]string, len(ids))
	for i, id := range ids {
		marks[i] = "?"
		args = append(args, id)
	}
	rows, err := tx.QueryContext(ctx, matchesSQL+strings.Join(marks, ",")+`)`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	byID := make(map[int64]Match, len(ids))
	for rows.Next() {
		var m Match
		var tags string
		var bm int
		var last sql.NullString
		if err := rows.Scan(&m.ID, &m.Name, &m.Nickname, &tags, &m.Birthday.Year, &bm, &m.Birthday.Day,
			&last, &m.SpendYear, &m.OpenItems); err != nil {
			return nil, err
		}
		m.Tags = splitTags(tags)
		if bm > 0 {
			m.Birthday.Month = time.Month(bm)
		} else {
			m.Birthday = model.MonthDay{}
		}
		if last.Valid {
			m.LastVisit = parseDay(last.String)
		}
		byID[m.ID] = m
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	out := make([]Match, 0, len(ids))
	for _, id := range ids {
		if m, ok := byID[id]; ok {
			out = append(out, m)
		}
	}
	return out, nil
}

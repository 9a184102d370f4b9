package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"
	"unicode"

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

// Search returns one page of active customers matching q.
func (s *Store) Search(ctx context.Context, q SearchQuery) ([]Match, error) {
	p, err := s.SearchPage(ctx, q)
	return p.Rows, err
}

// SearchPage returns one page of active customers matching q, and whether
// more follow, without counting every match.
func (s *Store) SearchPage(ctx context.Context, q SearchQuery) (Page, error) {
	if q.Limit <= 0 {
		q.Limit = 50
	}
	today := s.Today()
	var page Page
	err := s.readTx(ctx, func(tx *sql.Tx) error {
		query, args := buildSearch(q, today)
		rows, err := tx.QueryContext(ctx, query, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var m Match
			var tags string
			var bm int
			var last sql.NullString
			if err := rows.Scan(&m.ID, &m.Name, &m.Nickname, &tags, &m.Birthday.Year, &bm, &m.Birthday.Day,
				&last, &m.SpendYear, &m.OpenItems); err != nil {
				return err
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
			page.Rows = append(page.Rows, m)
		}
		return rows.Err()
	})
	if len(page.Rows) > q.Limit {
		page.Rows, page.More = page.Rows[:q.Limit], true
	}
	return page, err
}

func buildSearch(q SearchQuery, today model.Date) (string, []any) {
	year := today.Year
	soon := today.AddDays(6).String()
	var args []any
	var b strings.Builder
	words := searchWords(q.Text)
	b.WriteString(`SELECT c.id, c.name, c.nickname, c.tags, c.bday_year, c.bday_month, c.bday_day, c.last_visit,
		coalesce((SELECT cents FROM visit_years y WHERE y.customer_id = c.id AND y.year = ?), 0) AS spend,
		(SELECT count(*) FROM thank_yous t WHERE t.customer_id = c.id AND t.sent_at IS NULL AND t.due <= ?)
		+ (SELECT count(*) FROM notes n WHERE n.customer_id = c.id AND n.ask_on <= ? AND n.asked_at IS NULL)
		+ (SELECT count(*) FROM feedback f WHERE f.customer_id = c.id AND f.rating <= ? AND f.replied_at IS NULL)
		FROM customers c`)
	args = append(args, year, soon, soon, model.UnhappyRating)
	if len(words) > 0 {
		match := ftsMatch(words)
		b.WriteString(` WHERE c.id IN (SELECT rowid FROM customer_fts WHERE customer_fts MATCH ?`)
		args = append(args, match)
		if digits := phoneWord(words); digits != "" {
			// A phone fragment also matches in the middle of a number.
			b.WriteString(` UNION SELECT id FROM customers WHERE phone_digits <> '' AND instr(phone_digits, ?) > 0`)
			args = append(args, digits)
		}
		if !q.NamesOnly && longestWord(words) >= 3 {
			b.WriteString(` UNION SELECT n.customer_id FROM note_fts JOIN notes n ON n.id = note_fts.rowid WHERE note_fts MATCH ?`)
			args = append(args, match)
			if q.HidePrivate {
				b.WriteString(` AND n.private = 0`)
			}
		}
		b.WriteString(`) AND c.archived_at IS NULL`)
	} else {
		b.WriteString(` WHERE c.archived_at IS NULL`)
	}
	switch q.Sort {
	case ByLastVisit:
		b.WriteString(` ORDER BY c.last_visit IS NULL, c.last_visit DESC, c.name COLLATE NOCASE, c.id`)
	case BySpendYear:
		b.WriteString(` ORDER BY spend DESC, c.name COLLATE NOCASE, c.id`)
	default:
		b.WriteString(` ORDER BY c.name COLLATE NOCASE, c.id`)
	}
	fmt.Fprintf(&b, ` LIMIT %d OFFSET %d`, q.Limit+1, max(q.Offset, 0))
	return b.String(), args
}

// searchWords splits a filter into lower-case words of letters and digits;
// everything else separates words, so no FTS syntax can be typed in.
func searchWords(text string) []string {
	return strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.Is(unicode.Mn, r)
	})
}

// ftsMatch makes an FTS5 query in which every word must match as a prefix.
func ftsMatch(words []string) string {
	parts := make([]string, len(words))
	for i, w := range words {
		parts[i] = `"` + w + `"*`
	}
	return strings.Join(parts, " AND ")
}

// phoneWord returns the filter as digits when it looks like a phone fragment.
func phoneWord(words []string) string {
	d := strings.Join(words, "")
	if len(d) < 3 {
		return ""
	}
	for _, r := range d {
		if r < '0' || r > '9' {
			return ""
		}
	}
	return d
}

func longestWord(words []string) int {
	n := 0
	for _, w := range words {
		n = max(n, len([]rune(w)))
	}
	return n
}

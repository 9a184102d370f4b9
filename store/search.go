package store

import (
	"context"
	"strings"
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
	p, err := s.ListPage(ctx, q)
	return p.Rows, err
}

// searchFilter is the WHERE clause (on customers c) that picks the active
// customers matching q's text.
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
		// A phone fragment also matches in the middle of a number.
		b.WriteString(` UNION SELECT rowid FROM phone_fts WHERE phone_fts MATCH ?`)
		args = append(args, `"`+digits+`"`)
	}
	if at := emailPrefix(q.Text); at != "" {
		// Only an e-mail's local part is indexed as words; a typed address
		// matches the e-mails it begins.
		b.WriteString(` UNION SELECT id FROM customers WHERE email <> '' AND email COLLATE NOCASE >= ? AND email COLLATE NOCASE < ?`)
		args = append(args, at, at+"\U0010FFFF")
	}
	if !q.NamesOnly && longestWord(words) >= 3 {
		b.WriteString(` UNION SELECT rowid FROM customer_notes_fts WHERE customer_notes_fts MATCH ?`)
		args = append(args, notesMatch(words, q.HidePrivate))
	}
	b.WriteString(`) AND c.archived_at IS NULL`)
	return b.String(), args
}

// notesMatch is the query on customer_notes_fts: every word, in public
// notes only when private ones are hidden.
func notesMatch(words []string, hidePrivate bool) string {
	if hidePrivate {
		return "{public} : (" + ftsMatch(words) + ")"
	}
	return ftsMatch(words)
}

// emailPrefix returns the filter as the start of an e-mail address when it
// holds an "@", else "".
func emailPrefix(text string) string {
	t := strings.TrimSpace(text)
	if !strings.Contains(t, "@") || strings.ContainsAny(t, " \t") {
		return ""
	}
	return t
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

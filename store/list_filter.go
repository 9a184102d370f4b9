package store

import (
	"strings"
	"unicode"
)

// The list's filter: the SQL that picks the customers whose name,
// nickname, e-mail, phone, tags or notes match the typed words.

// searchFilter is the WHERE clause (on customers c) that picks the active
// customers (the archived ones with q.Archived) matching q's text.
func searchFilter(q SearchQuery) (string, []any) {
	var args []any
	var b strings.Builder
	words := searchWords(q.Text)
	state := ` c.archived_at IS NULL`
	if q.Archived {
		state = ` c.archived_at IS NOT NULL`
	}
	if len(words) == 0 {
		return ` WHERE` + state, nil
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
		b.WriteString(` UNION SELECT customer_id FROM contacts WHERE kind = 'email' AND value COLLATE NOCASE >= ? AND value COLLATE NOCASE < ?`)
		args = append(args, at, at+"\U0010FFFF", at, at+"\U0010FFFF")
	}
	if !q.NamesOnly && longestWord(words) >= 3 {
		b.WriteString(` UNION SELECT rowid FROM customer_notes_fts WHERE customer_notes_fts MATCH ?`)
		args = append(args, notesMatch(words, q.HidePrivate))
	}
	b.WriteString(`) AND` + state)
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

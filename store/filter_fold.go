package store

import (
	"context"
	"database/sql"
	"strings"
	"sync"
	"unicode/utf8"
)

// The words of the in-memory filter (filter_index.go) must be exactly the
// full-text tables' words: split and folded as SQLite's 'unicode61
// remove_diacritics 2' tokenizer does. Rather than copy its Unicode tables,
// each character outside ASCII is asked of that tokenizer once, in a
// database in memory, and remembered: it is a separator, or a word
// character folded to some text (possibly none, as combining accents are).

// foldChar is what the tokenizer makes of one character.
type foldChar struct {
	sep  bool
	text string // folded form of a word character; "" for one it drops
	odd  bool   // the tokenizer did something else with it: the SQL path serves
}

var folds struct {
	mu    sync.Mutex
	chars map[rune]foldChar // never changed once published: learnFolds makes a new one
	db    *sql.DB
}

func newTokenizer() *tokenizer {
	folds.mu.Lock()
	defer folds.mu.Unlock()
	return &tokenizer{chars: folds.chars}
}

// asciiFold is the tokenizer on ASCII: letters and digits are word
// characters, upper case folded; everything else separates words.
func asciiFold(c byte) (byte, bool) {
	switch {
	case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
		return c, true
	case c >= 'A' && c <= 'Z':
		return c + 'a' - 'A', true
	}
	return 0, false
}

// learnFolds asks the tokenizer about the characters of texts outside
// ASCII that are not known yet.
func learnFolds(texts ...string) error {
	folds.mu.Lock()
	defer folds.mu.Unlock()
	var unknown []rune
	seen := map[rune]bool{}
	for _, t := range texts {
		for _, r := range t {
			if r < 0x80 || seen[r] {
				continue
			}
			if _, ok := folds.chars[r]; !ok {
				seen[r] = true
				unknown = append(unknown, r)
			}
		}
	}
	if len(unknown) == 0 {
		return nil
	}
	chars := make(map[rune]foldChar, len(folds.chars)+len(unknown))
	for r, f := range folds.chars {
		chars[r] = f
	}
	if folds.db == nil {
		db, err := sql.Open("sqlite", "file::memory:")
		if err != nil {
			return err
		}
		db.SetMaxOpenConns(1)
		if _, err := db.Exec(`CREATE VIRTUAL TABLE t USING fts5 (x, tokenize = 'unicode61 remove_diacritics 2');
			CREATE VIRTUAL TABLE v USING fts5vocab (t, instance)`); err != nil {
			db.Close()
			return err
		}
		folds.db = db
	}
	ctx := context.Background()
	tx, err := folds.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.Exec(`DELETE FROM t`); err != nil {
		return err
	}
	for _, r := range unknown {
		// "q", the character, "q": one word "q…q" or two words "q" "q".
		if _, err := tx.Exec(`INSERT INTO t (rowid, x) VALUES (?, ?)`, int64(r), "q"+string(r)+"q"); err != nil {
			return err
		}
	}
	rows, err := tx.Query(`SELECT doc, term FROM v ORDER BY doc, "offset"`)
	if err != nil {
		return err
	}
	terms := map[rune][]string{}
	for rows.Next() {
		var doc int64
		var term string
		if err := rows.Scan(&doc, &term); err != nil {
			rows.Close()
			return err
		}
		terms[rune(doc)] = append(terms[rune(doc)], term)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, r := range unknown {
		t := terms[r]
		var f foldChar
		switch {
		case len(t) == 2 && t[0] == "q" && t[1] == "q":
			f.sep = true
		case len(t) == 1 && len(t[0]) >= 2 && strings.HasPrefix(t[0], "q") && strings.HasSuffix(t[0], "q"):
			f.text = t[0][1 : len(t[0])-1]
		default:
			f.odd = true
		}
		chars[r] = f
	}
	folds.chars = chars
	return nil
}

// tokenizer splits texts into folded words; learnFolds must have seen the
// texts' characters. It reuses its buffer: a word it hands out is valid
// until the next call.
type tokenizer struct {
	chars map[rune]foldChar // folds.chars when it was made
	buf   []byte
	odd   bool // a character the tokenizer treats otherwise was met
}

// words calls fn with each folded word of text.
func (t *tokenizer) words(text string, fn func(word []byte)) {
	t.buf = t.buf[:0]
	inWord := false
	flush := func() {
		if inWord && len(t.buf) > 0 {
			fn(t.buf)
		}
		t.buf, inWord = t.buf[:0], false
	}
	for i := 0; i < len(text); {
		c := text[i]
		if c < 0x80 {
			i++
			if f, ok := asciiFold(c); ok {
				t.buf, inWord = append(t.buf, f), true
			} else {
				flush()
			}
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		i += size
		f, ok := t.chars[r]
		switch {
		case !ok || f.odd:
			t.odd = true
			flush()
		case f.sep:
			flush()
		default:
			t.buf, inWord = append(t.buf, f.text...), true
		}
	}
	flush()
}

// foldWords folds the filter's words as the tokenizer folds the quoted
// words of the FTS query. ok is false when a word does not fold to exactly
// one non-empty word (the FTS query would then be a phrase): the SQL path
// serves such a filter.
func foldWords(words []string) (out []string, ok bool, err error) {
	if err := learnFolds(words...); err != nil {
		return nil, false, err
	}
	t := newTokenizer()
	for _, w := range words {
		n := 0
		var got string
		t.words(w, func(word []byte) { n++; got = string(word) })
		if n != 1 || t.odd {
			return nil, false, nil
		}
		out = append(out, got)
	}
	return out, true, nil
}

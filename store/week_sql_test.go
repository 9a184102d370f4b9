package store

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"regulars/model"
)

// Every kind of week item has a query, and every query a kind.
func TestWeekKindQueries(t *testing.T) {
	for _, k := range model.Kinds {
		if _, ok := kindQueries[k]; !ok {
			t.Errorf("no query for kind %s", k)
		}
	}
	if got, want := len(kindQueries), len(model.Kinds); got != want {
		t.Errorf("%d kind queries, want %d (one per model.Kinds)", got, want)
	}
}

// The partial index the unhappy query forces holds the feedback rated
// model.UnhappyRating or lower (model/week_unhappy.go).
func TestWeekUnhappyIndex(t *testing.T) {
	s, err := Open(filepath.Join(t.TempDir(), "regulars.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var def string
	if err := s.db.QueryRow(`SELECT sql FROM sqlite_master WHERE type = 'index' AND name = 'feedback_unhappy'`).Scan(&def); err != nil {
		t.Fatal(err)
	}
	if want := "rating <= " + strconv.Itoa(model.UnhappyRating); !strings.Contains(def, want) {
		t.Errorf("feedback_unhappy is %q, want it to hold %q", def, want)
	}
}

// TestWeekSQL writes down the SQL each kind's query runs, for the whole
// queue and for one customer, and compares it with
// testdata/week-sql/<kind>.sql, so the assembled queries can be read in one
// place and a change to them shows in review. REGULARS_UPDATE_GOLDEN=1
// rewrites the files.
func TestWeekSQL(t *testing.T) {
	ctx := context.Background()
	now := time.Date(2026, 11, 28, 10, 0, 0, 0, time.UTC)
	s, err := Open(filepath.Join(t.TempDir(), "regulars.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	s.Now = func() time.Time { return now }
	today := model.DateOf(now)
	// One customer with something of every kind, and a limit of one, so
	// that the queries that count what the limit left out run too.
	c := &model.Customer{Name: "Ann", Birthday: model.MonthDay{Month: 11, Day: 30},
		Anniversary: model.MonthDay{Month: 12, Day: 2}}
	for _, err := range []error{
		s.CreateCustomer(ctx, c),
		s.AddVisit(ctx, &model.Visit{CustomerID: c.ID, On: today, Cents: 5000}),
		s.AddThankYou(ctx, &model.ThankYou{CustomerID: c.ID, Reason: "cake", Due: today}),
		s.AddFeedback(ctx, &model.Feedback{CustomerID: c.ID, On: today, Rating: 1}),
		s.AddNote(ctx, &model.Note{CustomerID: c.ID, Text: "Lisbon", AskOn: today}),
	} {
		if err != nil {
			t.Fatal(err)
		}
	}
	r := model.DefaultWeekRules
	r.PerKindLimit = 1
	scopes := []struct {
		title string
		sc    weekScope
	}{
		{"the whole queue (Store.Week), cut at PerKindLimit (1 here)", weekScope{limit: r.PerKindLimit, weekOf: model.WeekOf(today)}},
		{"one customer (DoneItem, SnoozeItem, and a snoozed item in Store.Week)", weekScope{customer: c.ID, weekOf: model.WeekOf(today)}},
	}
	for _, kind := range model.Kinds {
		t.Run(string(kind), func(t *testing.T) {
			var buf bytes.Buffer
			fmt.Fprintf(&buf, "-- The SQL of the %s, on %s (TestWeekSQL).\n", kind.Noun(2), today.Short())
			for _, scope := range scopes {
				fmt.Fprintf(&buf, "\n-- %s\n", scope.title)
				err := s.readTx(ctx, func(tx *sql.Tx) error {
					on := weekFor{today: today, loc: time.UTC, r: r, sc: scope.sc}
					_, err := gatherKind(ctx, &sqlRecorder{tx: tx, w: &buf}, kind, on, &model.WeekData{})
					return err
				})
				if err != nil {
					t.Fatal(err)
				}
			}
			goldenSQL(t, filepath.Join("testdata", "week-sql", string(kind)+".sql"), buf.Bytes())
		})
	}
}

// sqlRecorder runs queries on tx and writes them down, tidied, with their
// arguments.
type sqlRecorder struct {
	tx *sql.Tx
	w  *bytes.Buffer
}

func (r *sqlRecorder) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	r.write(query, args)
	return r.tx.QueryContext(ctx, query, args...)
}

func (r *sqlRecorder) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	r.write(query, args)
	return r.tx.QueryRowContext(ctx, query, args...)
}

func (r *sqlRecorder) write(query string, args []any) {
	// Indent by the depth of parentheses, and a line that goes on with a
	// clause one more.
	lines := strings.Split(strings.TrimSpace(query), "\n")
	depth := 0
	for i, l := range lines {
		l = strings.TrimSpace(l)
		indent := depth
		switch {
		case strings.HasPrefix(l, ")"):
			indent--
		case i > 0 && !clauseStart(l):
			indent++
		}
		depth += strings.Count(l, "(") - strings.Count(l, ")")
		lines[i] = strings.Repeat("\t", indent) + l
	}
	fmt.Fprintf(r.w, "%s;\n", strings.Join(lines, "\n"))
	if len(args) > 0 {
		vals := make([]string, len(args))
		for i, a := range args {
			switch a := a.(type) {
			case string:
				vals[i] = "'" + strings.ReplaceAll(a, "'", "''") + "'"
			default:
				vals[i] = fmt.Sprint(a)
			}
		}
		fmt.Fprintf(r.w, "-- args: %s\n", strings.Join(vals, ", "))
	}
}

// clauseStart reports whether a line of SQL starts a clause of its own.
func clauseStart(l string) bool {
	for _, w := range []string{"SELECT ", "FROM ", "WHERE ", "ORDER BY ", "GROUP BY ", "LIMIT ", "UNION"} {
		if strings.HasPrefix(l, w) {
			return true
		}
	}
	return false
}

// goldenSQL compares got with the file at path; REGULARS_UPDATE_GOLDEN=1
// rewrites it.
func goldenSQL(t *testing.T, path string, got []byte) {
	t.Helper()
	if os.Getenv("REGULARS_UPDATE_GOLDEN") == "1" {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (REGULARS_UPDATE_GOLDEN=1 writes it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from what runs (REGULARS_UPDATE_GOLDEN=1 rewrites it):\n--- got ---\n%s\n--- want ---\n%s", path, got, want)
	}
}

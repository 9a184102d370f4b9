package store

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
)

// The list's rows count each customer's open items from the small partial
// indexes (migration 0012), not by reading every note, thank-you and
// feedback row of the customer.
func TestListRowsCountOpenItemsFromIndexes(t *testing.T) {
	s, err := Open(filepath.Join(t.TempDir(), "plan.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	rows, err := s.db.QueryContext(context.Background(), "EXPLAIN QUERY PLAN "+matchesSQL+"?, ?)", 2026, "2026-12-05", "2026-12-05", 3, 1, 2)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var plan []string
	for rows.Next() {
		var id, parent, unused int
		var detail string
		if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
			t.Fatal(err)
		}
		plan = append(plan, detail)
	}
	got := strings.Join(plan, "\n")
	for _, want := range []string{
		"SEARCH t USING INDEX thank_yous_customer_open (customer_id=? AND due<?)",
		"SEARCH n USING INDEX notes_customer_ask (customer_id=? AND ask_on<?)",
		"SEARCH f USING INDEX feedback_customer_open (customer_id=? AND rating<?)",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("the plan has no %q:\n%s", want, got)
		}
	}
}

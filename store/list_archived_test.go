package store_test

import (
	"context"
	"fmt"
	"testing"

	"regulars/model"
	"regulars/store"
)

func TestListArchived(t *testing.T) {
	ctx := context.Background()
	s := MustOpen(t)
	anna := mustCustomer(t, s, "Anna Schmidt")
	mustCustomer(t, s, "Anna Berger")
	bob := mustCustomer(t, s, "Bob")
	must(t, s.AddVisit(ctx, &model.Visit{CustomerID: bob.ID, On: model.MakeDate(2026, 11, 2), Cents: 500}))
	must(t, s.ArchiveCustomer(ctx, anna.ID))
	must(t, s.ArchiveCustomer(ctx, bob.ID))

	names := func(q store.SearchQuery) string {
		t.Helper()
		rows, err := listRows(s.ListPage(ctx, q))
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, r := range rows {
			out = append(out, r.Name)
		}
		return fmt.Sprint(out)
	}
	for _, tc := range []struct {
		q    store.SearchQuery
		want string
	}{
		{store.SearchQuery{Archived: true}, "[Anna Schmidt Bob]"},
		{store.SearchQuery{Archived: true, Sort: store.ByLastVisit}, "[Bob Anna Schmidt]"},
		{store.SearchQuery{Archived: true, Sort: store.BySpendYear}, "[Bob Anna Schmidt]"},
		{store.SearchQuery{Archived: true, Text: "anna"}, "[Anna Schmidt]"},
		{store.SearchQuery{Text: "anna"}, "[Anna Berger]"},
		{store.SearchQuery{}, "[Anna Berger]"},
	} {
		if got := names(tc.q); got != tc.want {
			t.Errorf("%+v: %s, want %s", tc.q, got, tc.want)
		}
	}
	if n, err := s.Count(ctx, store.SearchQuery{Archived: true}); err != nil || n != 2 {
		t.Fatalf("count archived = %d, %v; want 2", n, err)
	}
	must(t, s.UnarchiveCustomer(ctx, anna.ID))
	if got, want := names(store.SearchQuery{Archived: true}), "[Bob]"; got != want {
		t.Fatalf("after unarchive: %s, want %s", got, want)
	}
}

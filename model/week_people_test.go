package model_test

import (
	"strings"
	"testing"

	"regulars/model"
)

func TestGroupPeople(t *testing.T) {
	today := day(2026, 11, 27)
	it := func(id string, kind model.Kind, cid int64, name string, due model.Date, st model.State) model.Item {
		return model.Item{ID: id, Kind: kind, CustomerID: cid, Customer: name, Due: due, State: st, Reason: id}
	}
	items := []model.Item{
		it("birthday:1:2026", model.KindBirthday, 1, "Anna", day(2026, 11, 28), model.Open),
		it("top-spender:1:w", model.KindTopSpender, 1, "Anna", today, model.Open),
		it("birthday:2:2026", model.KindBirthday, 2, "Ben", day(2026, 11, 27), model.Open),
		it("check-in:3:w", model.KindCheckIn, 3, "Cleo", today, model.Open),
		it("unhappy:1:9", model.KindUnhappy, 1, "Anna", day(2026, 3, 1), model.Open),
		it("thank-you:4:1", model.KindThankYou, 4, "Dan", day(2026, 11, 20), model.Open), // overdue: a promise
		it("new-customer:5", model.KindNewCustomer, 5, "Eve", today, model.Done),
		it("thank-you:6:2", model.KindThankYou, 6, "Fay", day(2026, 11, 29), model.Open), // due: dated
		it("lapsed:3:x", model.KindLapsed, 3, "Cleo", today, model.Open),
	}
	people := model.GroupPeople(items, today)
	var got []string
	seen := map[int64]bool{}
	for _, p := range people {
		if seen[p.CustomerID] {
			t.Errorf("%s appears twice", p.Customer)
		}
		seen[p.CustomerID] = true
		got = append(got, p.Customer+"="+strings.Join(itemIDs(p.Items), ","))
	}
	want := []string{
		"Anna=unhappy:1:9,birthday:1:2026,top-spender:1:w", // a promise: feedback waiting for a reply
		"Dan=thank-you:4:1",            // a promise: an overdue thank-you
		"Ben=birthday:2:2026",          // dated, today
		"Fay=thank-you:6:2",            // dated, Sunday
		"Cleo=check-in:3:w,lapsed:3:x", // the rest
		"Eve=new-customer:5",           // nothing left to do
	}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("people\n got %v\nwant %v", got, want)
	}
	if got, want := people[0].Open, 3; got != want {
		t.Errorf("Anna open %d, want %d", got, want)
	}
	if got, want := people[0].Reasons(), "unhappy:1:9 · birthday:1:2026 · top-spender:1:w"; got != want {
		t.Errorf("reasons %q, want %q", got, want)
	}
	if got, want := strings.Join(people[5].OpenIDs(), ","), ""; got != want {
		t.Errorf("Eve open ids %q, want none", got)
	}
}

func itemIDs(items []model.Item) []string {
	var s []string
	for _, it := range items {
		s = append(s, it.ID)
	}
	return s
}

func TestParseOrder(t *testing.T) {
	for _, o := range []model.Order{model.ByPerson, model.ByKind, model.ByDay} {
		if got, err := model.ParseOrder(o.String()); err != nil || got != o {
			t.Errorf("ParseOrder(%q) = %v, %v", o, got, err)
		}
	}
	if _, err := model.ParseOrder("size"); model.ErrorCode(err) != model.EINVALID {
		t.Errorf("ParseOrder(size): %v, want EINVALID", err)
	}
	if got, want := model.ByDay.Next(), model.ByPerson; got != want {
		t.Errorf("next of day: %v, want %v", got, want)
	}
}

func TestReachLines(t *testing.T) {
	for _, tt := range []struct {
		c    model.Reach
		want string
	}{
		{model.Reach{Phone: "0171 555", Email: "a@b.c"}, "phone 0171 555 | e-mail a@b.c"},
		{model.Reach{Address: "Hauptstr. 1\n10115 Berlin"}, "address Hauptstr. 1, 10115 Berlin"},
		{model.Reach{}, "no phone or e-mail: in person"},
	} {
		if got := strings.Join(tt.c.Lines(), " | "); got != tt.want {
			t.Errorf("%+v: %q, want %q", tt.c, got, tt.want)
		}
	}
}

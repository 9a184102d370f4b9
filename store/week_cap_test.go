package store_test

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"regulars/model"
	"regulars/store"
)

// withLimit sets model.DefaultWeekRules.PerKindLimit for one test.
func withLimit(t *testing.T, n int) {
	t.Helper()
	old := model.DefaultWeekRules.PerKindLimit
	model.DefaultWeekRules.PerKindLimit = n
	t.Cleanup(func() { model.DefaultWeekRules.PerKindLimit = old })
}

// keys lists each kind's items by due day and name, open ones only.
func openKeys(w *model.Week) map[model.Kind][]string {
	out := map[model.Kind][]string{}
	for _, it := range w.Items {
		if it.State == model.Open {
			out[it.Kind] = append(out[it.Kind], it.Due.String()+" "+it.Customer)
		}
	}
	return out
}

// The cut queue holds, of each kind, the first PerKindLimit open items of
// the whole queue by due day and name, every done and snoozed item, and
// counts the rest: checked against the uncut queue on a demo notebook,
// before and after working some of it.
func TestWeekPerKindLimit(t *testing.T) {
	ctx := context.Background()
	friday := d(2026, 11, 27)
	s := openAt(t, friday.Time(time.Local).Add(10*time.Hour))
	if err := store.GenerateDemo(ctx, s, store.DemoOptions{Customers: 400, Seed: 7, Today: friday}); err != nil {
		t.Fatal(err)
	}
	const limit = 3
	check := func(when string) (*model.Week, *model.Week) {
		t.Helper()
		withLimit(t, 0)
		all, err := s.Week(ctx, friday)
		if err != nil {
			t.Fatal(err)
		}
		model.DefaultWeekRules.PerKindLimit = limit
		cut, err := s.Week(ctx, friday)
		if err != nil {
			t.Fatal(err)
		}
		allKeys, cutKeys := openKeys(all), openKeys(cut)
		cutKinds := 0
		for _, k := range model.Kinds {
			want := allKeys[k]
			if len(want) > limit {
				want = want[:limit]
				cutKinds++
			}
			if got := cutKeys[k]; !slices.Equal(got, want) {
				t.Errorf("%s: %s open:\n got %q\nwant %q", when, k, got, want)
			}
			if got, want := cut.More[k], len(allKeys[k])-len(want); got != want {
				t.Errorf("%s: %s: %d more, want %d", when, k, got, want)
			}
			if n := cut.More[k]; n > 0 && cut.MoreOf(k) != fmt.Sprintf("%d more %s", n, k.Noun(n)) {
				t.Errorf("%s: %q", when, cut.MoreOf(k))
			}
		}
		if cutKinds < 3 {
			t.Fatalf("%s: only %d kinds were cut at %d: the demo is too small to test the cut", when, cutKinds, limit)
		}
		if cut.Done != all.Done || cut.Snoozed != all.Snoozed || cut.Streak != all.Streak {
			t.Errorf("%s: cut %s, uncut %s", when, cut.Header(), all.Header())
		}
		for _, it := range all.Items {
			if it.State != model.Open && cut.Item(it.ID) == nil {
				t.Errorf("%s: %s (%s) left out of the cut queue", when, it.ID, it.State)
			}
		}
		return all, cut
	}
	all, cut := check("fresh")

	// Done and snoozed items count against nothing: done the first listed
	// open item of every kind, snooze the second, and done one the cut
	// left out (its id is good, listed or not).
	acted := 0
	for _, k := range model.Kinds {
		var open []model.Item
		for _, it := range cut.Items {
			if it.Kind == k && it.State == model.Open {
				open = append(open, it)
			}
		}
		if len(open) > 0 {
			if _, err := s.DoneItem(ctx, open[0].ID, model.DefaultChannel(k), ""); err != nil {
				t.Fatalf("done %s: %v", open[0].ID, err)
			}
			acted++
		}
		// Issue 14: unhappy feedback is never snoozed.
		if len(open) > 1 && k != model.KindUnhappy {
			if _, err := s.SnoozeItem(ctx, open[1].ID); err != nil {
				t.Fatalf("snooze %s: %v", open[1].ID, err)
			}
		}
	}
	var hidden string
	for _, it := range all.Items {
		if it.State == model.Open && cut.Item(it.ID) == nil {
			hidden = it.ID
		}
	}
	if hidden == "" {
		t.Fatal("nothing was left out of the cut queue")
	}
	if _, err := s.DoneItem(ctx, hidden, model.Message, ""); err != nil {
		t.Fatalf("done %s (left out of the list): %v", hidden, err)
	}
	_, cut = check("worked")
	if cut.Done != acted+1 || cut.Item(hidden) == nil || cut.Item(hidden).State != model.Done {
		t.Errorf("after working: %s; %s listed: %v", cut.Header(), hidden, cut.Item(hidden) != nil)
	}

	// Undo puts them back where they were.
	if _, err := s.UndoItem(ctx, hidden); err != nil {
		t.Fatal(err)
	}
	_, cut = check("undone")
	if cut.Item(hidden) != nil {
		t.Errorf("%s is listed again after undo, beyond the cut", hidden)
	}

	// Archived customers' items are neither listed nor counted: archive
	// one customer with an item of each kind, listed or beyond the cut,
	// and one of two with thank-yous enough to be cut.
	for _, name := range []string{"Zed Gone", "Zoe Kept"} {
		c := &model.Customer{Name: name}
		if err := s.CreateCustomer(ctx, c); err != nil {
			t.Fatal(err)
		}
		for range limit {
			if err := s.AddThankYou(ctx, &model.ThankYou{CustomerID: c.ID, Reason: "the flowers", Due: friday}); err != nil {
				t.Fatal(err)
			}
		}
		if name == "Zed Gone" {
			if err := s.ArchiveCustomer(ctx, c.ID); err != nil {
				t.Fatal(err)
			}
		}
	}
	archived := map[int64]bool{}
	perKind := map[model.Kind]int{}
	for _, it := range all.Items {
		if it.State == model.Open && perKind[it.Kind] == 0 && !archived[it.CustomerID] && it.CustomerID%2 == 0 &&
			(it.Kind != model.KindThankYou || it.ThankYouID != 0) {
			perKind[it.Kind]++
			archived[it.CustomerID] = true
			if err := s.ArchiveCustomer(ctx, it.CustomerID); err != nil {
				t.Fatal(err)
			}
		}
	}
	if perKind[model.KindThankYou] == 0 || perKind[model.KindUnhappy] == 0 {
		t.Fatalf("no thank-you or unhappy customer archived (%v): the check proves nothing", perKind)
	}
	check("archived")
}

// Acting on one item computes its kind for its customer only; an id that
// is not on the queue is refused the same way as before.
func TestWeekItemIDsChecked(t *testing.T) {
	ctx := context.Background()
	f := newWeekFixture(t)
	for _, id := range []string{
		model.ItemID(model.KindBirthday, f.ann.ID, "2025"),      // another year
		model.ItemID(model.KindBirthday, f.bob.ID, "2026"),      // no birthday this week
		model.ItemID(model.KindCheckIn, f.ann.ID, "2026-11-23"), // not a top-ten spender
		model.ItemID(model.KindThankYou, f.cat.ID, "999"),       // no such thank-you
	} {
		_, err := f.s.DoneItem(ctx, id, model.Card, "")
		if model.ErrorCode(err) != model.ENOTFOUND {
			t.Errorf("done %s: %v, want not found", id, err)
		}
	}
	w := f.week(t, monday)
	for _, it := range w.Items {
		if it.Kind == model.KindUnhappy {
			continue // issue 14: it stays until replied
		}
		if _, err := f.s.SnoozeItem(ctx, it.ID); err != nil {
			t.Errorf("snooze %s: %v", it.ID, err)
		}
	}
	if w2 := f.week(t, monday); w2.Snoozed != len(w.Items)-1 || w2.Open != 1 {
		t.Errorf("after snoozing all: %s", w2.Header())
	}
}

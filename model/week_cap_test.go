package model_test

import (
	"fmt"
	"testing"

	"regulars/model"
)

func TestCap(t *testing.T) {
	r := model.DefaultWeekRules
	r.PerKindLimit = 2
	it := func(id string, k model.Kind, st model.State) model.Item {
		return model.Item{ID: id, Kind: k, State: st}
	}
	w := &model.Week{Items: []model.Item{
		it("b1", model.KindBirthday, model.Done),
		it("b2", model.KindBirthday, model.Open),
		it("b3", model.KindBirthday, model.Snoozed),
		it("b4", model.KindBirthday, model.Open),
		it("b5", model.KindBirthday, model.Open),
		it("b6", model.KindBirthday, model.Done),
		it("f1", model.KindFollowUp, model.Open),
	}}
	r.Cap(w, map[model.Kind]int{model.KindBirthday: 10, model.KindUnhappy: 3, model.KindLapsed: 0})
	var ids []string
	for _, x := range w.Items {
		ids = append(ids, x.ID)
	}
	if got, want := fmt.Sprint(ids), "[b1 b2 b3 b4 b6 f1]"; got != want {
		t.Fatalf("kept %s, want %s", got, want)
	}
	if w.Open != 3 || w.Done != 2 || w.Snoozed != 1 {
		t.Fatalf("counts: %s", w.Header())
	}
	for k, want := range map[model.Kind]string{
		model.KindBirthday: "11 more birthdays",
		model.KindUnhappy:  "3 more unhappy customers",
		model.KindLapsed:   "",
		model.KindFollowUp: "",
	} {
		if got := w.MoreOf(k); got != want {
			t.Errorf("%s: %q, want %q", k, got, want)
		}
	}
	// No cap: everything stays.
	w2 := &model.Week{Items: []model.Item{it("a", model.KindBirthday, model.Open), it("b", model.KindBirthday, model.Open)}}
	r.PerKindLimit = 0
	r.Cap(w2, nil)
	if len(w2.Items) != 2 || w2.More != nil || w2.Open != 2 {
		t.Fatalf("uncapped: %d items, more %v", len(w2.Items), w2.More)
	}
}

func TestThousandsAndNouns(t *testing.T) {
	for n, want := range map[int64]string{0: "0", 999: "999", 1000: "1,000", 1234567: "1,234,567", -12345: "-12,345"} {
		if got := model.Thousands(n); got != want {
			t.Errorf("Thousands(%d) = %q, want %q", n, got, want)
		}
	}
	w := &model.Week{More: map[model.Kind]int{model.KindAnniversary: 1, model.KindFollowUp: 1234}}
	if got := w.MoreOf(model.KindAnniversary); got != "1 more anniversary" {
		t.Errorf("%q", got)
	}
	if got := w.MoreOf(model.KindFollowUp); got != "1,234 more follow-ups" {
		t.Errorf("%q", got)
	}
	for _, k := range model.Kinds {
		if k.Noun(1) == "" || k.Noun(2) == k.Noun(1) {
			t.Errorf("%s: one %q, many %q", k, k.Noun(1), k.Noun(2))
		}
	}
}

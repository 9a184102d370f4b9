package model_test

import (
	"testing"

	"regulars/model"
)

// The table of kinds keeps the order, the names and the channels the queue
// had before it was a table.
func TestKindTable(t *testing.T) {
	want := []struct {
		kind          model.Kind
		title, plural string
		channel       model.Channel
	}{
		{model.KindBirthday, "Birthdays", "birthdays", model.Card},
		{model.KindAnniversary, "Anniversaries", "anniversaries", model.Card},
		{model.KindThankYou, "Thank-yous", "thank-yous", model.Card},
		{model.KindReferral, "Referrals", "referrals", model.Card}, // issue 12: thanks for a friend sent
		{model.KindTopSpender, "Top spender", "top spenders", model.InPerson},
		{model.KindNewCustomer, "New customers", "new customers", model.InPerson},
		{model.KindCheckIn, "Check-ins", "check-ins", model.Message},
		{model.KindLapsed, "Lapsed regulars", "lapsed regulars", model.Message},
		{model.KindUnhappy, "Unhappy customers", "unhappy customers", model.Call},
		{model.KindFollowUp, "Follow-ups", "follow-ups", model.Call}, // issue 14: a follow-up on the queue is a call to ask
	}
	if got, want := len(model.Kinds), len(want); got != want {
		t.Fatalf("%d kinds, want %d", got, want)
	}
	for i, w := range want {
		k := model.Kinds[i]
		if k != w.kind || k.Title() != w.title || k.Noun(2) != w.plural || model.DefaultChannel(k) != w.channel {
			t.Errorf("kind %d: %s %q %q %s, want %s %q %q %s", i, k, k.Title(), k.Noun(2), model.DefaultChannel(k),
				w.kind, w.title, w.plural, w.channel)
		}
	}
	if got, want := model.DefaultChannel("nonsense"), model.Message; got != want {
		t.Errorf("unknown kind: %s, want %s", got, want)
	}
	if got, want := model.Kind("nonsense").Title(), "nonsense"; got != want {
		t.Errorf("unknown kind: %q, want %q", got, want)
	}
}

// An item snoozed this week is left out of the store's lists; BuildWeek
// finds it among its customer's candidates and counts it as snoozed.
func TestBuildWeekSnoozed(t *testing.T) {
	today := day(2026, 11, 27)
	note := model.FollowUpCandidate{NoteID: 4, CustomerID: 42, Name: "Ann", AskOn: today.AddDays(-7), Text: "Lisbon"}
	id := "follow-up:42:4"
	rec := model.ItemRecord{Item: model.Item{ID: id, Kind: model.KindFollowUp, CustomerID: 42, State: model.Snoozed},
		Week: model.WeekOf(today), On: today}
	d := model.WeekData{
		Records: []model.ItemRecord{rec},
		Snoozed: map[string]*model.WeekData{id: {FollowUps: []model.FollowUpCandidate{note}}},
		Beyond:  map[model.Kind]int{model.KindLapsed: 3},
	}
	w := rules.BuildWeek(today, d)
	if got, want := w.Snoozed, 1; got != want {
		t.Fatalf("%d snoozed, want %d: %+v", got, want, w.Items)
	}
	if it := w.Item(id); it == nil || it.State != model.Snoozed || it.Customer != "Ann" {
		t.Errorf("item %+v, want Ann's follow-up, snoozed", it)
	}
	if got, want := w.MoreOf(model.KindLapsed), "3 more lapsed regulars"; got != want {
		t.Errorf("more %q, want %q", got, want)
	}
	// A snoozed item that no longer applies is not on the queue.
	d.Snoozed = nil
	if w := rules.BuildWeek(today, d); len(w.Items) != 0 || w.Snoozed != 0 {
		t.Errorf("items %+v, want none", w.Items)
	}
}

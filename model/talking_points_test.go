package model_test

import (
	"strings"
	"testing"
	"time"

	"regulars/model"
)

func TestTalkingPoints(t *testing.T) {
	today := model.MakeDate(2026, 11, 23)
	at := func(d model.Date) time.Time { return d.Time(time.Local) }
	in := model.TalkingInput{
		Customer: model.Customer{ID: 1, Name: "Anna Schmidt", Partner: "Tom", Children: "Emma (7)",
			Interests: "cycling", Usual: "flat white",
			Birthday:    model.MonthDay{Year: 1986, Month: 11, Day: 28},
			Anniversary: model.MonthDay{Year: 2009, Month: 12, Day: 1}},
		FollowUps: []model.Note{{ID: 4, Text: "Germany trip", AskOn: model.MakeDate(2026, 11, 20), Created: at(model.MakeDate(2026, 11, 1))}},
		ThankYous: []model.ThankYou{
			{ID: 2, Reason: "the catering order", Due: model.MakeDate(2026, 11, 16)},
			{ID: 3, Reason: "already sent", Due: model.MakeDate(2026, 11, 10), Sent: true},
		},
		Feedback: []model.Feedback{
			{ID: 5, Rating: 2, On: model.MakeDate(2026, 11, 21), Comment: "coffee was cold and the music far too loud for a quiet morning"},
			{ID: 6, Rating: 5, On: model.MakeDate(2026, 11, 22), Comment: "lovely"},
			{ID: 7, Rating: 1, On: model.MakeDate(2026, 11, 1), Comment: "replied", Replied: true},
		},
		LastVisit:  &model.Visit{ID: 9, On: model.MakeDate(2026, 11, 22), Cents: 1250, What: "cake"},
		VisitCount: 3, SpendYear: 3000,
		Notes: []model.Note{
			{ID: 8, Text: "likes the window seat", Created: at(model.MakeDate(2026, 11, 22)), Private: true},
			{ID: 4, Text: "Germany trip", AskOn: model.MakeDate(2026, 11, 20), Created: at(model.MakeDate(2026, 11, 1))},
		},
		ReferredBy: "Kai Berg",
		SentUs:     []string{"Sam Lee", "Ola Nowak"},
	}
	got := model.TalkingPoints(in, today)
	want := []model.TalkingPoint{
		{Kind: model.PointThankYou, Label: "Thank-you", Text: "the catering order (due since Mon 16 Nov)", Owed: true, Record: model.RecordID{Kind: model.RecordThankYou, ID: 2}},
		{Kind: model.PointReply, Label: "Reply to", Text: "2/5 on Sat 21 Nov: coffee was cold and the music far too loud for a…", Owed: true, Record: model.RecordID{Kind: model.RecordFeedback, ID: 5}},
		{Kind: model.PointAsk, Label: "Ask about", Text: "Germany trip (due since Fri 20 Nov)", Owed: true, Record: model.RecordID{Kind: model.RecordNote, ID: 4}},
		{Kind: model.PointBirthday, Label: "Birthday", Text: "28 Nov 1986 — in 5 days (Sat 28 Nov), turns 40", Owed: true},
		{Kind: model.PointAnniversary, Label: "Anniversary", Text: "1 Dec 2009 — in 8 days (Tue 1 Dec), 17 years", Owed: true},
		{Kind: model.PointPartner, Label: "Partner", Text: "Tom"},
		{Kind: model.PointChildren, Label: "Children", Text: "Emma (7)"},
		{Kind: model.PointReferredBy, Label: "Referred by", Text: "Kai Berg"},
		{Kind: model.PointSentUs, Label: "Sent us", Text: "Sam Lee, Ola Nowak"},
		{Kind: model.PointInterests, Label: "Interests", Text: "cycling"},
		{Kind: model.PointUsual, Label: "Usual", Text: "flat white"},
		{Kind: model.PointLastVisit, Label: "Last visit", Text: "Sun 22 Nov (yesterday), cake, 12.50", Record: model.RecordID{Kind: model.RecordVisit, ID: 9}},
		{Kind: model.PointVisits, Label: "Visits", Text: "3 in all, 30.00 this year"},
		{Kind: model.PointNote, Label: "Sun 22 Nov", Text: "likes the window seat", Private: true, Record: model.RecordID{Kind: model.RecordNote, ID: 8}},
	}
	if len(got) != len(want) {
		t.Fatalf("got %d points, want %d:\n%v", len(got), len(want), got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("point %d:\n got %+v\nwant %+v", i, got[i], want[i])
		}
	}
}

func TestTalkingPointsQuiet(t *testing.T) {
	today := model.MakeDate(2026, 11, 23)
	// A birthday far off is a plain fact, after the family; a follow-up not
	// yet due is still owed (it is something to ask), said "from".
	in := model.TalkingInput{
		Customer:  model.Customer{Name: "Ben", Birthday: model.MonthDay{Month: 3, Day: 2}},
		FollowUps: []model.Note{{ID: 1, Text: "the new job", AskOn: model.MakeDate(2026, 12, 1)}},
	}
	got := model.TalkingPoints(in, today)
	var lines []string
	for _, p := range got {
		lines = append(lines, p.Label+"|"+p.Text)
		if p.Kind == model.PointBirthday && p.Owed {
			t.Errorf("a birthday in three months is owed")
		}
	}
	if g, w := strings.Join(lines, "\n"), "Ask about|the new job (from Tue 1 Dec)\nBirthday|2 Mar — in 3 months\nLast visit|never"; g != w {
		t.Fatalf("got\n%s\nwant\n%s", g, w)
	}
}

func TestTalkingPointsNotesCapped(t *testing.T) {
	today := model.MakeDate(2026, 11, 23)
	var in model.TalkingInput
	in.Customer.Name = "Cat"
	for i := 1; i <= 8; i++ {
		in.Notes = append(in.Notes, model.Note{ID: int64(i), Text: "n", Created: today.Time(time.Local)})
	}
	got := model.TalkingPoints(in, today)
	notes, more := 0, ""
	for _, p := range got {
		switch p.Kind {
		case model.PointNote:
			notes++
		case model.PointMoreNotes:
			more = p.Text
		}
	}
	if notes != model.LatestNotes || more != "3 more" {
		t.Fatalf("%d notes and %q, want %d and \"3 more\"", notes, more, model.LatestNotes)
	}
}

func TestTalkingPointsDueToday(t *testing.T) {
	today := model.MakeDate(2026, 11, 23)
	in := model.TalkingInput{
		ThankYous: []model.ThankYou{{ID: 1, Reason: "the flowers", Due: today}},
		FollowUps: []model.Note{{ID: 2, Text: "the exam", AskOn: today}},
	}
	got := model.TalkingPoints(in, today)
	if g, w := got[0].Text, "the flowers (due today)"; g != w {
		t.Errorf("thank-you: %q, want %q", g, w)
	}
	if g, w := got[1].Text, "the exam (due today)"; g != w {
		t.Errorf("follow-up: %q, want %q", g, w)
	}
}

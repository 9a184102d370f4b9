package model_test

import (
	"testing"

	"regulars/model"
)

func TestParseRecordID(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want model.RecordID
	}{
		{"note:12", model.RecordID{Kind: model.RecordNote, ID: 12}},
		{"visit:40", model.RecordID{Kind: model.RecordVisit, ID: 40}},
		{" Thanks:3 ", model.RecordID{Kind: model.RecordThankYou, ID: 3}},
		{"feedback:7", model.RecordID{Kind: model.RecordFeedback, ID: 7}},
		{"outreach:9", model.RecordID{Kind: model.RecordOutreach, ID: 9}},
	} {
		got, err := model.ParseRecordID(tt.in)
		if err != nil {
			t.Fatalf("%q: %v", tt.in, err)
		}
		if got != tt.want {
			t.Fatalf("%q = %+v, want %+v", tt.in, got, tt.want)
		}
		if again, err := model.ParseRecordID(got.String()); err != nil || again != got {
			t.Fatalf("%q does not round-trip: %v %v", got.String(), again, err)
		}
	}
	for _, bad := range []string{"", "note", "note:", "visit:x", "visit:0", "visit:-1", "visit:+3", "dog:3", ":3", "note:1:2"} {
		_, err := model.ParseRecordID(bad)
		if got, want := model.ErrorCode(err), model.EINVALID; got != want {
			t.Fatalf("%q: code %q, want %q", bad, got, want)
		}
	}
	_, err := model.ParseRecordID("visit:x")
	if got, want := model.ErrorMessage(err), "visit:x is not a record id: use KIND:N, e.g. note:12 (kinds: note, visit, thanks, feedback, outreach)"; got != want {
		t.Fatalf("message = %q, want %q", got, want)
	}
}

func TestRecordIDs(t *testing.T) {
	for _, tt := range []struct {
		rec  model.Record
		want string
	}{
		{model.Record{Note: &model.Note{ID: 12, CustomerID: 1}}, "note:12"},
		{model.Record{Visit: &model.Visit{ID: 40, CustomerID: 1}}, "visit:40"},
		{model.Record{ThankYou: &model.ThankYou{ID: 3, CustomerID: 1}}, "thanks:3"},
		{model.Record{Feedback: &model.Feedback{ID: 7, CustomerID: 1}}, "feedback:7"},
		{model.Record{Outreach: &model.Outreach{ID: 9, CustomerID: 1}}, "outreach:9"},
	} {
		if got := tt.rec.ID().String(); got != tt.want {
			t.Fatalf("id = %q, want %q", got, tt.want)
		}
		if got, want := tt.rec.CustomerID(), int64(1); got != want {
			t.Fatalf("%s: customer %d, want %d", tt.want, got, want)
		}
	}
	if !(model.Record{}).ID().IsZero() {
		t.Fatal("an empty record has an id")
	}
}

package model_test

import (
	"testing"

	"regulars/model"
)

func TestHiddenAtCounter(t *testing.T) {
	for _, tc := range []struct {
		name string
		r    interface{ HiddenAtCounter() bool }
		want bool
	}{
		{"note", model.Note{Text: "likes jazz"}, false},
		{"private note", model.Note{Text: "surprise party", Private: true}, true},
		{"follow-up", model.Note{Text: "ask about Germany", AskOn: today}, false},
		{"private follow-up", model.Note{Text: "ask about the biopsy", AskOn: today, Private: true}, true},
		{"happy feedback", model.Feedback{Rating: 5, Comment: "lovely"}, true},
		{"unhappy feedback", model.Feedback{Rating: 1}, true},
		{"birthday item", model.Item{Kind: model.KindBirthday}, false},
		{"follow-up item", model.Item{Kind: model.KindFollowUp}, false},
		{"private follow-up item", model.Item{Kind: model.KindFollowUp, Private: true}, true},
		{"unhappy item", model.Item{Kind: model.KindUnhappy}, true},
	} {
		if got := tc.r.HiddenAtCounter(); got != tc.want {
			t.Errorf("%s: HiddenAtCounter() = %v, want %v", tc.name, got, tc.want)
		}
	}
}

package model

import "testing"

func TestPreferredFirst(t *testing.T) {
	got := PreferredFirst([]Contact{{Value: "a"}, {Value: "b", Preferred: true}, {Value: "c"}})
	if len(got) != 3 || got[0].Value != "b" || got[1].Value != "a" || got[2].Value != "c" {
		t.Fatalf("PreferredFirst = %+v", got)
	}
}

package model

import "testing"

func TestOutreachWords(t *testing.T) {
	for _, tc := range []struct {
		o    Outreach
		want string
	}{
		{Outreach{Channel: Card, About: ItemID(KindBirthday, 4, "2026")}, "birthday card"},
		{Outreach{Channel: Call, About: ItemID(KindUnhappy, 4, "9")}, "unhappy customer call"},
		{Outreach{Channel: InPerson, About: ItemID(KindFollowUp, 4, "")}, "follow-up in person"},
		{Outreach{Channel: Message}, "message"},
		{Outreach{Channel: Card, About: "for the new baby"}, "card: for the new baby"},
	} {
		if got := tc.o.Words(); got != tc.want {
			t.Errorf("%+v: %q, want %q", tc.o, got, tc.want)
		}
	}
}

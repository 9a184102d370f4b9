package model_test

import (
	"testing"

	"regulars/model"
)

func TestPersonDraft(t *testing.T) {
	anna := model.Recipient{Name: "Anna Schmidt", Partner: "Tom", Usual: "flat white"}
	open := func(kind model.Kind, about string, age int) model.Item {
		return model.Item{ID: string(kind), Kind: kind, State: model.Open, About: about, Age: age}
	}
	sig := model.Templates{model.SignatureName: "Maria, Café Linde"}
	for _, tt := range []struct {
		name  string
		r     model.Recipient
		items []model.Item
		t     model.Templates
		want  string
	}{
		{"Birthday", anna, []model.Item{open(model.KindBirthday, "", 40)}, nil,
			"Happy birthday, Anna! Wishing you a lovely day. Enjoy turning 40!"},
		{"BirthdayNoAge", anna, []model.Item{open(model.KindBirthday, "", 0)}, nil,
			"Happy birthday, Anna! Wishing you a lovely day."},
		{"Nickname", model.Recipient{Name: "Robert Brown", Nickname: "Bob"}, []model.Item{open(model.KindTopSpender, "", 0)}, nil,
			"Thank you for coming in so often this week, Bob."},
		{"NoUsualDropsTheSentence", model.Recipient{Name: "Cleo"}, []model.Item{open(model.KindLapsed, "", 0)}, nil,
			"Hi Cleo, we have missed you lately!"},
		{"UnhappyThenBirthdayOneGreetingOneSignature", anna,
			[]model.Item{open(model.KindUnhappy, "slow service", 0), open(model.KindBirthday, "", 40)}, sig,
			"Hi Anna, I was sorry to read about your last visit. You wrote: “slow service”. I would love to make it right; the next one is on me. " +
				"Happy birthday, Anna! Wishing you a lovely day. Enjoy turning 40! — Maria, Café Linde"},
		{"QuoteEndsTheSentence", anna, []model.Item{open(model.KindUnhappy, "Waited twenty minutes!", 0)}, nil,
			"Hi Anna, I was sorry to read about your last visit. You wrote: “Waited twenty minutes!” I would love to make it right; the next one is on me."},
		{"NoSignatureNoDash", anna, []model.Item{open(model.KindUnhappy, "", 0)}, nil,
			"Hi Anna, I was sorry to read about your last visit. I would love to make it right; the next one is on me."},
		{"SecondGreetingDropped", anna, []model.Item{open(model.KindCheckIn, "", 0), open(model.KindFollowUp, "Lisbon trip", 0)}, nil,
			"Hi Anna, it has been a while since we caught up: how are you? Your flat white is waiting whenever you drop by. " +
				"You mentioned: “Lisbon trip”. How did it go?"},
		{"OwnTemplate", anna, []model.Item{open(model.KindThankYou, "the catering order", 0)},
			model.Templates{"thank-you": "Dear {first}, thanks for {reason}. Love to {partner} and {children}. — {signature}", "signature": "Maria"},
			"Dear Anna, thanks for the catering order. — Maria"},
		{"NoNameNoHiComma", model.Recipient{}, []model.Item{open(model.KindCheckIn, "", 0), open(model.KindNewCustomer, "", 0)}, nil,
			"It has been a while since we caught up: how are you? We hope to see you again soon."},
		{"NothingOpen", anna, []model.Item{{Kind: model.KindBirthday, State: model.Done}}, nil, ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			p := &model.Person{Items: tt.items}
			if got := model.PersonDraft(p, tt.r, tt.t); got != tt.want {
				t.Errorf("draft\n got %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestCheckTemplate(t *testing.T) {
	if err := model.CheckTemplate("birthday", "Happy birthday, {first}!"); err != nil {
		t.Errorf("birthday: %v", err)
	}
	if err := model.CheckTemplate("signature", "Maria"); err != nil {
		t.Errorf("signature: %v", err)
	}
	if err := model.CheckTemplate("bday", "x"); model.ErrorCode(err) != model.EINVALID {
		t.Errorf("bday: %v, want EINVALID", err)
	}
}

package model

import (
	"strconv"
	"strings"
	"time"
)

// Note is something the owner wants to remember about a customer. With an
// AskOn date it is also a follow-up: "ask how the Germany trip went".
type Note struct {
	ID         int64
	CustomerID int64
	Text       string
	Created    time.Time
	AskOn      Date // zero when the note is not a follow-up
	Asked      bool
	Private    bool   // hidden in screen-safe mode
	Author     string // who wrote it: a person's name from the people file; "" for the owner
}

// Validate checks a note before it is written.
func (n *Note) Validate() error {
	if strings.TrimSpace(n.Text) == "" {
		return Errorf(EINVALID, "a note needs some text")
	}
	return checkText("note", n.Text, MaxNoteLen, true)
}

// Visit is one visit or purchase.
type Visit struct {
	ID         int64
	CustomerID int64
	On         Date
	Cents      int64
	What       string
	Author     string // who wrote it: a person's name from the people file; "" for the owner
}

// MaxCents caps one visit's amount (one million in the shop's currency).
const MaxCents = 100_000_000

// Validate checks a visit before it is written.
func (v *Visit) Validate() error {
	if v.On.IsZero() {
		return Errorf(EINVALID, "a visit needs a date")
	}
	if v.Cents < 0 {
		return Errorf(EINVALID, "an amount cannot be negative")
	}
	if v.Cents > MaxCents {
		return Errorf(EINVALID, "an amount of %s is more than one visit can be (at most %s)", FormatCents(v.Cents), FormatCents(MaxCents))
	}
	return checkText("what was bought", v.What, MaxFieldLen, false)
}

// ThankYou is a thank-you the owner means to send.
type ThankYou struct {
	ID         int64
	CustomerID int64
	Reason     string
	Due        Date
	Created    time.Time
	Sent       bool
	SentAt     time.Time
	Author     string // who wrote it: a person's name from the people file; "" for the owner
}

// Validate checks a thank-you before it is written.
func (t *ThankYou) Validate() error {
	if strings.TrimSpace(t.Reason) == "" {
		return Errorf(EINVALID, "a thank-you needs a reason")
	}
	if t.Due.IsZero() {
		return Errorf(EINVALID, "a thank-you needs a due date")
	}
	return checkText("reason", t.Reason, MaxFieldLen, false)
}

// Feedback is what a customer said about a visit, rated 1 to 5.
type Feedback struct {
	ID         int64
	CustomerID int64
	On         Date
	Rating     int
	Comment    string
	Replied    bool
	RepliedAt  time.Time
	Author     string // who wrote it: a person's name from the people file; "" for the owner
}

// UnhappyRating is the highest rating that still wants a personal reply.
const UnhappyRating = 3

// Validate checks feedback before it is written.
func (f *Feedback) Validate() error {
	if f.Rating < 1 || f.Rating > 5 {
		return Errorf(EINVALID, "a rating of %d is out of range: ratings go from 1 to 5", f.Rating)
	}
	if f.On.IsZero() {
		return Errorf(EINVALID, "feedback needs a date")
	}
	return checkText("comment", f.Comment, MaxNoteLen, true)
}

// Channel is how the owner reached a customer.
type Channel string

// The channels of outreach.
const (
	Card     Channel = "card"
	Call     Channel = "call"
	Email    Channel = "email"
	Message  Channel = "message"
	InPerson Channel = "in person"
)

// Channels lists every channel in the order the UI offers them.
var Channels = []Channel{Card, Call, Email, Message, InPerson}

// ParseChannel reads a channel name; "in-person" and "inperson" are accepted.
func ParseChannel(s string) (Channel, error) {
	s = strings.ToLower(strings.TrimSpace(s))
	s = strings.NewReplacer("-", " ", "_", " ").Replace(s)
	if s == "inperson" {
		s = "in person"
	}
	for _, c := range Channels {
		if string(c) == s {
			return c, nil
		}
	}
	return "", Errorf(EINVALID, "%q is not a channel: use card, call, email, message or in-person", s)
}

// Outreach is a logged contact with a customer.
type Outreach struct {
	ID         int64
	CustomerID int64
	On         Date
	Channel    Channel
	About      string // what it was about, e.g. "birthday" or a week item id
	Note       string
	Created    time.Time
	Author     string // who wrote it: a person's name from the people file; "" for the owner
}

// Validate checks an outreach entry before it is written.
func (o *Outreach) Validate() error {
	if o.On.IsZero() {
		return Errorf(EINVALID, "an outreach entry needs a date")
	}
	if _, err := ParseChannel(string(o.Channel)); err != nil {
		return err
	}
	if err := checkText("about", o.About, MaxFieldLen, false); err != nil {
		return err
	}
	return checkText("note", o.Note, MaxNoteLen, true)
}

// ParseRating reads a rating from 1 to 5, such as "4" or "4/5".
func ParseRating(s string) (int, error) {
	t := strings.TrimSuffix(strings.TrimSpace(s), "/5")
	n, err := strconv.Atoi(t)
	if err != nil || len(t) > 3 {
		return 0, Errorf(EINVALID, "%q is not a rating: ratings go from 1 to 5", s)
	}
	if n < 1 || n > 5 {
		return 0, Errorf(EINVALID, "a rating of %d is out of range: ratings go from 1 to 5", n)
	}
	return n, nil
}

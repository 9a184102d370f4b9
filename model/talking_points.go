package model

import (
	"fmt"
	"strings"
)

// The talking points: what to say to a customer across the counter, as one
// list that every view draws from (the command line's `regulars show`, the
// terminal card), so the two never disagree about what is owed or in which
// order. TalkingPoints is pure: it takes what the store loaded and today.

// TalkingInput is what TalkingPoints reads. The store's Card holds all of
// it; lists may hold more than is talked about (sent thank-yous, happy or
// replied feedback): TalkingPoints picks.
type TalkingInput struct {
	Customer   Customer
	FollowUps  []Note     // open follow-ups, soonest first
	ThankYous  []ThankYou // the customer's thank-yous; the unsent ones are owed
	Feedback   []Feedback // the customer's feedback; unhappy, unreplied ones are owed
	LastVisit  *Visit     // nil when they never visited
	VisitCount int
	SpendYear  int64  // cents this calendar year
	Notes      []Note // newest first
	ReferredBy string // the name of who sent them, "" when nobody
	SentUs     []string
}

// PointKind says what a talking point is, so a view can style or group it
// (the command line prints the notes under "Latest notes:") without
// reading its label.
type PointKind string

// The kinds of talking point, in the order TalkingPoints lists them.
const (
	PointThankYou    PointKind = "thanks"      // a thank-you to send (owed)
	PointReply       PointKind = "reply"       // unhappy feedback awaiting a reply (owed)
	PointAsk         PointKind = "ask"         // an open follow-up (owed)
	PointBirthday    PointKind = "birthday"    // owed within BirthdayWindow days
	PointAnniversary PointKind = "anniversary" // owed within BirthdayWindow days
	PointPartner     PointKind = "partner"
	PointChildren    PointKind = "children"
	PointReferredBy  PointKind = "referred-by"
	PointSentUs      PointKind = "sent-us"
	PointInterests   PointKind = "interests"
	PointUsual       PointKind = "usual"
	PointLastVisit   PointKind = "last-visit" // Text "never" when there was none
	PointVisits      PointKind = "visits"     // only after a visit
	PointNote        PointKind = "note"       // Label is who wrote it and when: "Maya, Tue 1 Dec"
	PointMoreNotes   PointKind = "more-notes" // Text "3 more"
)

// TalkingPoint is one line of the talking points.
type TalkingPoint struct {
	Kind  PointKind
	Label string // "Thank-you", "Birthday"; a note's is the day it was written
	// Text is the notebook's own text, not made safe: views pass it
	// through Sanitize (a note's through SanitizeMultiline) when drawing.
	Text    string
	Owed    bool     // something the owner owes the customer: listed first
	Private bool     // from a private note: screen-safe mode hides it
	Record  RecordID // the record it is about, zero when none
}

// LatestNotes is how many of the latest notes the talking points hold
// (notes that are open follow-ups are not repeated among them).
const LatestNotes = 5

// replyWords is how much of an unhappy comment the point quotes.
const replyWords = 50

// TalkingPoints lists a customer's talking points on today: first what the
// owner owes them (thank-yous to send, unhappy feedback to answer, the
// follow-ups to ask about, a birthday or anniversary within BirthdayWindow
// days), then family, who sent them and whom they sent, interests, the
// usual order, the last visit and the latest notes. Empty fields make no
// point.
func TalkingPoints(in TalkingInput, today Date) []TalkingPoint {
	var out []TalkingPoint
	add := func(p TalkingPoint) {
		if p.Text != "" {
			out = append(out, p)
		}
	}
	c := in.Customer
	for _, t := range in.ThankYous {
		if t.Sent {
			continue
		}
		add(TalkingPoint{Kind: PointThankYou, Label: "Thank-you", Text: t.Reason + " (" + dueWords(t.Due, today, "due") + ")", Owed: true, Record: t.RecordID()})
	}
	for _, f := range in.Feedback {
		if f.Replied || f.Rating > UnhappyRating {
			continue
		}
		text := fmt.Sprintf("%d/5 on %s", f.Rating, f.On.ShortIn(today))
		if w := Clip(f.Comment, replyWords); w != "" {
			text += ": " + w
		}
		add(TalkingPoint{Kind: PointReply, Label: "Reply to", Text: text, Owed: true, Record: f.RecordID()})
	}
	asked := map[int64]bool{}
	for _, n := range in.FollowUps {
		asked[n.ID] = true
		add(TalkingPoint{Kind: PointAsk, Label: "Ask about", Text: n.Text + " (" + dueWords(n.AskOn, today, "from") + ")", Owed: true, Private: n.Private, Record: n.RecordID()})
	}
	yearly := func(kind PointKind, label string, md MonthDay, anniversary bool) TalkingPoint {
		if md.IsZero() {
			return TalkingPoint{}
		}
		return TalkingPoint{Kind: kind, Label: label, Text: md.Human() + " — " + Countdown(md, today, anniversary), Owed: BirthdaySoon(md, today)}
	}
	bday, anniv := yearly(PointBirthday, "Birthday", c.Birthday, false), yearly(PointAnniversary, "Anniversary", c.Anniversary, true)
	for _, p := range []TalkingPoint{bday, anniv} {
		if p.Owed {
			add(p)
		}
	}
	add(TalkingPoint{Kind: PointPartner, Label: "Partner", Text: c.Partner})
	add(TalkingPoint{Kind: PointChildren, Label: "Children", Text: c.Children})
	add(TalkingPoint{Kind: PointReferredBy, Label: "Referred by", Text: in.ReferredBy})
	add(TalkingPoint{Kind: PointSentUs, Label: "Sent us", Text: strings.Join(in.SentUs, ", ")})
	add(TalkingPoint{Kind: PointInterests, Label: "Interests", Text: c.Interests})
	add(TalkingPoint{Kind: PointUsual, Label: "Usual", Text: c.Usual})
	for _, p := range []TalkingPoint{bday, anniv} {
		if !p.Owed {
			add(p)
		}
	}
	if v := in.LastVisit; v != nil {
		s := v.On.ShortIn(today) + " (" + Ago(v.On, today) + ")"
		if v.What != "" {
			s += ", " + v.What
		}
		if v.Cents > 0 {
			s += ", " + FormatCents(v.Cents)
		}
		add(TalkingPoint{Kind: PointLastVisit, Label: "Last visit", Text: s, Record: v.RecordID()})
		add(TalkingPoint{Kind: PointVisits, Label: "Visits", Text: fmt.Sprintf("%d in all, %s this year", in.VisitCount, FormatCents(in.SpendYear))})
	} else {
		add(TalkingPoint{Kind: PointLastVisit, Label: "Last visit", Text: "never"})
	}
	shown, more := 0, 0
	for _, n := range in.Notes {
		if asked[n.ID] {
			continue
		}
		if shown == LatestNotes {
			more++
			continue
		}
		shown++
		add(TalkingPoint{Kind: PointNote, Label: Signed(n.Author, DateOf(n.Created.Local()).ShortIn(today)), Text: n.Text, Private: n.Private, Record: n.RecordID()})
	}
	if more > 0 {
		add(TalkingPoint{Kind: PointMoreNotes, Label: "", Text: fmt.Sprintf("%d more", more)})
	}
	return out
}

// dueWords says when something owed falls due: "due Mon 30 Nov" ahead,
// "due today", "due since Mon 16 Nov" once it was due (ahead says how to
// begin the words for a day to come: "due", "from").
func dueWords(d, today Date, ahead string) string {
	switch {
	case d.After(today):
		return ahead + " " + d.ShortIn(today)
	case d == today:
		return "due today"
	}
	return "due since " + d.ShortIn(today)
}

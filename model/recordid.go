package model

import (
	"strconv"
	"strings"
)

// RecordKind names a kind of record in a record id ("note" in "note:12").
type RecordKind string

// The kinds of record a customer's card holds.
const (
	RecordNote     RecordKind = "note"
	RecordVisit    RecordKind = "visit"
	RecordThankYou RecordKind = "thanks"
	RecordFeedback RecordKind = "feedback"
	RecordOutreach RecordKind = "outreach"
)

// RecordKinds lists every kind of record, in the card's order.
var RecordKinds = []RecordKind{RecordNote, RecordVisit, RecordThankYou, RecordFeedback, RecordOutreach}

// RecordID names one record across kinds: "note:12", "visit:40".
type RecordID struct {
	Kind RecordKind
	ID   int64
}

func (r RecordID) String() string { return string(r.Kind) + ":" + strconv.FormatInt(r.ID, 10) }

// IsZero reports whether r names no record.
func (r RecordID) IsZero() bool { return r == RecordID{} }

// ParseRecordID reads a record id such as "note:12" (kind in any case,
// spaces around it ignored).
func ParseRecordID(s string) (RecordID, error) {
	t := strings.TrimSpace(s)
	kind, num, ok := strings.Cut(t, ":")
	bad := Errorf(EINVALID, "%s is not a record id: use KIND:N, e.g. note:12 (kinds: note, visit, thanks, feedback, outreach)", strings.TrimSpace(s))
	if !ok {
		return RecordID{}, bad
	}
	k := RecordKind(strings.ToLower(strings.TrimSpace(kind)))
	known := false
	for _, rk := range RecordKinds {
		known = known || rk == k
	}
	if !known {
		return RecordID{}, bad
	}
	num = strings.TrimSpace(num)
	id, err := strconv.ParseInt(num, 10, 64)
	if err != nil || id <= 0 || num[0] == '+' {
		return RecordID{}, bad
	}
	return RecordID{Kind: k, ID: id}, nil
}

// RecordID returns the id of the note.
func (n *Note) RecordID() RecordID { return RecordID{RecordNote, n.ID} }

// RecordID returns the id of the visit.
func (v *Visit) RecordID() RecordID { return RecordID{RecordVisit, v.ID} }

// RecordID returns the id of the thank-you.
func (t *ThankYou) RecordID() RecordID { return RecordID{RecordThankYou, t.ID} }

// RecordID returns the id of the feedback.
func (f *Feedback) RecordID() RecordID { return RecordID{RecordFeedback, f.ID} }

// RecordID returns the id of the outreach entry.
func (o *Outreach) RecordID() RecordID { return RecordID{RecordOutreach, o.ID} }

// Record is one record of any kind: exactly one of its pointers is set.
type Record struct {
	Note     *Note
	Visit    *Visit
	ThankYou *ThankYou
	Feedback *Feedback
	Outreach *Outreach
}

// ID returns the id of the record r holds, zero when it holds none.
func (r Record) ID() RecordID {
	switch {
	case r.Note != nil:
		return r.Note.RecordID()
	case r.Visit != nil:
		return r.Visit.RecordID()
	case r.ThankYou != nil:
		return r.ThankYou.RecordID()
	case r.Feedback != nil:
		return r.Feedback.RecordID()
	case r.Outreach != nil:
		return r.Outreach.RecordID()
	}
	return RecordID{}
}

// CustomerID returns the customer the record is about.
func (r Record) CustomerID() int64 {
	switch {
	case r.Note != nil:
		return r.Note.CustomerID
	case r.Visit != nil:
		return r.Visit.CustomerID
	case r.ThankYou != nil:
		return r.ThankYou.CustomerID
	case r.Feedback != nil:
		return r.Feedback.CustomerID
	case r.Outreach != nil:
		return r.Outreach.CustomerID
	}
	return 0
}

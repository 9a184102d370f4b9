package model

import (
	"strconv"
)

// FollowUpItems: a follow-up is asked in person, on the card, when the
// customer comes in. It joins the Friday queue only when it is
// FollowUpOverdue days past its ask-on day and they have not visited since
// that day: then it is a call to ask.
func (r WeekRules) FollowUpItems(today Date, cs []FollowUpCandidate) []Item {
	by := r.FollowUpDue(today)
	out := make([]Item, 0, len(cs))
	for _, c := range cs {
		if c.AskOn.IsZero() || c.AskOn.After(by) || !c.LastVisit.Before(c.AskOn) {
			continue
		}
		out = append(out, Item{
			ID: ItemID(KindFollowUp, c.CustomerID, strconv.FormatInt(c.NoteID, 10)), Kind: KindFollowUp,
			CustomerID: c.CustomerID, Customer: c.Name,
			Reason: "call to ask: " + Clip(c.Text, 100) + " (meant to ask on " + c.AskOn.short() + ")",
			Due:    c.AskOn, NoteID: c.NoteID, Private: c.Private, About: c.Text,
		})
	}
	return out
}

// FollowUpDue is the latest ask-on day a follow-up on the queue on today
// can have.
func (r WeekRules) FollowUpDue(today Date) Date { return today.AddDays(-r.FollowUpOverdue) }

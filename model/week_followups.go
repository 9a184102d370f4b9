package model

import (
	"strconv"
)

// FollowUpItems: notes whose ask-on day is by the end of the window ahead.
func (r WeekRules) FollowUpItems(today Date, cs []FollowUpCandidate) []Item {
	_, end := r.Ahead(today)
	out := make([]Item, 0, len(cs))
	for _, c := range cs {
		if c.AskOn.IsZero() || c.AskOn.After(end) {
			continue
		}
		when := "ask on " + c.AskOn.short()
		if c.AskOn.Before(today) {
			when = "meant to ask on " + c.AskOn.short()
		}
		out = append(out, Item{
			ID: ItemID(KindFollowUp, c.CustomerID, strconv.FormatInt(c.NoteID, 10)), Kind: KindFollowUp,
			CustomerID: c.CustomerID, Customer: c.Name, Reason: when + ": " + Clip(c.Text, 100),
			Due: c.AskOn, NoteID: c.NoteID, Private: c.Private,
		})
	}
	return out
}

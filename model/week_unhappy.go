package model

import (
	"fmt"
	"strconv"
)

// UnhappyItems: feedback rated UnhappyRating or lower without a reply,
// whatever its age. Due the day it was given, so old ones come first.
// UnhappyRating is mirrored in SQL, in the partial index feedback_unhappy
// (store/migrations/0002_week.sql) the store's query is written for:
// store.TestWeekUnhappyIndex guards it.
func (r WeekRules) UnhappyItems(cs []FeedbackCandidate) []Item {
	var out []Item
	for _, c := range cs {
		if c.Rating > UnhappyRating {
			continue
		}
		reason := fmt.Sprintf("rated %d/5 on %s", c.Rating, c.On.short())
		if c.Comment != "" {
			reason += fmt.Sprintf(": %q", Clip(c.Comment, 80))
		}
		out = append(out, Item{
			ID: ItemID(KindUnhappy, c.CustomerID, strconv.FormatInt(c.ID, 10)), Kind: KindUnhappy,
			CustomerID: c.CustomerID, Customer: c.Name, Reason: reason, Due: c.On, FeedbackID: c.ID, About: c.Comment,
		})
	}
	return out
}

// CameBack adds to a replied unhappy item's reason whether the person came
// back after the reply: their first visit since (zero if none).
func CameBack(reason string, visit Date) string {
	if visit.IsZero() {
		return reason + " · replied, not seen since the reply"
	}
	return reason + " · replied, came back on " + visit.short()
}

// Snoozable reports whether an item of kind may be put off to next week:
// unhappy feedback may not, it stays on the queue until replied to.
func Snoozable(kind Kind) bool { return kind != KindUnhappy }

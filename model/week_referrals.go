package model

import "strconv"

// ReferralItems: a customer someone sent us made their first visit in the
// window behind, so the one who sent them gets a thank-you, worked like
// one (a card by default). One item per person sent, so two friends sent
// are two thanks.
func (r WeekRules) ReferralItems(today Date, cs []ReferralCandidate) []Item {
	start, end := r.Behind(today)
	var out []Item
	for _, c := range cs {
		if c.FirstVisit.IsZero() || c.FirstVisit.Before(start) || c.FirstVisit.After(end) {
			continue
		}
		out = append(out, Item{
			ID:         ItemID(KindReferral, c.CustomerID, strconv.FormatInt(c.ReferredID, 10)),
			Kind:       KindReferral,
			CustomerID: c.CustomerID, Customer: c.Name,
			Reason: "sent us " + c.Referred + ", who came in for the first time on " + c.FirstVisit.short() + ": thank them",
			About:  "sending " + c.Referred + " our way",
			Due:    today,
		})
	}
	return out
}

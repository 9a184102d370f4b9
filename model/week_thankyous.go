package model

import (
	"fmt"
	"strconv"
)

// ThankYouItems: thank-yous not yet sent, due by the end of the window.
func (r WeekRules) ThankYouItems(today Date, cs []ThankYouCandidate) []Item {
	_, end := r.Ahead(today)
	var out []Item
	for _, c := range cs {
		if c.Due.After(end) {
			continue
		}
		var reason string
		switch days := c.Due.DaysUntil(today); {
		case days == 1:
			reason = "overdue since yesterday"
		case days > 1:
			reason = fmt.Sprintf("overdue since %s", c.Due.short())
		case days == 0:
			reason = "due today"
		default:
			reason = "due " + c.Due.short()
		}
		out = append(out, Item{
			ID: ItemID(KindThankYou, c.CustomerID, strconv.FormatInt(c.ID, 10)), Kind: KindThankYou,
			CustomerID: c.CustomerID, Customer: c.Name, Reason: Clip(c.Reason, 80) + ": " + reason,
			Due: c.Due, ThankYouID: c.ID, About: c.Reason,
		})
	}
	return out
}

// BigPurchaseItems suggests a thank-you card a week after a purchase in the
// window behind of at least BigPurchaseFactor times the shop's median visit
// amount that has no thank-you yet: one per customer, for their biggest.
func (r WeekRules) BigPurchaseItems(today Date, cs []PurchaseCandidate, median int64) []Item {
	if median <= 0 {
		return nil
	}
	start, end := r.Behind(today)
	best := map[int64]PurchaseCandidate{}
	var order []int64
	for _, c := range cs {
		if c.On.Before(start) || c.On.After(end) || c.Cents < int64(r.BigPurchaseFactor)*median {
			continue
		}
		b, ok := best[c.CustomerID]
		if !ok {
			order = append(order, c.CustomerID)
		}
		if !ok || c.Cents > b.Cents || (c.Cents == b.Cents && c.VisitID < b.VisitID) {
			best[c.CustomerID] = c
		}
	}
	var out []Item
	for _, id := range order {
		c := best[id]
		out = append(out, Item{
			ID: ItemID(KindThankYou, c.CustomerID, "v"+strconv.FormatInt(c.VisitID, 10)), Kind: KindThankYou,
			CustomerID: c.CustomerID, Customer: c.Name,
			Reason: fmt.Sprintf("spent %s on %s, over %d× the usual %s: send a thank-you",
				FormatCents(c.Cents), c.On.short(), r.BigPurchaseFactor, FormatCents(median)),
			Due: c.On.AddDays(r.ThankYouAfter), VisitID: c.VisitID, About: "your visit on " + c.On.short(),
		})
	}
	return out
}

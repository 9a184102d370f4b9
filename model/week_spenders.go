package model

import (
	"fmt"
	"sort"
)

// TopSpenderItems: the customer with the largest spend in the window behind
// (all of them on a tie). The id holds the queue week.
func (r WeekRules) TopSpenderItems(today Date, cs []SpendCandidate) []Item {
	var top int64
	for _, c := range cs {
		top = max(top, c.Cents)
	}
	if top <= 0 {
		return nil
	}
	var winners []SpendCandidate
	for _, c := range cs {
		if c.Cents == top {
			winners = append(winners, c)
		}
	}
	var out []Item
	for _, c := range winners {
		reason := fmt.Sprintf("top spender this week: %s", FormatCents(c.Cents))
		if len(winners) > 1 {
			reason = fmt.Sprintf("joint top spender this week (%d way tie): %s", len(winners), FormatCents(c.Cents))
		}
		out = append(out, Item{
			ID: ItemID(KindTopSpender, c.CustomerID, WeekOf(today).String()), Kind: KindTopSpender,
			CustomerID: c.CustomerID, Customer: c.Name, Reason: reason + ": say thank you", Due: today,
		})
	}
	return out
}

// CheckInItems: the CheckIns customers with the largest spend over the last
// CheckInSpendDays who have no outreach in the CheckInQuietDays before the
// queue week (so the ten stay the same while the owner works through them);
// ties at the cut go to the lower customer id. The id holds the queue week.
func (r WeekRules) CheckInItems(today Date, cs []SpendCandidate) []Item {
	var out []Item
	for i, c := range r.CheckInPicks(today, cs) {
		reason := fmt.Sprintf("#%d by spend over the last year (%s)", i+1, FormatCents(c.Cents))
		last := c.LastContact
		if last.Before(c.LastOutreach) {
			last = c.LastOutreach
		}
		if last.IsZero() {
			reason += ", never contacted"
		} else {
			reason += ", last contacted " + last.short()
		}
		out = append(out, Item{
			ID: ItemID(KindCheckIn, c.CustomerID, WeekOf(today).String()), Kind: KindCheckIn,
			CustomerID: c.CustomerID, Customer: c.Name, Reason: reason, Due: today, Rank: i + 1,
		})
	}
	return out
}

// CheckInPicks returns the customers CheckInItems picks, biggest spender
// first.
func (r WeekRules) CheckInPicks(today Date, cs []SpendCandidate) []SpendCandidate {
	// The quiet days are counted back from the start of the queue week, so
	// that checking in with this week's ten does not bring ten more.
	week := WeekOf(today)
	quiet := week.AddDays(-r.CheckInQuietDays)
	var eligible []SpendCandidate
	for _, c := range cs {
		last := c.LastOutreach
		if c.Cents <= 0 || (!last.IsZero() && !last.Before(quiet) && last.Before(week)) {
			continue
		}
		eligible = append(eligible, c)
	}
	sort.Slice(eligible, func(i, j int) bool {
		if eligible[i].Cents != eligible[j].Cents {
			return eligible[i].Cents > eligible[j].Cents
		}
		return eligible[i].CustomerID < eligible[j].CustomerID
	})
	if len(eligible) > r.CheckIns {
		eligible = eligible[:r.CheckIns]
	}
	return eligible
}

package model

// NewCustomerItems: a first visit in the window behind, or for someone who
// never visited, being added by hand in it (an imported customer was a
// customer before).
func (r WeekRules) NewCustomerItems(today Date, cs []NewCandidate) []Item {
	start, end := r.Behind(today)
	in := func(d Date) bool { return !d.IsZero() && !d.Before(start) && !d.After(end) }
	var out []Item
	for _, c := range cs {
		var reason string
		switch {
		case !c.FirstVisit.IsZero() && in(c.FirstVisit):
			reason = "first visit on " + c.FirstVisit.short()
		case c.FirstVisit.IsZero() && in(c.Added) && !c.Imported:
			reason = "added on " + c.Added.short()
		default:
			continue
		}
		out = append(out, Item{
			ID: ItemID(KindNewCustomer, c.CustomerID, ""), Kind: KindNewCustomer,
			CustomerID: c.CustomerID, Customer: c.Name, Reason: reason + ": welcome them", Due: today,
		})
	}
	return out
}

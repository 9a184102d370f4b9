package model

import (
	"slices"
)

// WeekRules are the thresholds of the queue.
type WeekRules struct {
	Days              int // length of the ahead and behind windows
	BigPurchaseFactor int // a purchase of this many times the median is big
	ThankYouAfter     int // days after a big purchase the card is due
	CheckIns          int // how many top spenders to check in with
	CheckInSpendDays  int // spend is counted over this many days
	CheckInQuietDays  int // ... for those with no outreach in this many days
	FollowUpOverdue   int // a follow-up joins the queue this many days after its ask-on day
	LapsedVisits      int // a regular has at least this many visits ...
	LapsedLookback    int // ... in this many days
	LapsedMinDays     int // and is lapsed after at least this many days away
	LapsedGapFactor   int // or this many times their median gap, if longer
	// PerKindLimit caps the open items of each kind, the soonest due
	// first (then by name): a quarter of an hour on a Friday cannot use
	// twenty thousand. Done and snoozed items do not count. 0: no cap.
	PerKindLimit int
}

// CheckInRest is how long a contacted regular rests from check-ins: a
// season, so the same ten are not asked after every week.
const CheckInRest = 90

// DefaultWeekRules are the queue's thresholds.
var DefaultWeekRules = WeekRules{
	Days:              7,
	BigPurchaseFactor: 2,
	ThankYouAfter:     7,
	CheckIns:          10,
	CheckInSpendDays:  365,
	CheckInQuietDays:  CheckInRest,
	FollowUpOverdue:   7,
	LapsedVisits:      3,
	LapsedLookback:    180,
	LapsedMinDays:     21,
	LapsedGapFactor:   2,
	PerKindLimit:      50,
}

// Ahead returns the first and last day of the window ahead of today.
func (r WeekRules) Ahead(today Date) (Date, Date) { return today, today.AddDays(r.Days - 1) }

// Behind returns the first and last day of the window behind today.
func (r WeekRules) Behind(today Date) (Date, Date) { return today.AddDays(-(r.Days - 1)), today }

// WeekData is everything the queue is built from, as the store gathers it
// in one read: each kind's candidates, what was done or snoozed this week,
// and the weeks worked.
type WeekData struct {
	Birthdays     []YearlyCandidate
	Anniversaries []YearlyCandidate
	ThankYous     []ThankYouCandidate
	Purchases     []PurchaseCandidate
	MedianCents   int64 // the shop's median visit amount
	WeekSpend     []SpendCandidate
	New           []NewCandidate
	YearSpend     []SpendCandidate
	Lapsed        []LapsedCandidate
	Feedback      []FeedbackCandidate
	FollowUps     []FollowUpCandidate
	Referrals     []ReferralCandidate

	// Beyond counts, for each kind the store cut at PerKindLimit, the open
	// items it left out: "and 1,234 more".
	Beyond map[Kind]int
	// Records are what was done or snoozed in the queue week.
	Records []ItemRecord
	// Snoozed holds, for an item snoozed this week (by id), the candidates
	// of its kind for its customer alone: the lists above leave out what
	// was acted on this week, and a snoozed item that still applies is on
	// the queue, hidden. Kinds whose lists leave nothing out need none.
	Snoozed map[string]*WeekData
	// Worked lists the weeks in which something was done, for the streak.
	Worked []Date
}

// BuildWeek builds the queue on today from d: the items of every kind,
// their states from the records, the streak, and the cut at PerKindLimit
// with its "and N more" counts.
func (r WeekRules) BuildWeek(today Date, d WeekData) *Week {
	items := r.BuildItems(today, d)
	have := make(map[string]bool, len(items))
	for _, it := range items {
		have[it.ID] = true
	}
	added := false
	for _, rec := range d.Records {
		one := d.Snoozed[rec.ID]
		if rec.State != Snoozed || have[rec.ID] || one == nil {
			continue
		}
		for _, it := range r.KindItems(today, rec.Kind, one) {
			if it.ID == rec.ID {
				it.State = Open
				items = append(items, it)
				have[it.ID], added = true, true
			}
		}
	}
	if added {
		SortByKind(items)
	}
	w := r.ApplyStates(today, items, d.Records, d.Worked)
	r.Cap(w, d.Beyond)
	return w
}

// BuildItems applies the rules to d on today and returns the open items,
// grouped by kind.
func (r WeekRules) BuildItems(today Date, d WeekData) []Item {
	var built [][]Item
	n := 0
	for _, row := range kindTable {
		for _, rule := range row.rules {
			it := rule(r, today, &d)
			built = append(built, it)
			n += len(it)
		}
	}
	items := make([]Item, 0, n)
	for _, it := range built {
		// Sort positions, not the wide items, then gather.
		order := make([]int32, len(it))
		for i := range order {
			order[i] = int32(i)
		}
		slices.SortFunc(order, func(a, b int32) int { return compareDue(&it[a], &it[b]) })
		for _, i := range order {
			items = append(items, it[i])
		}
	}
	for i := range items {
		items[i].State = Open
	}
	// Each rule's items are sorted, and added in queue order.
	return items
}

// KindItems applies the rules of one kind to d on today, in no order: the
// store uses it to find one item without building the queue.
func (r WeekRules) KindItems(today Date, kind Kind, d *WeekData) []Item {
	row := rowOf(kind)
	if row == nil {
		return nil
	}
	var items []Item
	for _, rule := range row.rules {
		items = append(items, rule(r, today, d)...)
	}
	return items
}

// ItemRecord is what the notebook remembers about an item the owner acted
// on: a snapshot of the item, so a done item stays visible for the rest of
// the week even once what it was about is closed.
type ItemRecord struct {
	Item
	Week Date // the queue week it was done or snoozed in
	On   Date // the day it was done or snoozed
}

// ApplyStates returns the week on today: the open items, marked done or
// snoozed from the records. Done is for good (the id names the occasion);
// a done item is shown for the rest of the week it was done in, and a
// snoozed one is hidden until the next week. worked lists the weeks in which
// something was done, for the streak.
func (r WeekRules) ApplyStates(today Date, items []Item, records []ItemRecord, worked []Date) *Week {
	start, end := r.Ahead(today)
	w := &Week{Today: today, Start: start, End: end, WeekOf: WeekOf(today)}
	byID := make(map[string]ItemRecord, len(records))
	for _, rec := range records {
		byID[rec.ID] = rec
	}
	seen := make(map[string]bool, len(records))
	w.Items = make([]Item, 0, len(items))
	for _, it := range items {
		if rec, ok := byID[it.ID]; ok {
			seen[it.ID] = true
			switch {
			case rec.State == Done && rec.Week == w.WeekOf:
				it.State = Done
			case rec.State == Done:
				continue // done in an earlier week: done for good
			case rec.State == Snoozed && rec.Week == w.WeekOf:
				it.State = Snoozed
			}
		}
		w.Items = append(w.Items, it)
	}
	// Items done this week that no longer qualify (their thank-you is
	// sent, the birthday has passed) stay visible as done.
	added := false
	for _, rec := range records {
		if rec.State == Done && rec.Week == w.WeekOf && !seen[rec.ID] {
			it := rec.Item
			it.State = Done
			w.Items = append(w.Items, it)
			added = true
		}
	}
	if added {
		SortByKind(w.Items)
	}
	for _, it := range w.Items {
		switch it.State {
		case Open:
			w.Open++
		case Done:
			w.Done++
		case Snoozed:
			w.Snoozed++
		}
	}
	w.Streak = Streak(worked, w.WeekOf)
	return w
}

// Cap keeps of each kind every done or snoozed item and the first
// PerKindLimit open ones in queue order, and counts in More the open ones
// left out, adding beyond: those of each kind the store did not fetch.
func (r WeekRules) Cap(w *Week, beyond map[Kind]int) {
	more := map[Kind]int{}
	for k, n := range beyond {
		if n > 0 {
			more[k] = n
		}
	}
	if r.PerKindLimit > 0 {
		open := map[Kind]int{}
		kept := w.Items[:0]
		for _, it := range w.Items {
			if it.State == Open {
				if open[it.Kind] >= r.PerKindLimit {
					more[it.Kind]++
					continue
				}
				open[it.Kind]++
			}
			kept = append(kept, it)
		}
		w.Items = kept
	}
	w.More = nil
	if len(more) > 0 {
		w.More = more
	}
	w.Open, w.Done, w.Snoozed = 0, 0, 0
	for _, it := range w.Items {
		switch it.State {
		case Open:
			w.Open++
		case Done:
			w.Done++
		case Snoozed:
			w.Snoozed++
		}
	}
}

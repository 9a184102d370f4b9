package model

import (
	"fmt"
	"sort"
)

// The lapsed rule is mirrored in SQL: the visits triggers in
// store/migrations/0002_week.sql keep each customer's gap_median (MedianGap
// over the 180 days up to their last visit), third_visit (LapsedVisits = 3)
// and lapse_on (last visit + RhythmDays + 1, with 21 and 2 written out),
// store/rhythm.go recomputes the same columns in bulk, and the store's
// lapsedCandidates (store/week_queries.go) applies the whole rule on them so
// its cut at PerKindLimit is exact. Change the rule, the thresholds in
// DefaultWeekRules or MedianGap and the SQL must follow:
// store.TestWeekRhythmMatchesModel checks the triggers against MedianGap
// and RhythmDays after inserts, deletes and edits, and
// store.TestDemoVisitStatsMatchTriggers checks the bulk recompute against
// the triggers.

// MedianGap returns the median number of days between consecutive visits
// on the given days (in any order; the same day twice is a gap of 0), and
// false when there are fewer than two gaps.
func MedianGap(days []Date) (float64, bool) {
	if len(days) < 3 {
		return 0, false
	}
	s := append([]Date(nil), days...)
	sort.Slice(s, func(i, j int) bool { return s[i].Before(s[j]) })
	gaps := make([]int, 0, len(s)-1)
	for i := 1; i < len(s); i++ {
		gaps = append(gaps, s[i-1].DaysUntil(s[i]))
	}
	sort.Ints(gaps)
	n := len(gaps)
	if n%2 == 1 {
		return float64(gaps[n/2]), true
	}
	return float64(gaps[n/2-1]+gaps[n/2]) / 2, true
}

// RhythmDays returns how many days away make a regular lapsed: twice their
// median gap, and at least LapsedMinDays.
func (r WeekRules) RhythmDays(medianGap float64) int {
	return max(r.LapsedMinDays, int(float64(r.LapsedGapFactor)*medianGap))
}

// LapsedItems: customers with at least LapsedVisits visits in the last
// LapsedLookback days whose days since their last visit exceed
// RhythmDays(median gap): a regular who stopped coming, judged by their own
// rhythm. The median gap is over their visits in the LapsedLookback days up
// to their last visit. The id holds the last visit, so the item stays done
// until they come back and lapse again. Mirrored in SQL: see the top of
// this file.
func (r WeekRules) LapsedItems(today Date, cs []LapsedCandidate) []Item {
	var out []Item
	for _, c := range cs {
		if c.LastVisit.IsZero() || c.NthLastVisit.IsZero() || c.NthLastVisit.DaysUntil(today) >= r.LapsedLookback {
			continue
		}
		away := c.LastVisit.DaysUntil(today)
		if away <= r.RhythmDays(c.MedianGap) {
			continue
		}
		out = append(out, Item{
			ID: ItemID(KindLapsed, c.CustomerID, c.LastVisit.String()), Kind: KindLapsed,
			CustomerID: c.CustomerID, Customer: c.Name,
			Reason: fmt.Sprintf("last came %s, %d days ago; %s",
				c.LastVisit.short(), away, RhythmWords(c.MedianGap)),
			Due: today,
		})
	}
	return out
}

package store

import (
	"context"
	"database/sql"

	"regulars/model"
)

// A bulk insert (the demo) sets meta 'bulk', which turns off the visits and
// notes insert triggers (migrations 0001 and 0002), and writes what they
// keep itself: the customer's columns from bulkVisitStats with the row,
// visit_years and the shop's amount counts from its own sums, and the words
// of the notes with recomputeBulk. TestDemoVisitStatsMatchTriggers checks
// all of it against the triggers, and TestWeekRhythmMatchesModel the
// triggers against the rule.

// visitStats is what the visits triggers keep on a customer's row. The
// days are text or nil, as the columns hold them.
type visitStats struct {
	last, first, third any
	count              int
	gapMedian, lapseOn any
}

// bulkVisitStats works out a customer's visitStats from the days of their
// visits, oldest first. The rhythm is model's lapsed rule (MedianGap over
// the LapsedLookback days up to the last visit; lapsed the day after
// RhythmDays), as the triggers keep it.
func bulkVisitStats(days []model.Date) visitStats {
	n := len(days)
	st := visitStats{count: n}
	if n == 0 {
		return st
	}
	last := days[n-1]
	st.last, st.first = last.String(), days[0].String()
	r := model.DefaultWeekRules
	if n < r.LapsedVisits {
		return st
	}
	st.third = days[n-r.LapsedVisits].String()
	from := last.AddDays(-(r.LapsedLookback - 1))
	k := n
	for k > 0 && !days[k-1].Before(from) {
		k--
	}
	if m, ok := model.MedianGap(days[k:]); ok {
		st.gapMedian = m
		st.lapseOn = last.AddDays(r.RhythmDays(m) + 1).String()
	}
	return st
}

// recomputeBulk sets the words of the notes (one customer_notes_fts row
// each, public and private apart) of the customers with ids in [from, to],
// all of whose notes were inserted with meta 'bulk' set: once per customer
// instead of once per note. The customers must be new.
func recomputeBulk(ctx context.Context, tx *sql.Tx, from, to int64) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO customer_notes_fts (rowid, public, private)
		SELECT customer_id, coalesce(group_concat(CASE WHEN private = 0 THEN text END, ' '), ''),
			coalesce(group_concat(CASE WHEN private = 1 THEN text END, ' '), '')
		FROM notes WHERE customer_id BETWEEN ?1 AND ?2 GROUP BY customer_id`, from, to)
	return err
}

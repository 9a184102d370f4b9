package store

import (
	"context"
	"database/sql"
)

// recomputeBulk sets what the visits and notes insert triggers keep (see
// migrations 0001 and 0002) for the customers with ids in [from, to], all
// of whose visits and notes were inserted with meta 'bulk' set: last and
// first visit, visit count, spend per year, the shop's amount counts, each
// customer's rhythm, and the words of their notes. It is done once per
// customer instead of once per row. The customers must be new: their
// visits are counted, not re-counted. The rhythm mirrors model's lapsed
// rule (model/week_lapsed.go) as the triggers do:
// TestDemoVisitStatsMatchTriggers checks this against the triggers, and
// TestWeekRhythmMatchesModel the triggers against the rule.
func recomputeBulk(ctx context.Context, tx *sql.Tx, from, to int64) error {
	for _, q := range []string{
		`UPDATE customers SET (last_visit, first_visit, visit_count) =
			(SELECT max(day), min(day), count(*) FROM visits WHERE customer_id = customers.id)
		WHERE id BETWEEN ?1 AND ?2`,
		`INSERT INTO visit_years (customer_id, year, cents, visits)
		SELECT customer_id, CAST(substr(day, 1, 4) AS INTEGER), sum(cents), count(*) FROM visits
		WHERE customer_id BETWEEN ?1 AND ?2 GROUP BY 1, 2`,
		`INSERT INTO visit_amounts (cents, visits)
		SELECT cents, count(*) FROM visits WHERE customer_id BETWEEN ?1 AND ?2 GROUP BY cents
		ON CONFLICT (cents) DO UPDATE SET visits = visits + excluded.visits`,
		`INSERT INTO visit_amount_units (unit, visits)
		SELECT cents / 100, count(*) FROM visits WHERE customer_id BETWEEN ?1 AND ?2 GROUP BY cents / 100
		ON CONFLICT (unit) DO UPDATE SET visits = visits + excluded.visits`,
		`INSERT INTO customer_notes_fts (rowid, public, private)
		SELECT customer_id, coalesce(group_concat(CASE WHEN private = 0 THEN text END, ' '), ''),
			coalesce(group_concat(CASE WHEN private = 1 THEN text END, ' '), '')
		FROM notes WHERE customer_id BETWEEN ?1 AND ?2 GROUP BY customer_id`,
		`UPDATE customers SET
			third_visit = (SELECT day FROM visits WHERE customer_id = customers.id ORDER BY day DESC LIMIT 1 OFFSET 2)
		WHERE id BETWEEN ?1 AND ?2 AND visit_count >= 3`,
		`UPDATE customers SET (gap_median, lapse_on) = (
			SELECT m, CASE WHEN m IS NOT NULL THEN date(l, '+' || (max(21, CAST(2 * m AS INTEGER)) + 1) || ' days') END
			FROM (SELECT (SELECT max(day) FROM visits WHERE customer_id = customers.id) AS l,
				(SELECT avg(gap) FROM (
					SELECT gap, row_number() OVER (ORDER BY gap) AS rn, count(*) OVER () AS n FROM (
						SELECT julianday(day) - julianday(lag(day) OVER (ORDER BY day)) AS gap FROM visits
						WHERE customer_id = customers.id
						AND day >= date((SELECT max(day) FROM visits WHERE customer_id = customers.id), '-179 days')
					) WHERE gap IS NOT NULL
				) WHERE n >= 2 AND rn BETWEEN (n + 1) / 2 AND n / 2 + 1) AS m))
		WHERE id BETWEEN ?1 AND ?2 AND visit_count >= 3`,
	} {
		if _, err := tx.ExecContext(ctx, q, from, to); err != nil {
			return err
		}
	}
	return nil
}

package store

import (
	"context"
	"database/sql"
)

// recomputeRhythm sets first_visit, third_visit, gap_median and lapse_on
// (see migrations/0002_week.sql) for the customers with ids in [from, to]
// from their visits: what the visits triggers keep per visit, done once per
// customer after a bulk insert made with meta 'bulk_visits' set.
func recomputeRhythm(ctx context.Context, tx *sql.Tx, from, to int64) error {
	if _, err := tx.ExecContext(ctx, `UPDATE customers SET
		first_visit = (SELECT min(day) FROM visits WHERE customer_id = customers.id),
		third_visit = (SELECT day FROM visits WHERE customer_id = customers.id ORDER BY day DESC LIMIT 1 OFFSET 2)
		WHERE id BETWEEN ? AND ? AND visit_count > 0`, from, to); err != nil {
		return err
	}
	_, err := tx.ExecContext(ctx, `UPDATE customers SET (gap_median, lapse_on) = (
		SELECT m, CASE WHEN m IS NOT NULL THEN date(l, '+' || (max(21, CAST(2 * m AS INTEGER)) + 1) || ' days') END
		FROM (SELECT (SELECT max(day) FROM visits WHERE customer_id = customers.id) AS l,
			(SELECT avg(gap) FROM (
				SELECT gap, row_number() OVER (ORDER BY gap) AS rn, count(*) OVER () AS n FROM (
					SELECT julianday(day) - julianday(lag(day) OVER (ORDER BY day)) AS gap FROM visits
					WHERE customer_id = customers.id
					AND day >= date((SELECT max(day) FROM visits WHERE customer_id = customers.id), '-179 days')
				) WHERE gap IS NOT NULL
			) WHERE n >= 2 AND rn BETWEEN (n + 1) / 2 AND n / 2 + 1) AS m))
		WHERE id BETWEEN ? AND ? AND visit_count >= 3`, from, to)
	return err
}

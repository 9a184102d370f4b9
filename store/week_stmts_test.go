package store

import (
	"context"
	"database/sql"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"regulars/model"
)

// The week's prepared statements: a year of queues, every day, leaves a few
// dozen texts prepared (not one set a day), and each queue is the one the
// same queries give unprepared.
func TestWeekStmtsStayFew(t *testing.T) {
	ctx := context.Background()
	s, err := Open(filepath.Join(t.TempDir(), "regulars.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	start := model.Date{Year: 2026, Month: time.January, Day: 1}
	s.Now = func() time.Time { return start.Time(time.Local).Add(10 * time.Hour) }
	for i := range 40 {
		c := &model.Customer{Name: "C" + string(rune('a'+i%26)) + string(rune('a'+i/26)),
			Birthday: model.MonthDay{Year: 1980, Month: time.Month(1 + i%12), Day: 1 + i%28}}
		if err := s.CreateCustomer(ctx, c); err != nil {
			t.Fatal(err)
		}
		for j := range 1 + i%4 {
			v := &model.Visit{CustomerID: c.ID, On: start.AddDays(i*9 + j*31), Cents: int64(500 + 300*i + 70*j)}
			if err := s.AddVisit(ctx, v); err != nil {
				t.Fatal(err)
			}
		}
	}
	for today := start; today.Year == 2026; today = today.AddDays(1) {
		got, err := s.Week(ctx, today)
		if err != nil {
			t.Fatal(err)
		}
		if today.Day != 1 && today.Day != 29 {
			continue
		}
		var want *model.Week
		err = s.readTx(ctx, func(tx *sql.Tx) (err error) {
			want, err = week(ctx, tx, today, time.Local, model.DefaultWeekRules, nil)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("%s: the queue through prepared statements differs:\n got %+v\nwant %+v", today, got, want)
		}
	}
	s.weekStmts.mu.Lock()
	n := len(s.weekStmts.stmts)
	s.weekStmts.mu.Unlock()
	if n == 0 || n > 80 {
		t.Errorf("%d statements prepared over a year of queues, want a few dozen", n)
	}
	t.Logf("%d statements prepared", n)
}

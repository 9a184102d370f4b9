package store

import (
	"context"
	"database/sql"
	"runtime"
	"syscall"
	"time"
	"unsafe"

	"regulars/model"
)

// threadCPU is the CPU time of the calling thread (its goroutine locked to
// it): what a part of the queue costs, whatever else runs on the machine.
func threadCPU() time.Duration {
	var ts syscall.Timespec
	const clockThreadCPUTime = 3 // CLOCK_THREAD_CPUTIME_ID
	syscall.Syscall(syscall.SYS_CLOCK_GETTIME, clockThreadCPUTime, uintptr(unsafe.Pointer(&ts)), 0)
	return time.Duration(ts.Nano())
}

// WeekParts computes the queue on today as Week does, step by step, and
// adds each step's CPU time (kinds by name; "records", "states" for the
// rules, "recipients" and "rest") to parts.
func WeekParts(s *Store, today model.Date, parts map[string]time.Duration) error {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	ctx := context.Background()
	loc := s.Now().Location()
	r := model.DefaultWeekRules
	return s.readTx(ctx, func(sqltx *sql.Tx) error {
		tx := s.preparedTx(sqltx)
		t := threadCPU()
		lap := func(part string) {
			now := threadCPU()
			parts[part] += now - t
			t = now
		}
		weekOf := model.WeekOf(today)
		on := weekFor{today: today, loc: loc, r: r, sc: weekScope{limit: r.PerKindLimit, weekOf: weekOf}}
		d := model.WeekData{Beyond: map[model.Kind]int{}}
		for _, kind := range model.Kinds {
			n, err := gatherKind(ctx, tx, kind, on, &d)
			if err != nil {
				return err
			}
			d.Beyond[kind] = n
			lap(string(kind))
		}
		var err error
		if d.Records, err = itemRecords(ctx, tx, weekOf, ""); err != nil {
			return err
		}
		if d.Worked, err = workedWeeks(ctx, tx); err != nil {
			return err
		}
		lap("records")
		w := r.BuildWeek(today, d)
		lap("rules")
		if w.Recipients, err = recipients(ctx, tx, nil, w.Items); err != nil {
			return err
		}
		lap("recipients")
		if w.Templates, err = templates(ctx, tx); err != nil {
			return err
		}
		if w.WonBack, err = wonBack(ctx, tx, today, loc); err != nil {
			return err
		}
		if err := cameBack(ctx, tx, w); err != nil {
			return err
		}
		lap("rest")
		w.People()
		lap("people")
		return nil
	})
}

// WeekAside are the kinds the queue's second connection gathers.
func WeekAside() []model.Kind { return weekAside }

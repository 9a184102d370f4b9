package interchange

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/emersion/go-ical"

	"regulars/model"
)

// The calendar written event by event is, byte for byte, the calendar
// go-ical encodes whole (as it was written before it was streamed): any
// number of customers, with birthdays, anniversaries, partners, long
// names that fold and characters that need escaping.
func TestICSWriterStreamsTheWholeCalendar(t *testing.T) {
	now := time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)
	rng := rand.New(rand.NewPCG(7, 8))
	names := []string{"Anna", "Zoë Müller-Lüdenscheidt, the one with the long name that folds over the line", "Ana; \"Bo\"", "李小龍", "O'Brien, Seán"}
	for _, n := range []int{1, 2, 3, 17, 200} {
		var recs []Record
		for i := range n {
			r := Record{UID: fmt.Sprintf("uid-%d", i)}
			c := &r.Customer
			c.ID = int64(i + 1)
			c.Name = names[rng.IntN(len(names))]
			if rng.IntN(4) > 0 {
				c.Birthday = model.MonthDay{Year: []int{0, 1980}[rng.IntN(2)], Month: time.Month(1 + rng.IntN(12)), Day: 1 + rng.IntN(28)}
			}
			if rng.IntN(3) == 0 {
				c.Anniversary = model.MonthDay{Month: 2, Day: 29}
				c.Partner = names[rng.IntN(len(names))]
			}
			c.Archived = rng.IntN(10) == 0
			recs = append(recs, r)
		}
		var streamed bytes.Buffer
		w := NewICSWriter(&streamed, now)
		for i := range recs {
			if err := w.Write(&recs[i]); err != nil {
				t.Fatal(err)
			}
		}
		err := w.Close()

		whole := NewICSWriter(nil, now)
		cal := ical.NewCalendar()
		cal.Props = whole.props
		for i := range recs {
			c := &recs[i].Customer
			if c.Archived {
				continue
			}
			if !c.Birthday.IsZero() {
				cal.Children = append(cal.Children, yearlyEvent(c, RecordUID(&recs[i]), "birthday", "Birthday: "+c.Name, c.Birthday, whole.today, whole.now))
			}
			if !c.Anniversary.IsZero() {
				cal.Children = append(cal.Children, yearlyEvent(c, RecordUID(&recs[i]), "anniversary", "Anniversary: "+c.Name+" & "+c.Partner, c.Anniversary, whole.today, whole.now))
			}
		}
		if len(cal.Children) == 0 {
			if err == nil || streamed.Len() > 0 {
				t.Fatalf("%d customers without dates: %v, %d bytes written", n, err, streamed.Len())
			}
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		var want bytes.Buffer
		if err := ical.NewEncoder(foldWriter{&want}).Encode(cal); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(streamed.Bytes(), want.Bytes()) {
			t.Fatalf("%d customers: streamed calendar differs from the whole one:\n%s\nwant:\n%s", n, streamed.Bytes(), want.Bytes())
		}
	}
}

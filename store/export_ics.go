package store

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"time"

	"github.com/emersion/go-ical"

	"regulars/model"
)

// ExportICS writes an iCalendar file with one yearly all-day event for every
// birthday and anniversary of the customers who are not archived, so the
// owner's calendar reminds them. go-ical encodes (it escapes text and
// refuses line breaks in values); foldWriter folds its long lines, which
// go-ical leaves as they are.
func (s *Store) ExportICS(ctx context.Context, w io.Writer) error {
	var cs []model.Customer
	if err := s.readTx(ctx, func(tx *sql.Tx) (err error) {
		cs, err = activeCustomers(ctx, tx)
		return err
	}); err != nil {
		return err
	}
	now := s.Now().UTC().Truncate(time.Second)
	today := s.Today()
	cal := ical.NewCalendar()
	cal.Props.SetText(ical.PropProductID, "-//Regulars//Regulars//EN")
	cal.Props.SetText(ical.PropVersion, "2.0")
	cal.Props.SetText(ical.PropCalendarScale, "GREGORIAN")
	name := ical.NewProp("X-WR-CALNAME") // the name calendar apps show
	name.Value = "Regulars birthdays and anniversaries"
	cal.Props.Set(name)
	for i := range cs {
		c := &cs[i]
		if !c.Birthday.IsZero() {
			cal.Children = append(cal.Children, yearlyEvent(c, "birthday", "Birthday: "+c.Name, c.Birthday, today, now))
		}
		if !c.Anniversary.IsZero() {
			title := "Anniversary: " + c.Name
			if c.Partner != "" {
				title += " & " + c.Partner
			}
			cal.Children = append(cal.Children, yearlyEvent(c, "anniversary", title, c.Anniversary, today, now))
		}
	}
	if len(cal.Children) == 0 {
		return model.Errorf(model.EINVALID, "no customer has a birthday or anniversary yet: there is nothing to put in a calendar")
	}
	if err := ical.NewEncoder(foldWriter{w}).Encode(cal); err != nil {
		return model.Errorf(model.EINVALID, "writing the calendar: %v", err)
	}
	return nil
}

// yearlyEvent is an all-day event recurring every year on md. It starts in
// the year of birth when known, else this year. A 29 February date recurs
// on the last day of February, as the week view does, instead of only in
// leap years.
func yearlyEvent(c *model.Customer, kind, title string, md model.MonthDay, today model.Date, now time.Time) *ical.Component {
	year := md.Year
	if year == 0 {
		year = today.Year
	}
	rule := "FREQ=YEARLY"
	if md.Month == time.February && md.Day == 29 {
		for !model.IsLeap(year) {
			year-- // DTSTART must be a day the rule produces
		}
		rule = "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1"
	}
	start := time.Date(year, md.Month, md.Day, 0, 0, 0, 0, time.UTC)
	ev := ical.NewEvent()
	ev.Props.SetText(ical.PropUID, customerUID(c)+"-"+kind+"@regulars")
	ev.Props.SetDateTime(ical.PropDateTimeStamp, now)
	ev.Props.SetDate(ical.PropDateTimeStart, start)
	ev.Props.SetDate(ical.PropDateTimeEnd, start.AddDate(0, 0, 1))
	rr := ical.NewProp(ical.PropRecurrenceRule)
	rr.Value = rule
	ev.Props.Set(rr)
	ev.Props.SetText(ical.PropSummary, title)
	if md.Year != 0 {
		what := "Born"
		if kind == "anniversary" {
			what = "Since"
		}
		ev.Props.SetText(ical.PropDescription, fmt.Sprintf("%s %d.", what, md.Year))
	}
	ev.Props.SetText(ical.PropTransparency, "TRANSPARENT")
	ev.Props.SetText(ical.PropCategories, kind)
	return ev.Component
}

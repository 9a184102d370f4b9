package interchange

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/emersion/go-ical"

	"regulars/model"
)

// ICSWriter writes an iCalendar file with one yearly all-day event for
// every birthday and anniversary of the customers who are not archived, so
// the owner's calendar reminds them. go-ical encodes (it escapes text and
// refuses line breaks in values); foldWriter folds its long lines, which
// go-ical leaves as they are. go-ical encodes a whole calendar at once, so
// the events are kept until Close.
type ICSWriter struct {
	w     io.Writer
	cal   *ical.Calendar
	now   time.Time
	today model.Date
}

// NewICSWriter starts a calendar written at now.
func NewICSWriter(w io.Writer, now time.Time) *ICSWriter {
	cal := ical.NewCalendar()
	cal.Props.SetText(ical.PropProductID, "-//Regulars//Regulars//EN")
	cal.Props.SetText(ical.PropVersion, "2.0")
	cal.Props.SetText(ical.PropCalendarScale, "GREGORIAN")
	name := ical.NewProp("X-WR-CALNAME") // the name calendar apps show
	name.Value = "Regulars birthdays and anniversaries"
	cal.Props.Set(name)
	return &ICSWriter{w: w, cal: cal, now: now.UTC().Truncate(time.Second), today: model.DateOf(now)}
}

// Write adds the customer's birthday and anniversary, unless archived.
func (w *ICSWriter) Write(rec *Record) error {
	c := &rec.Customer
	if c.Archived {
		return nil
	}
	if !c.Birthday.IsZero() {
		w.cal.Children = append(w.cal.Children, yearlyEvent(c, RecordUID(rec), "birthday", "Birthday: "+c.Name, c.Birthday, w.today, w.now))
	}
	if !c.Anniversary.IsZero() {
		title := "Anniversary: " + c.Name
		if c.Partner != "" {
			title += " & " + c.Partner
		}
		w.cal.Children = append(w.cal.Children, yearlyEvent(c, RecordUID(rec), "anniversary", title, c.Anniversary, w.today, w.now))
	}
	return nil
}

// Close writes the calendar; a calendar without events is an error.
func (w *ICSWriter) Close() error {
	if len(w.cal.Children) == 0 {
		return model.Errorf(model.EINVALID, "no customer has a birthday or anniversary yet: there is nothing to put in a calendar")
	}
	if err := ical.NewEncoder(foldWriter{w.w}).Encode(w.cal); err != nil {
		return model.Errorf(model.EINVALID, "writing the calendar: %v", err)
	}
	return nil
}

// yearlyEvent is an all-day event recurring every year on md. It starts in
// the year of birth when known, else this year. A 29 February date recurs
// on the last day of February, as the week view does, instead of only in
// leap years.
func yearlyEvent(c *model.Customer, uid, kind, title string, md model.MonthDay, today model.Date, now time.Time) *ical.Component {
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
	ev.Props.SetText(ical.PropUID, strings.TrimPrefix(uid, "urn:uuid:")+"-"+kind+"@regulars")
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

package interchange

import (
	"bytes"
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
// go-ical leaves as they are. go-ical encodes only whole calendars, so each
// event is encoded as a calendar of its own and written without the
// calendar's lines (but for the first event's opening ones): the same bytes
// as the whole calendar at once, without holding every event (440 MB at
// 100,000 customers).
type ICSWriter struct {
	w      io.Writer
	props  ical.Props
	now    time.Time
	today  model.Date
	events int
	buf    bytes.Buffer
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
	return &ICSWriter{w: w, props: cal.Props, now: now.UTC().Truncate(time.Second), today: model.DateOf(now)}
}

const icsEnd = "END:VCALENDAR\r\n"

// event writes one event: the calendar's opening lines before the first.
func (w *ICSWriter) event(ev *ical.Component) error {
	cal := ical.NewCalendar()
	cal.Props = w.props
	cal.Children = []*ical.Component{ev}
	w.buf.Reset()
	if err := ical.NewEncoder(&w.buf).Encode(cal); err != nil {
		return model.Errorf(model.EINVALID, "writing the calendar: %v", err)
	}
	b := bytes.TrimSuffix(w.buf.Bytes(), []byte(icsEnd))
	if w.events > 0 {
		// Values hold no line breaks, so the event begins at the first
		// line that begins it.
		b = b[bytes.Index(b, []byte("\r\nBEGIN:VEVENT\r\n"))+2:]
	}
	w.events++
	_, err := foldWriter{w.w}.Write(b)
	return err
}

// Write adds the customer's birthday and anniversary, unless archived.
func (w *ICSWriter) Write(rec *Record) error {
	c := &rec.Customer
	if c.Archived {
		return nil
	}
	if !c.Birthday.IsZero() {
		if err := w.event(yearlyEvent(c, RecordUID(rec), "birthday", "Birthday: "+c.Name, c.Birthday, w.today, w.now)); err != nil {
			return err
		}
	}
	if !c.Anniversary.IsZero() {
		title := "Anniversary: " + c.Name
		if c.Partner != "" {
			title += " & " + c.Partner
		}
		return w.event(yearlyEvent(c, RecordUID(rec), "anniversary", title, c.Anniversary, w.today, w.now))
	}
	return nil
}

// Close writes the calendar; a calendar without events is an error.
func (w *ICSWriter) Close() error {
	if w.events == 0 {
		return model.Errorf(model.EINVALID, "no customer has a birthday or anniversary yet: there is nothing to put in a calendar")
	}
	_, err := io.WriteString(w.w, icsEnd)
	return err
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

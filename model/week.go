package model

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
)

// The weekly queue: every week the owner spends a quarter of an hour on
// relationship work, and the queue says what to do. The rules are pure
// functions of candidates (narrowed by the store with SQL) and today.
//
// Here: items, their ids and states, the week and its streak. The kinds
// and their table are in week_kinds.go, the thresholds and the queue's
// assembly in week_rules.go, the candidates in week_candidates.go, and
// each rule in a file named for it: week_birthdays.go, week_thankyous.go,
// week_spenders.go (top spender, check-ins), week_newcustomers.go,
// week_lapsed.go, week_unhappy.go, week_followups.go.

// State is where an item stands this week.
type State string

// The states of a week item.
const (
	Open    State = "open"
	Done    State = "done"
	Snoozed State = "snoozed"
)

// WeekStart is the first day of a queue week: done items stay visible and
// snoozed ones hidden until the week ends, and the habit counts these weeks.
const WeekStart = time.Monday

// WeekOf returns the first day of the queue week that holds d.
func WeekOf(d Date) Date {
	back := (int(d.Weekday()) - int(WeekStart) + 7) % 7
	return d.AddDays(-back)
}

// Item is one thing to do this week.
type Item struct {
	ID         string // stable: the same item gets the same id on every run
	Kind       Kind
	CustomerID int64
	Customer   string
	Reason     string
	Due        Date
	State      State
	Rank       int  // order among items of a kind due the same day (check-ins by spend)
	Private    bool // the reason quotes a private note: hide it in screen-safe mode

	// What a draft says of it: the thank-you's reason, the feedback's
	// comment, the follow-up's text ({reason}, {ask}); the age turned.
	About string
	Age   int

	// What done closes: a pending thank-you, a follow-up note, unhappy
	// feedback; for a suggested thank-you, the big purchase.
	ThankYouID int64
	NoteID     int64
	FeedbackID int64
	VisitID    int64
}

// Week is the queue as it stands on Today.
type Week struct {
	Today   Date
	Start   Date // the queue covers Start … End (today … today+6)
	End     Date
	WeekOf  Date // the queue week, for done and snoozed states
	Items   []Item
	Open    int
	Done    int
	Snoozed int
	Streak  int // weeks in a row the queue has been worked, this one included once worked
	// More counts, for each kind cut at WeekRules.PerKindLimit, the open
	// items beyond the cut: "and 1,234 more birthdays".
	More map[Kind]int

	// For the people view and the drafts (the store fills them): how to
	// reach and address each customer on the queue, the owner's templates,
	// and how many unhappy customers came back after a reply this year.
	Recipients map[int64]Recipient
	Templates  Templates
	WonBack    int
}

// MoreOf says how many more items of kind the queue holds than it lists,
// in words ("1,234 more birthdays"), or "" when it lists them all.
func (w *Week) MoreOf(k Kind) string {
	n := w.More[k]
	if n <= 0 {
		return ""
	}
	return Thousands(int64(n)) + " more " + k.Noun(n)
}

// Header is the week's summary line: "6 to do · 3 done · 4 weeks in a row".
func (w *Week) Header() string {
	parts := []string{fmt.Sprintf("%d to do", w.Open), fmt.Sprintf("%d done", w.Done)}
	if w.Snoozed > 0 {
		parts = append(parts, fmt.Sprintf("%d snoozed", w.Snoozed))
	}
	switch w.Streak {
	case 0:
	case 1:
		parts = append(parts, "1 week worked")
	default:
		parts = append(parts, fmt.Sprintf("%d weeks in a row", w.Streak))
	}
	if w.WonBack > 0 {
		parts = append(parts, fmt.Sprintf("%d won back this year", w.WonBack))
	}
	return strings.Join(parts, " · ")
}

// Item returns the item with id, or nil.
func (w *Week) Item(id string) *Item {
	for i := range w.Items {
		if w.Items[i].ID == id {
			return &w.Items[i]
		}
	}
	return nil
}

// Visible returns the items the queue shows: open and done, not snoozed.
func (w *Week) Visible() []Item {
	var out []Item
	for _, it := range w.Items {
		if it.State != Snoozed {
			out = append(out, it)
		}
	}
	return out
}

// SortByKind orders items by kind, then due day, rank, customer and id.
func SortByKind(items []Item) {
	slices.SortFunc(items, func(a, b Item) int {
		if ra, rb := kindRank(a.Kind), kindRank(b.Kind); ra != rb {
			return ra - rb
		}
		return compareDue(&a, &b)
	})
}

// SortByDue orders items by due day, then kind, rank, customer and id.
func SortByDue(items []Item) {
	slices.SortFunc(items, func(a, b Item) int {
		if c := a.Due.Compare(b.Due); c != 0 {
			return c
		}
		if ra, rb := kindRank(a.Kind), kindRank(b.Kind); ra != rb {
			return ra - rb
		}
		return compareDue(&a, &b)
	})
}

// compareDue orders items of one kind: by due day, rank, customer and id
// (ids are unique, so the order is total).
func compareDue(a, b *Item) int {
	if c := a.Due.Compare(b.Due); c != 0 {
		return c
	}
	if a.Rank != b.Rank {
		return a.Rank - b.Rank
	}
	if c := strings.Compare(a.Customer, b.Customer); c != 0 {
		return c
	}
	return strings.Compare(a.ID, b.ID)
}

// ItemID builds an item id: kind, customer and what makes it unique, e.g.
// "birthday:42:2026".
func ItemID(kind Kind, customerID int64, key string) string {
	b := make([]byte, 0, len(kind)+len(key)+24)
	b = append(b, kind...)
	b = append(b, ':')
	b = strconv.AppendInt(b, customerID, 10)
	if key != "" {
		b = append(b, ':')
		b = append(b, key...)
	}
	return string(b)
}

// ParseItemID reads an item id back into its kind and customer.
func ParseItemID(id string) (Kind, int64, error) {
	parts := strings.SplitN(strings.TrimSpace(id), ":", 3)
	bad := Errorf(EINVALID, "%q is not a week item id (they look like birthday:42:2026; 'regulars week' lists them)", id)
	if len(parts) < 2 || kindRank(Kind(parts[0])) == len(Kinds) {
		return "", 0, bad
	}
	cid, err := strconv.ParseInt(parts[1], 10, 64)
	if err != nil || cid < 1 {
		return "", 0, bad
	}
	return Kind(parts[0]), cid, nil
}

var (
	weekdayAbbr = [...]string{"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"}
	monthAbbr   = [...]string{"", "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"}
)

// short is Short without time.Format: the queue writes thousands.
func (d Date) short() string {
	if d.Month < 1 || d.Month > 12 {
		return d.Short()
	}
	return weekdayAbbr[d.Weekday()] + " " + strconv.Itoa(d.Day) + " " + monthAbbr[d.Month]
}

// Streak counts the weeks in a row, up to thisWeek, in which the queue was
// worked. A week not yet worked does not break the streak until it is over.
func Streak(worked []Date, thisWeek Date) int {
	set := make(map[Date]bool, len(worked))
	for _, d := range worked {
		set[WeekOf(d)] = true
	}
	week := WeekOf(thisWeek)
	if !set[week] {
		week = week.AddDays(-7)
	}
	n := 0
	for set[week] {
		n++
		week = week.AddDays(-7)
	}
	return n
}

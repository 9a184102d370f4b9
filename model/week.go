package model

import (
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// The weekly queue: every week the owner spends a quarter of an hour on
// relationship work, and the queue says what to do. The rules here are pure
// functions of candidates (narrowed by the store with SQL) and today.

// Kind is what a week item is about.
type Kind string

// The kinds of week items, in the order the queue groups them.
const (
	KindBirthday    Kind = "birthday"
	KindAnniversary Kind = "anniversary"
	KindThankYou    Kind = "thank-you"
	KindTopSpender  Kind = "top-spender"
	KindNewCustomer Kind = "new-customer"
	KindCheckIn     Kind = "check-in"
	KindLapsed      Kind = "lapsed"
	KindUnhappy     Kind = "unhappy"
	KindFollowUp    Kind = "follow-up"
)

// Kinds lists every kind in queue order.
var Kinds = []Kind{KindBirthday, KindAnniversary, KindThankYou, KindTopSpender,
	KindNewCustomer, KindCheckIn, KindLapsed, KindUnhappy, KindFollowUp}

func kindRank(k Kind) int {
	for i, x := range Kinds {
		if x == k {
			return i
		}
	}
	return len(Kinds)
}

// kindNames are how a kind is named: one item, several, and as a heading.
var kindNames = map[Kind]struct{ one, many, title string }{
	KindBirthday:    {"birthday", "birthdays", "Birthdays"},
	KindAnniversary: {"anniversary", "anniversaries", "Anniversaries"},
	KindThankYou:    {"thank-you", "thank-yous", "Thank-yous"},
	KindTopSpender:  {"top spender", "top spenders", "Top spender"},
	KindNewCustomer: {"new customer", "new customers", "New customers"},
	KindCheckIn:     {"check-in", "check-ins", "Check-ins"},
	KindLapsed:      {"lapsed regular", "lapsed regulars", "Lapsed regulars"},
	KindUnhappy:     {"unhappy customer", "unhappy customers", "Unhappy customers"},
	KindFollowUp:    {"follow-up", "follow-ups", "Follow-ups"},
}

// Title is the heading of a kind's group.
func (k Kind) Title() string {
	if n, ok := kindNames[k]; ok {
		return n.title
	}
	return string(k)
}

// State is where an item stands this week.
type State string

// The states of a week item.
const (
	Open    State = "open"
	Done    State = "done"
	Snoozed State = "snoozed"
)

// WeekRules are the thresholds of the queue.
type WeekRules struct {
	Days              int // length of the ahead and behind windows
	BigPurchaseFactor int // a purchase of this many times the median is big
	ThankYouAfter     int // days after a big purchase the card is due
	CheckIns          int // how many top spenders to check in with
	CheckInSpendDays  int // spend is counted over this many days
	CheckInQuietDays  int // ... for those with no outreach in this many days
	LapsedVisits      int // a regular has at least this many visits ...
	LapsedLookback    int // ... in this many days
	LapsedMinDays     int // and is lapsed after at least this many days away
	LapsedGapFactor   int // or this many times their median gap, if longer
	// PerKindLimit caps the open items of each kind, the soonest due
	// first (then by name): a quarter of an hour on a Friday cannot use
	// twenty thousand. Done and snoozed items do not count. 0: no cap.
	PerKindLimit int
}

// DefaultWeekRules are the queue's thresholds.
var DefaultWeekRules = WeekRules{
	Days:              7,
	BigPurchaseFactor: 2,
	ThankYouAfter:     7,
	CheckIns:          10,
	CheckInSpendDays:  365,
	CheckInQuietDays:  30,
	LapsedVisits:      3,
	LapsedLookback:    180,
	LapsedMinDays:     21,
	LapsedGapFactor:   2,
	PerKindLimit:      50,
}

// WeekStart is the first day of a queue week: done items stay visible and
// snoozed ones hidden until the week ends, and the habit counts these weeks.
const WeekStart = time.Monday

// WeekOf returns the first day of the queue week that holds d.
func WeekOf(d Date) Date {
	back := (int(d.Weekday()) - int(WeekStart) + 7) % 7
	return d.AddDays(-back)
}

// Ahead returns the first and last day of the window ahead of today.
func (r WeekRules) Ahead(today Date) (Date, Date) { return today, today.AddDays(r.Days - 1) }

// Behind returns the first and last day of the window behind today.
func (r WeekRules) Behind(today Date) (Date, Date) { return today.AddDays(-(r.Days - 1)), today }

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

// Noun is what one item of a kind is, in the plural when n is not 1.
func (k Kind) Noun(n int) string {
	names, ok := kindNames[k]
	switch {
	case !ok:
		return string(k)
	case n == 1:
		return names.one
	}
	return names.many
}

// Thousands writes n with commas between the thousands: 12,345.
func Thousands(n int64) string {
	s := strconv.FormatInt(n, 10)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	if neg {
		s = "-" + s
	}
	return s
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

// Candidates for the queue, as the store finds them. Each list may hold
// more than qualifies: the rules below decide.

// YearlyCandidate is a customer with a birthday or anniversary.
type YearlyCandidate struct {
	CustomerID int64
	Name       string
	Date       MonthDay
}

// ThankYouCandidate is a thank-you not yet sent.
type ThankYouCandidate struct {
	ID         int64
	CustomerID int64
	Name       string
	Reason     string
	Due        Date
}

// PurchaseCandidate is a visit that has no thank-you.
type PurchaseCandidate struct {
	VisitID    int64
	CustomerID int64
	Name       string
	On         Date
	Cents      int64
}

// SpendCandidate is a customer's spend over some days.
type SpendCandidate struct {
	CustomerID int64
	Name       string
	Cents      int64
	// LastOutreach is the last day before the queue week the owner reached
	// out (zero if never), for check-ins.
	LastOutreach Date
}

// NewCandidate is a customer's first visit, or when they were added if
// they never visited.
type NewCandidate struct {
	CustomerID int64
	Name       string
	FirstVisit Date // zero when they never visited
	Added      Date // the day they were added, in the owner's time zone
}

// LapsedCandidate is a regular's rhythm.
type LapsedCandidate struct {
	CustomerID int64
	Name       string
	LastVisit  Date
	// NthLastVisit is the day of their LapsedVisits-th latest visit up to
	// today (zero when they have fewer): with it in the lookback window,
	// they visited often enough to count as a regular. (The store keeps
	// the third latest: LapsedVisits is 3.)
	NthLastVisit Date
	MedianGap    float64 // median days between their visits (see MedianGap)
}

// FeedbackCandidate is feedback without a reply.
type FeedbackCandidate struct {
	ID         int64
	CustomerID int64
	Name       string
	On         Date
	Rating     int
	Comment    string
}

// FollowUpCandidate is a note to ask about.
type FollowUpCandidate struct {
	NoteID     int64
	CustomerID int64
	Name       string
	AskOn      Date
	Text       string
	Private    bool
}

// WeekData is everything the rules look at.
type WeekData struct {
	Birthdays     []YearlyCandidate
	Anniversaries []YearlyCandidate
	ThankYous     []ThankYouCandidate
	Purchases     []PurchaseCandidate
	MedianCents   int64 // the shop's median visit amount
	WeekSpend     []SpendCandidate
	New           []NewCandidate
	YearSpend     []SpendCandidate
	Lapsed        []LapsedCandidate
	Feedback      []FeedbackCandidate
	FollowUps     []FollowUpCandidate
}

// BuildItems applies the rules to d on today and returns the open items,
// grouped by kind.
func (r WeekRules) BuildItems(today Date, d WeekData) []Item {
	items := make([]Item, 0, len(d.Birthdays)+len(d.Anniversaries)+len(d.ThankYous)+len(d.Purchases)+
		len(d.New)+len(d.Lapsed)+len(d.Feedback)+len(d.FollowUps)+r.CheckIns+4)
	add := func(it []Item) {
		// Sort positions, not the wide items, then gather.
		order := make([]int32, len(it))
		for i := range order {
			order[i] = int32(i)
		}
		slices.SortFunc(order, func(a, b int32) int { return compareDue(&it[a], &it[b]) })
		for _, i := range order {
			items = append(items, it[i])
		}
	}
	add(r.YearlyItems(today, KindBirthday, d.Birthdays))
	add(r.YearlyItems(today, KindAnniversary, d.Anniversaries))
	add(r.ThankYouItems(today, d.ThankYous))
	add(r.BigPurchaseItems(today, d.Purchases, d.MedianCents))
	add(r.TopSpenderItems(today, d.WeekSpend))
	add(r.NewCustomerItems(today, d.New))
	add(r.CheckInItems(today, d.YearSpend))
	add(r.LapsedItems(today, d.Lapsed))
	add(r.UnhappyItems(d.Feedback))
	add(r.FollowUpItems(today, d.FollowUps))
	for i := range items {
		items[i].State = Open
	}
	// Each kind is sorted, and added in queue order.
	return items
}

// YearlyItems: a birthday or anniversary in the window ahead. The id holds
// the year it falls in, so next year's is a new item.
func (r WeekRules) YearlyItems(today Date, kind Kind, cs []YearlyCandidate) []Item {
	_, end := r.Ahead(today)
	var out []Item
	for _, c := range cs {
		if c.Date.IsZero() {
			continue
		}
		on := c.Date.Next(today)
		if on.After(end) {
			continue
		}
		var reason string
		age, known := c.Date.AgeOn(on)
		switch {
		case kind == KindBirthday && known:
			reason = "turns " + strconv.Itoa(age) + " on " + on.short()
		case kind == KindBirthday:
			reason = "birthday on " + on.short()
		case known && age > 0:
			reason = fmt.Sprintf("%s anniversary on %s", Ordinal(age), on.short())
		default:
			reason = "anniversary on " + on.short()
		}
		out = append(out, Item{
			ID: ItemID(kind, c.CustomerID, strconv.Itoa(on.Year)), Kind: kind,
			CustomerID: c.CustomerID, Customer: c.Name, Reason: reason, Due: on,
		})
	}
	return out
}

// Ordinal writes n as "1st", "2nd", "3rd", "11th", "22nd".
func Ordinal(n int) string {
	suffix := "th"
	if n%100 < 11 || n%100 > 13 {
		switch n % 10 {
		case 1:
			suffix = "st"
		case 2:
			suffix = "nd"
		case 3:
			suffix = "rd"
		}
	}
	return strconv.Itoa(n) + suffix
}

// ThankYouItems: thank-yous not yet sent, due by the end of the window.
func (r WeekRules) ThankYouItems(today Date, cs []ThankYouCandidate) []Item {
	_, end := r.Ahead(today)
	var out []Item
	for _, c := range cs {
		if c.Due.After(end) {
			continue
		}
		var reason string
		switch days := c.Due.DaysUntil(today); {
		case days == 1:
			reason = "overdue since yesterday"
		case days > 1:
			reason = fmt.Sprintf("overdue since %s", c.Due.short())
		case days == 0:
			reason = "due today"
		default:
			reason = "due " + c.Due.short()
		}
		out = append(out, Item{
			ID: ItemID(KindThankYou, c.CustomerID, strconv.FormatInt(c.ID, 10)), Kind: KindThankYou,
			CustomerID: c.CustomerID, Customer: c.Name, Reason: clip(c.Reason, 80) + ": " + reason,
			Due: c.Due, ThankYouID: c.ID,
		})
	}
	return out
}

// BigPurchaseItems suggests a thank-you card a week after a purchase in the
// window behind of at least BigPurchaseFactor times the shop's median visit
// amount that has no thank-you yet: one per customer, for their biggest.
func (r WeekRules) BigPurchaseItems(today Date, cs []PurchaseCandidate, median int64) []Item {
	if median <= 0 {
		return nil
	}
	start, end := r.Behind(today)
	best := map[int64]PurchaseCandidate{}
	var order []int64
	for _, c := range cs {
		if c.On.Before(start) || c.On.After(end) || c.Cents < int64(r.BigPurchaseFactor)*median {
			continue
		}
		b, ok := best[c.CustomerID]
		if !ok {
			order = append(order, c.CustomerID)
		}
		if !ok || c.Cents > b.Cents || (c.Cents == b.Cents && c.VisitID < b.VisitID) {
			best[c.CustomerID] = c
		}
	}
	var out []Item
	for _, id := range order {
		c := best[id]
		out = append(out, Item{
			ID: ItemID(KindThankYou, c.CustomerID, "v"+strconv.FormatInt(c.VisitID, 10)), Kind: KindThankYou,
			CustomerID: c.CustomerID, Customer: c.Name,
			Reason: fmt.Sprintf("spent %s on %s, over %d× the usual %s: send a thank-you",
				FormatCents(c.Cents), c.On.short(), r.BigPurchaseFactor, FormatCents(median)),
			Due: c.On.AddDays(r.ThankYouAfter), VisitID: c.VisitID,
		})
	}
	return out
}

// TopSpenderItems: the customer with the largest spend in the window behind
// (all of them on a tie). The id holds the queue week.
func (r WeekRules) TopSpenderItems(today Date, cs []SpendCandidate) []Item {
	var top int64
	for _, c := range cs {
		top = max(top, c.Cents)
	}
	if top <= 0 {
		return nil
	}
	var winners []SpendCandidate
	for _, c := range cs {
		if c.Cents == top {
			winners = append(winners, c)
		}
	}
	var out []Item
	for _, c := range winners {
		reason := fmt.Sprintf("top spender this week: %s", FormatCents(c.Cents))
		if len(winners) > 1 {
			reason = fmt.Sprintf("joint top spender this week (%d way tie): %s", len(winners), FormatCents(c.Cents))
		}
		out = append(out, Item{
			ID: ItemID(KindTopSpender, c.CustomerID, WeekOf(today).String()), Kind: KindTopSpender,
			CustomerID: c.CustomerID, Customer: c.Name, Reason: reason + ": say thank you", Due: today,
		})
	}
	return out
}

// NewCustomerItems: a first visit in the window behind, or for someone who
// never visited, being added in it.
func (r WeekRules) NewCustomerItems(today Date, cs []NewCandidate) []Item {
	start, end := r.Behind(today)
	in := func(d Date) bool { return !d.IsZero() && !d.Before(start) && !d.After(end) }
	var out []Item
	for _, c := range cs {
		var reason string
		switch {
		case !c.FirstVisit.IsZero() && in(c.FirstVisit):
			reason = "first visit on " + c.FirstVisit.short()
		case c.FirstVisit.IsZero() && in(c.Added):
			reason = "added on " + c.Added.short()
		default:
			continue
		}
		out = append(out, Item{
			ID: ItemID(KindNewCustomer, c.CustomerID, ""), Kind: KindNewCustomer,
			CustomerID: c.CustomerID, Customer: c.Name, Reason: reason + ": welcome them", Due: today,
		})
	}
	return out
}

// CheckInItems: the CheckIns customers with the largest spend over the last
// CheckInSpendDays who have no outreach in the CheckInQuietDays before the
// queue week (so the ten stay the same while the owner works through them);
// ties at the cut go to the lower customer id. The id holds the queue week.
func (r WeekRules) CheckInItems(today Date, cs []SpendCandidate) []Item {
	var out []Item
	for i, c := range r.CheckInPicks(today, cs) {
		reason := fmt.Sprintf("#%d by spend over the last year (%s)", i+1, FormatCents(c.Cents))
		if c.LastOutreach.IsZero() {
			reason += ", never contacted"
		} else {
			reason += fmt.Sprintf(", last contact %s", c.LastOutreach.short())
		}
		out = append(out, Item{
			ID: ItemID(KindCheckIn, c.CustomerID, WeekOf(today).String()), Kind: KindCheckIn,
			CustomerID: c.CustomerID, Customer: c.Name, Reason: reason, Due: today, Rank: i + 1,
		})
	}
	return out
}

// CheckInPicks returns the customers CheckInItems picks, biggest spender
// first.
func (r WeekRules) CheckInPicks(today Date, cs []SpendCandidate) []SpendCandidate {
	// The quiet days are counted back from the start of the queue week, so
	// that checking in with this week's ten does not bring ten more.
	week := WeekOf(today)
	quiet := week.AddDays(-r.CheckInQuietDays)
	var eligible []SpendCandidate
	for _, c := range cs {
		last := c.LastOutreach
		if c.Cents <= 0 || (!last.IsZero() && !last.Before(quiet) && last.Before(week)) {
			continue
		}
		eligible = append(eligible, c)
	}
	sort.Slice(eligible, func(i, j int) bool {
		if eligible[i].Cents != eligible[j].Cents {
			return eligible[i].Cents > eligible[j].Cents
		}
		return eligible[i].CustomerID < eligible[j].CustomerID
	})
	if len(eligible) > r.CheckIns {
		eligible = eligible[:r.CheckIns]
	}
	return eligible
}

// MedianGap returns the median number of days between consecutive visits
// on the given days (in any order; the same day twice is a gap of 0), and
// false when there are fewer than two gaps.
func MedianGap(days []Date) (float64, bool) {
	if len(days) < 3 {
		return 0, false
	}
	s := append([]Date(nil), days...)
	sort.Slice(s, func(i, j int) bool { return s[i].Before(s[j]) })
	gaps := make([]int, 0, len(s)-1)
	for i := 1; i < len(s); i++ {
		gaps = append(gaps, s[i-1].DaysUntil(s[i]))
	}
	sort.Ints(gaps)
	n := len(gaps)
	if n%2 == 1 {
		return float64(gaps[n/2]), true
	}
	return float64(gaps[n/2-1]+gaps[n/2]) / 2, true
}

// RhythmDays returns how many days away make a regular lapsed: twice their
// median gap, and at least LapsedMinDays.
func (r WeekRules) RhythmDays(medianGap float64) int {
	return max(r.LapsedMinDays, int(float64(r.LapsedGapFactor)*medianGap))
}

// LapsedItems: customers with at least LapsedVisits visits in the last
// LapsedLookback days whose days since their last visit exceed
// RhythmDays(median gap): a regular who stopped coming, judged by their own
// rhythm. The median gap is over their visits in the LapsedLookback days up
// to their last visit. The id holds the last visit, so the item stays done
// until they come back and lapse again.
func (r WeekRules) LapsedItems(today Date, cs []LapsedCandidate) []Item {
	var out []Item
	for _, c := range cs {
		if c.LastVisit.IsZero() || c.NthLastVisit.IsZero() || c.NthLastVisit.DaysUntil(today) >= r.LapsedLookback {
			continue
		}
		away := c.LastVisit.DaysUntil(today)
		if away <= r.RhythmDays(c.MedianGap) {
			continue
		}
		out = append(out, Item{
			ID: ItemID(KindLapsed, c.CustomerID, c.LastVisit.String()), Kind: KindLapsed,
			CustomerID: c.CustomerID, Customer: c.Name,
			Reason: fmt.Sprintf("last came %s, %d days ago; usually every %s days",
				c.LastVisit.short(), away, strconv.FormatFloat(c.MedianGap, 'f', -1, 64)),
			Due: today,
		})
	}
	return out
}

// UnhappyItems: feedback rated UnhappyRating or lower without a reply,
// whatever its age. Due the day it was given, so old ones come first.
func (r WeekRules) UnhappyItems(cs []FeedbackCandidate) []Item {
	var out []Item
	for _, c := range cs {
		if c.Rating > UnhappyRating {
			continue
		}
		reason := fmt.Sprintf("rated %d/5 on %s", c.Rating, c.On.short())
		if c.Comment != "" {
			reason += fmt.Sprintf(": %q", clip(c.Comment, 80))
		}
		out = append(out, Item{
			ID: ItemID(KindUnhappy, c.CustomerID, strconv.FormatInt(c.ID, 10)), Kind: KindUnhappy,
			CustomerID: c.CustomerID, Customer: c.Name, Reason: reason, Due: c.On, FeedbackID: c.ID,
		})
	}
	return out
}

// FollowUpItems: notes whose ask-on day is by the end of the window ahead.
func (r WeekRules) FollowUpItems(today Date, cs []FollowUpCandidate) []Item {
	_, end := r.Ahead(today)
	out := make([]Item, 0, len(cs))
	for _, c := range cs {
		if c.AskOn.IsZero() || c.AskOn.After(end) {
			continue
		}
		when := "ask on " + c.AskOn.short()
		if c.AskOn.Before(today) {
			when = "meant to ask on " + c.AskOn.short()
		}
		out = append(out, Item{
			ID: ItemID(KindFollowUp, c.CustomerID, strconv.FormatInt(c.NoteID, 10)), Kind: KindFollowUp,
			CustomerID: c.CustomerID, Customer: c.Name, Reason: when + ": " + clip(c.Text, 100),
			Due: c.AskOn, NoteID: c.NoteID, Private: c.Private,
		})
	}
	return out
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

// clip shortens s to one line of at most n characters.
func clip(s string, n int) string {
	if len(s) <= n && tidy(s) {
		return s
	}
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return strings.TrimSpace(string(r[:n-1])) + "…"
}

// tidy reports whether s is one line with single spaces and no space at
// either end, as clip would make it.
func tidy(s string) bool {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == ' ' && (i == 0 || i == len(s)-1 || s[i+1] == ' '):
			return false
		case c < ' ' || c >= 0x80:
			return false // control characters, or other spaces: the slow way
		}
	}
	return true
}

// ItemRecord is what the notebook remembers about an item the owner acted
// on: a snapshot of the item, so a done item stays visible for the rest of
// the week even once what it was about is closed.
type ItemRecord struct {
	Item
	Week Date // the queue week it was done or snoozed in
	On   Date // the day it was done or snoozed
}

// ApplyStates returns the week on today: the open items, marked done or
// snoozed from the records. Done is for good (the id names the occasion);
// a done item is shown for the rest of the week it was done in, and a
// snoozed one is hidden until the next week. worked lists the weeks in which
// something was done, for the streak.
func (r WeekRules) ApplyStates(today Date, items []Item, records []ItemRecord, worked []Date) *Week {
	start, end := r.Ahead(today)
	w := &Week{Today: today, Start: start, End: end, WeekOf: WeekOf(today)}
	byID := make(map[string]ItemRecord, len(records))
	for _, rec := range records {
		byID[rec.ID] = rec
	}
	seen := make(map[string]bool, len(records))
	w.Items = make([]Item, 0, len(items))
	for _, it := range items {
		if rec, ok := byID[it.ID]; ok {
			seen[it.ID] = true
			switch {
			case rec.State == Done && rec.Week == w.WeekOf:
				it.State = Done
			case rec.State == Done:
				continue // done in an earlier week: done for good
			case rec.State == Snoozed && rec.Week == w.WeekOf:
				it.State = Snoozed
			}
		}
		w.Items = append(w.Items, it)
	}
	// Items done this week that no longer qualify (their thank-you is
	// sent, the birthday has passed) stay visible as done.
	added := false
	for _, rec := range records {
		if rec.State == Done && rec.Week == w.WeekOf && !seen[rec.ID] {
			it := rec.Item
			it.State = Done
			w.Items = append(w.Items, it)
			added = true
		}
	}
	if added {
		SortByKind(w.Items)
	}
	for _, it := range w.Items {
		switch it.State {
		case Open:
			w.Open++
		case Done:
			w.Done++
		case Snoozed:
			w.Snoozed++
		}
	}
	w.Streak = Streak(worked, w.WeekOf)
	return w
}

// Cap keeps of each kind every done or snoozed item and the first
// PerKindLimit open ones in queue order, and counts in More the open ones
// left out, adding beyond: those of each kind the store did not fetch.
func (r WeekRules) Cap(w *Week, beyond map[Kind]int) {
	more := map[Kind]int{}
	for k, n := range beyond {
		if n > 0 {
			more[k] = n
		}
	}
	if r.PerKindLimit > 0 {
		open := map[Kind]int{}
		kept := w.Items[:0]
		for _, it := range w.Items {
			if it.State == Open {
				if open[it.Kind] >= r.PerKindLimit {
					more[it.Kind]++
					continue
				}
				open[it.Kind]++
			}
			kept = append(kept, it)
		}
		w.Items = kept
	}
	w.More = nil
	if len(more) > 0 {
		w.More = more
	}
	w.Open, w.Done, w.Snoozed = 0, 0, 0
	for _, it := range w.Items {
		switch it.State {
		case Open:
			w.Open++
		case Done:
			w.Done++
		case Snoozed:
			w.Snoozed++
		}
	}
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

// DefaultChannel is how an item of kind is usually done: a card for the
// occasions, a call for an unhappy customer, a word in person for a
// follow-up or a newcomer, a message otherwise.
func DefaultChannel(kind Kind) Channel {
	switch kind {
	case KindBirthday, KindAnniversary, KindThankYou:
		return Card
	case KindUnhappy:
		return Call
	case KindFollowUp, KindNewCustomer, KindTopSpender:
		return InPerson
	}
	return Message
}
